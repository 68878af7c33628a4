using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.Scrutiny.Tests;

/// <summary>The scrutiny service on its own database and vhost.</summary>
public sealed class ScrutinyFactory() : ServiceFactory<Program>(ResourceNames.ScrutinyDatabase);
