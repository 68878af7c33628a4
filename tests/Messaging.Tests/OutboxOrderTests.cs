using Concordat.Contracts.Registry;
using Concordat.Messaging.TestHost;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Concordat.Messaging.Tests;

/// <summary>Events added in one save leave the outbox in the order they were added: a dissolution before the memberships it ends.</summary>
public sealed class OutboxOrderTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueName("order");
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestServers.CreateDatabaseAsync(_database);

    public Task DisposeAsync() => TestServers.DropDatabaseAsync(_database);

    [Fact]
    public void Event_ids_increase_in_the_order_they_are_handed_out_and_stay_version_7()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => OrderedIds.Next()).ToList();

        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(pair.First.CompareTo(pair.Second) < 0, $"{pair.First} then {pair.Second}"));
        Assert.All(ids, id => Assert.Equal(7, id.Version));
        Assert.All(ids, id => Assert.Equal(0b10, id.Variant >> 2));
    }

    [Fact]
    public async Task Events_added_in_one_save_are_sequenced_in_the_order_they_were_added()
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
        var names = Enumerable.Range(1, 200).Select(i => $"body {i:D3}").ToList();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            foreach (var name in names)
            {
                db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{name}", BodyId = Guid.CreateVersion7(), Name = name });
            }

            await db.SaveChangesAsync();
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NotesDbContext>();
            var sequenced = await db.Set<OutboxMessage>().OrderBy(m => m.Sequence).Select(m => m.Subject).ToListAsync();
            Assert.Equal(names.Select(n => $"bodies/{n}"), sequenced);
        }

        await host.StopAsync();
    }
}
