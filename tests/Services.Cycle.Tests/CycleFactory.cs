using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.Cycle.Tests;

/// <summary>The cycle service on its own database and vhost.</summary>
public sealed class CycleFactory() : ServiceFactory<Program>(ResourceNames.CycleDatabase);
