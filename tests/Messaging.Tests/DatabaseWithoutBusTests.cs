using Concordat.Messaging.TestHost;
using Concordat.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.Tests;

/// <summary>Registering a database starts nothing that needs a broker: the relay is a registration of its own.</summary>
public sealed class DatabaseWithoutBusTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueName("nobus");
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestServers.CreateDatabaseAsync(_database);

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_database);

    [Fact]
    public async Task A_service_with_a_database_and_no_broker_starts_and_saves_without_a_relay()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Concordat:InstanceId"] = "test",
            [$"ConnectionStrings:{NotesHost.DatabaseName}"] = _connectionString,
        });
        builder.AddServiceDatabase<NotesDbContext>(NotesHost.DatabaseName);
        using var host = builder.Build();

        await host.StartAsync();
        await NotesHost.CreateSchemaAsync(host.Services);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            db.Notes.Add(new Note { Id = Guid.CreateVersion7(), Text = "no broker needed" });
            await db.SaveChangesAsync();
        }

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service is OutboxRelay<NotesDbContext>);
        await host.StopAsync();
    }
}
