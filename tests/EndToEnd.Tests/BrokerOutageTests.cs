using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The platform on a RabbitMQ node of this test's own, which the test kills with SIGKILL in the middle of
/// a stream of changes and starts again on the same data, as a crashed broker would come back.
/// </summary>
public sealed class BrokerOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Changes = 1_000;
    private const string VirtualHost = "concordat";
    private readonly string _brokerData = Path.Combine(Path.GetTempPath(), "concordat-broker-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentQueue<string> _brokerLog = new();
    private RabbitMqNode _broker = null!;
    private AspirePlatform? _platform;

    public async Task InitializeAsync()
    {
        _broker = new RabbitMqNode(_brokerData, _brokerLog.Enqueue);
        await _broker.StartAsync();
        using (var management = new RabbitMqManagement(_broker.ManagementUri))
        {
            await management.EnsureVirtualHostAsync(VirtualHost, "guest");
        }

        // A thousand changes as fast as four clients can send them is far over the gateway's rate limits,
        // which this test is not about: it lifts them. Its clients carry an administrator's token, so they count as identified.
        _platform = await AspirePlatform.StartAsync(new AspirePlatform.Options
        {
            Messaging = new UriBuilder(_broker.ConnectionUri) { Path = "/" + VirtualHost }.Uri,
            GatewayEnvironment = new Dictionary<string, string>
            {
                ["Gateway__RateLimits__Identified__PermitsPerSecond"] = "100000",
                ["Gateway__RateLimits__Identified__Burst"] = "100000",
                ["Gateway__RateLimits__Anonymous__PermitsPerSecond"] = "100000",
                ["Gateway__RateLimits__Anonymous__Burst"] = "100000",
                ["Gateway__RateLimits__PerAddress__PermitsPerSecond"] = "100000",
                ["Gateway__RateLimits__PerAddress__Burst"] = "100000",
            },
        });
    }

    [Fact]
    public async Task Every_change_made_while_the_broker_is_killed_reaches_the_cycle_service_once_and_delivery_resumes_within_30_seconds()
    {
        using var gateway = _platform!.CreateGatewayClient();
        var registered = new ConcurrentBag<Guid>();
        var killed = new TaskCompletionSource();

        // Four clients make the changes through the API; after the first 300 the broker is SIGKILLed.
        // The API keeps taking changes while it is away: the outbox holds their events.
        var next = 0;
        var clients = Enumerable.Range(0, 4).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= Changes)
            {
                if (n == 300)
                {
                    await _broker.KillAsync();
                    killed.SetResult();
                }

                using var response = await gateway.PostAsJsonAsync("/api/registry/bodies", new { name = $"Outage body {n}", type = "operational", scope = "thematic", tier = "county" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                registered.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
        }).ToList();
        await Task.WhenAll(clients);
        await killed.Task;
        Assert.Equal(Changes, registered.Count);

        var beforeReturn = await AppliedAsync(registered);
        Assert.True(beforeReturn < Changes, "the broker was down, yet everything had already been delivered");
        // Stay away long: MassTransit's own reconnection schedule has grown to 30 s between attempts by now,
        // so delivery resumes promptly only because the services look for the broker's return themselves.
        await Task.Delay(TimeSpan.FromSeconds(30));

        await _broker.StartAsync();
        var back = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => await AppliedAsync(registered) > beforeReturn, TimeSpan.FromSeconds(30),
            "delivery to resume within 30 s of the broker's return");
        output.WriteLine($"Delivery resumed {back.Elapsed.TotalSeconds:0.0} s after the broker came back; {beforeReturn} of {Changes} had arrived before it did.");

        await Eventually.HoldsAsync(async () => await AppliedAsync(registered) == Changes, TimeSpan.FromSeconds(120),
            $"all {Changes} changes in the cycle service");
        output.WriteLine($"All {Changes} applied {back.Elapsed.TotalSeconds:0.0} s after the broker came back.");

        // Once each: one outbox event per change, all sent, and one inbox record per event in the cycle service;
        // nothing dead-lettered (the read model's key would make a second insert fail into the error queue).
        await using var registry = Database("registrydb");
        await using var cycle = Database("cycledb");
        var eventIds = await GuidsAsync(registry,
            "SELECT id FROM outbox_messages WHERE subject = ANY($1) AND sent_at IS NOT NULL", registered.Select(id => $"bodies/{id}").ToArray());
        Assert.Equal(Changes, eventIds.Count);
        var handled = await GuidsAsync(cycle, "SELECT message_id FROM inbox_messages WHERE message_id = ANY($1)", eventIds.ToArray());
        Assert.Equal(Changes, handled.Count);
        Assert.Equal(Changes, handled.Distinct().Count());
        using var management = new RabbitMqManagement(_broker.ManagementUri);
        var errors = await management.QueueDepthAsync(VirtualHost, "cycle-body-registered_error");
        Assert.True(errors is null or { Ready: 0, Unacknowledged: 0 }, $"messages were dead-lettered: {errors}");
    }

    private async Task<long> AppliedAsync(IEnumerable<Guid> bodies)
    {
        await using var cycle = Database("cycledb");
        await cycle.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM bodies WHERE id = ANY($1)", cycle);
        count.Parameters.AddWithValue(bodies.ToArray());
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<List<Guid>> GuidsAsync<T>(NpgsqlConnection connection, string sql, T[] parameter)
    {
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue(parameter);
        var found = new List<Guid>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetGuid(0));
        }

        return found;
    }

    private NpgsqlConnection Database(string resource) => new(_platform!.DatabaseConnectionString(resource));

    public async Task DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        await _broker.StopAsync();

        if (Directory.Exists(_brokerData))
        {
            Directory.Delete(_brokerData, recursive: true);
        }
    }
}
