using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.Registry.Tests;

/// <summary>The registry service on its own database and vhost.</summary>
public sealed class RegistryFactory() : ServiceFactory<Program>(ResourceNames.RegistryDatabase);
