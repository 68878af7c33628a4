using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Concordat.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Concordat.Messaging.Tests;

/// <summary>The outbox, relay and inbox against the real broker and database.</summary>
public sealed class ReliableMessagingTests : IAsyncLifetime
{
    private readonly string _database = TestServers.UniqueName("notes");
    private readonly string _vhost = TestServers.UniqueName("notes");
    private string _connectionString = "";
    private Uri _messaging = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestServers.CreateDatabaseAsync(_database);
        _messaging = await TestServers.CreateVirtualHostAsync(_vhost);
    }

    public async Task DisposeAsync()
    {
        await TestServers.DropDatabaseAsync(_database);
        await TestServers.DeleteVirtualHostAsync(_vhost);
    }

    [Fact]
    public async Task A_message_that_always_fails_goes_to_the_error_queue_and_the_next_ones_are_still_consumed()
    {
        await using var service = await MessagingHost.StartAsync(_connectionString, _messaging);

        await service.RegisterAsync(NoteTaker.Poison);
        await service.RegisterAsync("Gloucestershire Environment Partnership");

        await Eventually.HoldsAsync(async () => (await service.NotesAsync()).Contains("Gloucestershire Environment Partnership"), what: "the good message to be applied");
        var failed = await Eventually.ReturnsAsync(() => NextMessageAsync($"{MessagingHost.Service}-note-taker_error"), TimeSpan.FromSeconds(60), "the poison message in the error queue");
        Assert.Equal(NoteTaker.Poison, failed.RootElement.GetProperty("message").GetProperty("name").GetString());
        Assert.DoesNotContain(NoteTaker.Poison, await service.NotesAsync());
    }

    [Fact]
    public async Task An_operator_sees_a_failed_message_in_the_ready_check()
    {
        await using var service = await MessagingHost.StartAsync(_connectionString, _messaging);
        var health = service.Host.Services.GetRequiredService<HealthCheckService>();

        await service.RegisterAsync(NoteTaker.Poison);

        var report = default(HealthReportEntry);
        await Eventually.HoldsAsync(async () =>
        {
            report = (await health.CheckHealthAsync()).Entries["queues"];
            return report.Status == HealthStatus.Degraded;
        }, TimeSpan.FromSeconds(60), "the ready check to report the failed message");
        Assert.Equal(1L, report.Data[$"{MessagingHost.Service}-note-taker_error"]);
        Assert.Equal(0L, report.Data[$"{MessagingHost.Service}-note-taker"]);
        Assert.Contains($"{MessagingHost.Service}-note-taker_error", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_relays_over_one_outbox_publish_each_event_once()
    {
        const int events = 300;
        var seen = new ConcurrentBag<Guid>();
        await using var connection = await new ConnectionFactory { Uri = _messaging }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "Concordat.Contracts.Registry:BodyRegistered";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");

        // Two replicas of one service: one database, one outbox, two relays.
        await using var first = await MessagingHost.StartAsync(_connectionString, _messaging, withConsumer: false);
        await using var second = await MessagingHost.StartAsync(_connectionString, _messaging, withConsumer: false);
        var stored = new List<Guid>();
        for (var i = 0; i < events; i++)
        {
            stored.Add(await (i % 2 == 0 ? first : second).RegisterAsync($"body {i}"));
        }

        await Eventually.HoldsAsync(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                seen.Add(JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.GetProperty("messageId").GetGuid());
            }

            return seen.Count >= events;
        }, TimeSpan.FromSeconds(60), $"{events} events on the broker");
        await Task.Delay(TimeSpan.FromSeconds(2)); // room for a duplicate to show itself
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } late)
        {
            seen.Add(JsonDocument.Parse(Encoding.UTF8.GetString(late.Body.Span)).RootElement.GetProperty("messageId").GetGuid());
        }

        Assert.Equal(events, seen.Count);
        Assert.Equal(stored.Order(), seen.Order());
    }

    [Fact]
    public async Task An_event_committed_just_before_a_crash_is_published_when_the_service_starts_again()
    {
        // The change and its event commit; the process dies before its relay runs.
        var crashed = await MessagingHost.NeverStartedAsync(_connectionString, _messaging);
        await crashed.RegisterAsync("Forest of Dean Local Strategic Partnership");
        crashed.Abandon();

        await using var restarted = await MessagingHost.StartAsync(_connectionString, _messaging);

        await Eventually.HoldsAsync(
            async () => (await restarted.NotesAsync()).Contains("Forest of Dean Local Strategic Partnership"),
            TimeSpan.FromSeconds(30), "the event left in the outbox to be published and consumed");
    }

    private async Task<JsonDocument?> NextMessageAsync(string queueName)
    {
        await using var connection = await new ConnectionFactory { Uri = _messaging }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var delivery = await channel.BasicGetAsync(queueName, autoAck: true);
            return delivery is null ? null : JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span));
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // the error queue does not exist until the first failure
        }
    }
}
