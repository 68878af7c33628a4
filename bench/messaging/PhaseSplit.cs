using System.Diagnostics;
using Concordat.Contracts.Registry;
using Concordat.Messaging;
using Concordat.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using RabbitMQ.Client;

namespace Concordat.Bench.Messaging;

/// <summary>
/// One outbox event split into its parts, each part run alone <c>n</c> times one after another (no queueing, no
/// overlap), with its wall time and the CPU it cost in this process, PostgreSQL and RabbitMQ (<see cref="CpuMeter"/>):
/// the producer's commit; the relay's read, publish with confirm and "sent" mark (for a batch of 1, as at low load,
/// and per event in a batch of 100, as under load); the consumer's inbox insert, effect and commit; the
/// acknowledgement. Then the floors the servers put under any of it, measured alone with the plain clients: a
/// one-row PostgreSQL commit, and a RabbitMQ publish with confirm; one at a time and 16 at a time.
/// </summary>
internal static class PhaseSplit
{
    private const string Outbox = MessagingModelBuilderExtensions.OutboxTable;
    private const string Inbox = MessagingModelBuilderExtensions.InboxTable;

    /// <summary>Untimed runs of a part before it is timed: JIT, pool, plans.</summary>
    private const int Warm = 20;

    /// <summary>Timed rounds of a part that moves a batch of 100.</summary>
    private const int BatchRounds = 10;

    public static async Task RunAsync(IBus plainBus, int n, CancellationToken cancellationToken)
    {
        var database = TestServers.UniqueName("bench_phases");
        var virtualHost = TestServers.UniqueName("bench_phases");
        var connectionString = await TestServers.CreateDatabaseAsync(database);
        var messaging = await TestServers.CreateVirtualHostAsync(virtualHost);
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:phasesdb"] = connectionString,
                ["Database:MigrateOnStartup"] = "false",
                ["Concordat:InstanceId"] = "bench",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddServiceDatabase<BenchDbContext>("phasesdb");
            using var host = builder.Build();
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync(cancellationToken);
            }

