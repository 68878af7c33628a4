using System.Diagnostics;
using System.Text.Json;
using Concordat.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Concordat.Messaging;

/// <summary>
/// Publishes what the outbox holds, in commit order, with publisher confirms, and marks it sent.
/// Woken as soon as a transaction with events commits; polls every second for what a crash or
/// another replica left. Only one replica relays at a time (a PostgreSQL advisory lock), so events
/// about the same record keep their order; the others stand by.
/// </summary>
public sealed partial class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    BrokerReconnector reconnector,
    OutboxSignal signal,
    TimeProvider time,
    MessagingTelemetry telemetry,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    internal static readonly ActivitySource Telemetry = new("Concordat.Messaging");

    private const int BatchSize = 200;
    private const string Outbox = MessagingModelBuilderExtensions.OutboxTable;

    // The relay's lock and its batch in one statement: the lock is an uncorrelated subquery, evaluated once before the
    // scan (a one-time filter), so a standby replica reads nothing and scans nothing. Rows another transaction holds
    // are skipped, not waited for.
    private static readonly string TakeUnsent =
        $"SELECT id, message_type, subject, payload, trace_parent, trace_state FROM {Outbox} "
        + $"WHERE (SELECT pg_try_advisory_xact_lock({RelayLockKey})) AND sent_at IS NULL "
        + $"ORDER BY sequence LIMIT {BatchSize} FOR UPDATE SKIP LOCKED";

    private const string MarkSent = $"UPDATE {Outbox} SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = ANY($2)";
    private const string MarkFailed = $"UPDATE {Outbox} SET attempts = attempts + 1, last_error = $1 WHERE id = $2";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    // MassTransit retries a publish while the broker is away on a schedule that grows to 30 s between
    // attempts; an attempt is given up after this long, so the relay's own retry (woken by the broker's
    // return) decides when to try again.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MeasureInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _lastCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _lastMeasured = DateTimeOffset.MinValue;

    // One lock key per database: every replica of a service shares its database, so shares the key.
    private const long RelayLockKey = 0x436F6E636F726401; // "Concord" + 1

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publish nothing until the bus is up with its own queues bound; a first pass would otherwise
        // race the bus's start.
        while (!stoppingToken.IsCancellationRequested
            && await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(5)) == BusHealthStatus.Unhealthy)
        {
        }

        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int published;
                do
                {
                    published = await RelayBatchAsync(stoppingToken);
                }
                while (published == BatchSize && !stoppingToken.IsCancellationRequested);

                await MeasureBacklogAsync(stoppingToken);
                await CleanUpAsync(stoppingToken);
                backoff = TimeSpan.FromMilliseconds(200);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The broker or the database is away: try again later, backing off, never giving up.
                LogRelayFailed(logger, exception, backoff.TotalMilliseconds);
                await MeasureBacklogAsync(stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await WaitBeforeRetryAsync(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// Waits out <paramref name="backoff"/>, but no longer than the broker's absence: when a publish failed the
    /// relay tries again the moment the broker answers, so a long outage does not leave a long wait behind it.
    /// </summary>
    private async Task WaitBeforeRetryAsync(TimeSpan backoff, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, reconnector.Returned);
        await Task.Delay(backoff, time, wait.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Publishes one batch; returns how many were published.</summary>
    /// <remarks>
    /// Plain Npgsql on the context's own connection, not EF Core queries: the batch is read in one statement (which also
    /// takes the relay's lock) and marked sent in one, so a batch costs three round trips and one commit whatever its
    /// size, and no row is materialised or tracked by EF Core.
    /// </remarks>
    internal async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = await TakeBatchAsync(connection, transaction, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        // Different records' events go out concurrently; one record's events go out in order. An attempt ends
        // after PublishTimeout, or as soon as the broker is back from an outage (a fresh attempt goes faster
        // than MassTransit's own, which may be waiting out a long delay).
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reconnector.Returned);
        attempt.CancelAfter(PublishTimeout);
        var outcomes = await Task.WhenAll(batch
            .GroupBy(m => m.Subject)
            .Select(stream => PublishInOrderAsync(publisher, stream, attempt.Token, cancellationToken)));

        // One statement marks the batch sent (no change tracking of 200 rows); failures, rare, are noted one by one.
        var sentIds = batch.Where(m => m.SentAt is not null).Select(m => m.Id).ToArray();
        if (sentIds.Length > 0)
        {
            await using var mark = new NpgsqlCommand(MarkSent, connection, transaction);
            mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
            mark.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = sentIds });
            await mark.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var failed in batch.Where(m => m.LastError is not null))
        {
            await using var note = new NpgsqlCommand(MarkFailed, connection, transaction);
            note.Parameters.Add(new NpgsqlParameter<string> { TypedValue = failed.LastError! });
            note.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = failed.Id });
            await note.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var sent = outcomes.Sum();
        telemetry.Published(sent);
        if (sent < batch.Count)
        {
            reconnector.PublishFailed();
            throw new InvalidOperationException($"{batch.Count - sent} of {batch.Count} outbox events could not be published yet.");
        }

        return sent;
    }

    /// <summary>Reads up to <see cref="BatchSize"/> unsent events in commit order, if this replica holds the relay's lock.</summary>
    private static async Task<List<OutboxMessage>> TakeBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new List<OutboxMessage>();
        await using var take = new NpgsqlCommand(TakeUnsent, connection, transaction);
        await using var reader = await take.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add(new OutboxMessage
            {
                Id = reader.GetGuid(0),
                MessageType = reader.GetString(1),
                Subject = reader.GetString(2),
                Payload = reader.GetString(3),
                TraceParent = reader.IsDBNull(4) ? null : reader.GetString(4),
                TraceState = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        }

        return batch;
    }

    /// <summary>Counts what waits and how long the oldest has waited, for the metrics and the ready check.</summary>
    /// <remarks>At most once a second: under load the relay is woken by every commit, and the gauges need no more.</remarks>
    private async Task MeasureBacklogAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _lastMeasured < MeasureInterval)
        {
            return;
        }

        _lastMeasured = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var unsent = db.Set<OutboxMessage>().Where(m => m.SentAt == null);
        var pending = await unsent.LongCountAsync(cancellationToken);
        var oldest = pending == 0 ? (DateTimeOffset?)null : await unsent.MinAsync(m => (DateTimeOffset?)m.OccurredAt, cancellationToken);
        var now = time.GetUtcNow();
        telemetry.MeasuredBacklog(pending, oldest is { } o ? now - o : TimeSpan.Zero);
    }

    /// <summary>Removes published events and inbox records older than the retention period.</summary>
    private async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastCleanup < CleanupInterval)
        {
            return;
        }

        _lastCleanup = now;
        var cutoff = now - options.Value.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<int> PublishInOrderAsync(
        IPublishEndpoint publisher, IEnumerable<OutboxMessage> stream, CancellationToken attempt, CancellationToken stoppingToken)
    {
        var sent = 0;
        foreach (var message in stream)
        {
            try
            {
                await PublishAsync(publisher, message, attempt);
                message.SentAt = time.GetUtcNow();
                message.LastError = null;
                sent++;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Later events about this record must wait for this one.
                message.LastError = exception.Message;
                break;
            }
        }

        return sent;
    }

    private static async Task PublishAsync(IPublishEndpoint publisher, OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventType = IntegrationEventTypes.Resolve(message.MessageType);
        var integrationEvent = JsonSerializer.Deserialize(message.Payload, eventType, OutboxDbContextExtensions.Json)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has an empty payload.");

        // Continue the trace of the request that made the change, so the publish and every consumer join it.
        ActivityContext.TryParse(message.TraceParent, message.TraceState, isRemote: true, out var parent);
        using var activity = Telemetry.StartActivity("outbox relay", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", message.Id);
        activity?.SetTag("concordat.event.type", message.MessageType);

        await publisher.Publish(integrationEvent, eventType, context =>
        {
            context.MessageId = message.Id;
            // Consumers apply one record's events one at a time, in this order (MessagingExtensions' partitioner).
            context.Headers.Set(MessagingExtensions.SubjectHeader, message.Subject);
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish; retrying in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, double delayMs);
}

/// <summary>Finds integration event types by their full name, in the contracts assembly.</summary>
internal static class IntegrationEventTypes
{
    private static readonly Dictionary<string, Type> ByName = typeof(IntegrationEvent).Assembly
        .GetTypes()
        .Where(t => t is { IsAbstract: false } && t.IsAssignableTo(typeof(IntegrationEvent)))
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal);

    public static Type Resolve(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new InvalidOperationException($"No integration event type named {name}.");
}
