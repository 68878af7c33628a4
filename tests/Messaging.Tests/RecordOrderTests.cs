using System.Globalization;
using System.Text;
using System.Text.Json;
using Concordat.Contracts.Registry;
using Concordat.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Concordat.Messaging.Tests;

/// <summary>
/// The relay publishes a batch concurrently across records and in order within one record: many records' changes,
/// committed interleaved, reach the broker in each record's commit order.
/// </summary>
public sealed class RecordOrderTests : IAsyncLifetime
{
    private const int Records = 10;
    private const int ChangesPerRecord = 100;

    private readonly string _database = TestServers.UniqueName("recordorder");
    private readonly string _vhost = TestServers.UniqueName("recordorder");
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
    public async Task A_thousand_interleaved_changes_to_ten_records_arrive_in_each_records_commit_order()
    {
        await using var connection = await new ConnectionFactory { Uri = _messaging }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        const string exchange = "Concordat.Contracts.Registry:BodyRegistered";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync(exclusive: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        await using var service = await MessagingHost.StartAsync(_connectionString, _messaging, withConsumer: false);

        // Ten writers, one per record, commit concurrently: the commits of different records interleave, so the
        // relay's batches hold many records at once (some saves carry several changes, as an import's would).
        var records = Enumerable.Range(0, Records).Select(_ => Guid.CreateVersion7()).ToArray();
        await Task.WhenAll(records.Select((record, r) => Task.Run(async () =>
        {
            var change = 0;
            while (change < ChangesPerRecord)
            {
                await using var scope = service.Host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TestHost.NotesDbContext>();
                var inThisSave = Math.Min(ChangesPerRecord - change, 1 + ((change + r) % 4));
                for (var i = 0; i < inThisSave; i++, change++)
                {
                    db.AddIntegrationEvent(new BodyRegistered
                    {
                        Subject = $"bodies/{record}",
                        BodyId = record,
                        Name = change.ToString(CultureInfo.InvariantCulture),
                    });
                }

                await db.SaveChangesAsync();
            }
        })));

        var arrived = records.ToDictionary(record => record, _ => new List<int>());
        var count = 0;
        await Eventually.HoldsAsync(async () =>
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                var message = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.GetProperty("message");
                arrived[message.GetProperty("bodyId").GetGuid()].Add(int.Parse(message.GetProperty("name").GetString()!, CultureInfo.InvariantCulture));
                count++;
            }

            return count >= Records * ChangesPerRecord;
        }, TimeSpan.FromSeconds(120), $"{Records * ChangesPerRecord} events on the broker");

        Assert.Equal(Records * ChangesPerRecord, count);
        Assert.All(arrived, record => Assert.Equal(Enumerable.Range(0, ChangesPerRecord), record.Value));
    }
}