            var data = host.Services.GetRequiredService<NpgsqlDataSource>();
            await using (var create = data.CreateCommand("CREATE TABLE floor (id uuid PRIMARY KEY)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            Console.WriteLine();
            Console.WriteLine($"One event, part by part: each part alone, {n} times one after another; wall time per event and CPU per event");
            Console.WriteLine("(ms of one core) in this process / PostgreSQL / RabbitMQ. CPU is read from /proc in 10 ms ticks over the whole loop.");
            Console.WriteLine($"{"part",-62}{"p50",7}{"mean",7}{"cpu .NET",10}{"cpu PG",8}{"cpu MQ",8}");

            var ids = new List<Guid>(n);
            await Part("producer: change + event, SaveChangesAsync (commit)", n, 1, async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
                var bodyId = Guid.CreateVersion7();
                db.Bodies.Add(new Body { Id = bodyId, Name = Body.BenchName });
                ids.Add(db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{bodyId}", BodyId = bodyId, Name = Body.BenchName }));
                await db.SaveChangesAsync(cancellationToken);
            });

            // Enough unsent rows for every mark below (each marks rows no earlier round marked), made untimed.
            var needed = n + Warm + ((BatchRounds + 2) * 100);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    lock (ids)
                    {
                        if (ids.Count >= needed)
                        {
                            return;
                        }
                    }

                    await using var scope = host.Services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
                    var bodyId = Guid.CreateVersion7();
                    db.Bodies.Add(new Body { Id = bodyId, Name = Body.BenchName });
                    var id = db.AddIntegrationEvent(new BodyRegistered { Subject = $"bodies/{bodyId}", BodyId = bodyId, Name = Body.BenchName });
                    await db.SaveChangesAsync(cancellationToken);
                    lock (ids)
                    {
                        ids.Add(id);
                    }
                }
            }, cancellationToken)));

            foreach (var batch in new[] { 1, 100 })
            {
                var rounds = batch == 1 ? n : BatchRounds;
                await Part($"relay: read a batch of {batch} (lock + SELECT … SKIP LOCKED, one statement)", rounds, batch, async _ =>
                {
                    await using var connection = await data.OpenConnectionAsync(cancellationToken);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await using (var read = new NpgsqlCommand(
                        $"SELECT id, message_type, subject, payload, trace_parent, trace_state FROM {Outbox} WHERE (SELECT pg_try_advisory_xact_lock(1)) AND sent_at IS NULL ORDER BY sequence LIMIT {batch} FOR UPDATE SKIP LOCKED",
                        connection, transaction))
                    await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                    {
                        while (await reader.ReadAsync(cancellationToken))
                        {
                            GC.KeepAlive(reader.GetString(3));
                        }
                    }

                    await transaction.RollbackAsync(cancellationToken);
                }, warm: batch == 1 ? Warm : 2);
            }

            await Part("relay: publish + confirm (MassTransit, one at a time)", n, 1, async _ =>
                await plainBus.Publish(new BodyRegistered { Subject = "bodies/x", BodyId = Guid.CreateVersion7(), Name = Body.BenchName, Source = new Uri("http://bench/"), InstanceId = "bench", EventId = Guid.CreateVersion7() }, cancellationToken));

            var next = 0;
            foreach (var batch in new[] { 1, 100 })
            {
                var rounds = batch == 1 ? n : BatchRounds;
                await Part($"relay: mark a batch of {batch} sent (UPDATE … = ANY(@ids), COMMIT)", rounds, batch, async _ =>
                {
                    var marked = ids.Skip(next).Take(batch).ToArray();
                    next += batch;
                    await using var connection = await data.OpenConnectionAsync(cancellationToken);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await using (var mark = new NpgsqlCommand($"UPDATE {Outbox} SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(@ids)", connection, transaction))
                    {
                        mark.Parameters.AddWithValue("ids", marked);
                        await mark.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }, warm: batch == 1 ? Warm : 2);
            }

            await Part("consumer: inbox INSERT + effect (EF) + COMMIT, as InboxConsumer", n, 1, async _ =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
                db.Database.AutoSavepointsEnabled = false;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var id = Guid.CreateVersion7();
                await using (var record = new NpgsqlCommand(
                    $"INSERT INTO {Inbox} (message_id, consumer, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction)))
                {
                    record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
                    record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "known-body-recorder" });
                    record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                var known = await db.KnownBodies.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
                db.KnownBodies.Add(new KnownBody { Id = id, Name = Body.BenchName, InstanceId = "bench", RegisteredAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });

            // The acknowledgement, and the floors, with the plain RabbitMQ client.
            await using var rabbit = await new ConnectionFactory { Uri = messaging }.CreateConnectionAsync(cancellationToken);
            await using var confirmed = await rabbit.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            await confirmed.QueueDeclareAsync("floor", durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            var body = new byte[600];
            var persistent = new BasicProperties { Persistent = true };
            await Part("floor: RabbitMQ publish + confirm alone (plain client, durable)", n, 1, async _ =>
                await confirmed.BasicPublishAsync("", "floor", mandatory: false, persistent, body, cancellationToken));

            await using var consuming = await rabbit.CreateChannelAsync(cancellationToken: cancellationToken);
            var deliveries = new List<ulong>(n);
            for (var i = 0; i < n + Warm && await consuming.BasicGetAsync("floor", autoAck: false, cancellationToken) is { } delivery; i++)
            {
                deliveries.Add(delivery.DeliveryTag);
            }

            var acked = 0;
            await Part("consumer: acknowledgement (basic.ack, no reply awaited)", deliveries.Count - Warm, 1, async _ =>
                await consuming.BasicAckAsync(deliveries[acked++], multiple: false, cancellationToken));

            await Part("floor: PostgreSQL one-row INSERT + COMMIT alone (Npgsql)", n, 1, async _ =>
            {
                await using var insert = data.CreateCommand("INSERT INTO floor (id) VALUES ($1)");
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            });

            // 16 at a time: what the servers can do at all, with group commit and confirms in flight together.
            await Concurrent("floor: PostgreSQL one-row commits, 16 at a time", n * 4, 16, async () =>
            {
                await using var insert = data.CreateCommand("INSERT INTO floor (id) VALUES ($1)");
                insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            });
            var channels = new IChannel[16];
            for (var i = 0; i < channels.Length; i++)
            {
                channels[i] = await rabbit.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            }

            var lane = 0;
            await Concurrent("floor: RabbitMQ publishes + confirms, 16 channels at a time", n * 4, 16, async () =>
            {
                var channel = channels[Interlocked.Increment(ref lane) % channels.Length];
                await channel.BasicPublishAsync("", "floor", mandatory: false, persistent, body, cancellationToken);
            });
            foreach (var channel in channels)
            {
                await channel.DisposeAsync();
            }

            await confirmed.QueuePurgeAsync("floor", cancellationToken);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await TestServers.DropDatabaseAsync(database);
            await TestServers.DeleteVirtualHostAsync(virtualHost);
        }
    }

    /// <summary>Runs <paramref name="step"/> <paramref name="rounds"/> times in a row; each round moves <paramref name="perRound"/> events.</summary>
    private static async Task Part(string name, int rounds, int perRound, Func<int, Task> step, int warm = Warm)
    {
        for (var i = 0; i < warm; i++)
        {
            await step(i); // warm: JIT, pool, plans
        }

        var times = new double[rounds];
        var cpu = CpuMeter.Take();
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await step(i);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds / perRound;
        }

        var used = CpuMeter.Between(cpu, CpuMeter.Take());
        var events = rounds * perRound;
        Array.Sort(times);
        Console.WriteLine($"{name,-62}{times[times.Length / 2],7:0.00}{times.Average(),7:0.00}{Cpu(used, CpuUse.Bench, events),10}{Cpu(used, "PostgreSQL", events),8}{Cpu(used, "RabbitMQ", events),8}");
    }

    private static async Task Concurrent(string name, int total, int lanes, Func<Task> step)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < total)
            {
                await step();
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"{name,-62}{total / seconds,7:0} per second");
    }

    /// <summary>Milliseconds of one core per event that <paramref name="part"/> used, from 100 Hz ticks.</summary>
    private static string Cpu(CpuUse? used, string part, int events) =>
        used is null || !used.Ours.TryGetValue(part, out var ticks) ? "?" : $"{ticks * 10.0 / events:0.00}";
}
