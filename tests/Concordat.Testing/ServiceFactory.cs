using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Concordat.Testing;

/// <summary>
/// Hosts one service in the test process (<see cref="WebApplicationFactory{TEntryPoint}"/>) against the
/// real servers: its own database and vhost, made for this fixture and removed afterwards.
/// </summary>
public abstract class ServiceFactory<TProgram>(string databaseResource) : WebApplicationFactory<TProgram>, IAsyncLifetime
    where TProgram : class
{
    private readonly string _database = TestServers.UniqueName(databaseResource);

    /// <summary>The vhost this fixture's service uses.</summary>
    public string VirtualHost { get; } = TestServers.UniqueName("vhost");

    public string DatabaseConnectionString { get; private set; } = "";

    public Uri MessagingUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DatabaseConnectionString = await TestServers.CreateDatabaseAsync(_database);
        MessagingUri = await TestServers.CreateVirtualHostAsync(VirtualHost);

        // Ready means migrated and connected, with every consumer's queue bound: a test that publishes
        // before then would lose its message to an exchange with no queue yet.
        using var client = CreateClient();
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60),
            $"{typeof(TProgram).Assembly.GetName().Name} to be ready");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{databaseResource}", DatabaseConnectionString);
        builder.UseSetting("ConnectionStrings:messaging", MessagingUri.ToString());
        builder.UseSetting("Concordat:InstanceId", "test");
        builder.UseSetting("Concordat:BaseUri", "http://concordat.test/");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestServers.DropDatabaseAsync(_database);
        await TestServers.DeleteVirtualHostAsync(VirtualHost);
    }
}
