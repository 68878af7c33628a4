using System.Collections.Concurrent;
using Concordat.Messaging;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>Wakes the dispatcher: a commit may have made deliveries due, or an attempt freed an endpoint's slot.</summary>
public sealed class DeliverySignal : WakeSignal;

/// <summary>
/// Every committed transaction of the service's database wakes the dispatcher, so a new delivery goes at once; one that
/// recorded public events wakes the feed publisher too (not every attempt's commit, which would keep it busy for nothing).
/// </summary>
public sealed class DeliveryWakeUp(DeliverySignal signal, Feeds.FeedSignal feeds) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _recordedEvents = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries<FanOut.PublicEvent>().Any(e => e.State == EntityState.Added))
        {
            _recordedEvents.AddOrUpdate(context, this);
        }

        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Saved outside a transaction of the caller's: committed now.
        if (eventData.Context is { Database.CurrentTransaction: null } context && _recordedEvents.Remove(context))
        {
            feeds.Wake();
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        signal.Wake();
        if (eventData.Context is { } context && _recordedEvents.Remove(context))
        {
            feeds.Wake();
        }
    }
}

/// <summary>
/// Sends due deliveries. Each attempt runs on its own, so a slow or dead endpoint holds only its own slots
/// (<see cref="SubscriptionsOptions.MaxInFlightPerEndpoint"/>) and delays no other endpoint. A delivery is taken by a
/// lease (one conditional update for the batch), so several replicas share the work and a crashed one's deliveries are taken up again.
/// Times come from <see cref="TimeProvider"/>, so a test clock drives the schedule.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliverySignal signal, SigningKeys keys, WebhookClient client, AttemptLog log, TimeProvider time,
    IOptionsMonitor<SubscriptionsOptions> options, ILogger<DeliveryDispatcher> logger)
    : BackgroundService
{
    /// <summary>How long a taken delivery stays with this replica: longer than any attempt.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();

    /// <summary>Each event's CloudEvents document, made once for all its deliveries and attempts; pruned as it grows.</summary>
    private readonly ConcurrentDictionary<Guid, (byte[] Body, long UsedAt)> _bodies = new();
    private int _total;

    private sealed record Taken(Guid Id, Guid EndpointId, Guid EventId, DateTimeOffset? SecretRotatedAt);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                DispatchFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Takes the due deliveries this replica has room for and starts each one's attempt.</summary>
    internal async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var room = settings.MaxInFlight - Volatile.Read(ref _total);
        if (room <= 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SubscriptionsDbContext>();
        var now = time.GetUtcNow();
        var busy = _inFlight.Where(e => e.Value >= settings.MaxInFlightPerEndpoint).Select(e => e.Key).ToList();
        var due = await DueAsync(db, now, busy, settings.MaxInFlightPerEndpoint, Math.Min(room, 500), cancellationToken);

        // What this replica has room for, endpoint by endpoint, then taken in one statement.
        var planned = new Dictionary<Guid, int>();
        var chosen = new List<Guid>();
        var takenOf = new Dictionary<Guid, Taken>();
        foreach (var delivery in due)
        {
            var inFlight = _inFlight.GetValueOrDefault(delivery.EndpointId) + planned.GetValueOrDefault(delivery.EndpointId);
            if (inFlight >= settings.MaxInFlightPerEndpoint || chosen.Count >= room)
            {
                continue;
            }

            planned[delivery.EndpointId] = planned.GetValueOrDefault(delivery.EndpointId) + 1;
            chosen.Add(delivery.Id);
            takenOf[delivery.Id] = delivery;
        }

        if (chosen.Count == 0)
        {
            return;
        }

        var leasedUntil = now + Lease;
        var ids = chosen.ToArray();
        var taken = await db.Database.SqlQuery<Guid>($"""
            UPDATE deliveries SET leased_until = {leasedUntil}
            WHERE id = ANY({ids}) AND state = 'Pending' AND (leased_until IS NULL OR leased_until < {now})
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        await LoadBodiesAsync(db, taken.Select(id => takenOf[id].EventId).Distinct().ToList(), cancellationToken);
        foreach (var id in taken)
        {
            var delivery = takenOf[id];
            _inFlight.AddOrUpdate(delivery.EndpointId, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _total);
            _ = Task.Run(() => AttemptAsync(delivery, cancellationToken), CancellationToken.None);
        }
    }

    /// <summary>
    /// The due deliveries, oldest first, but at most <paramref name="perEndpoint"/> of each endpoint: an endpoint with a
    /// backlog (a slow one, whose oldest deliveries are always first in line) would otherwise fill the batch with
    /// deliveries it has no room for, and the other endpoints' would wait for a later pass. Read endpoint by endpoint
    /// (a lateral join on the index of pending deliveries by endpoint), so a pass costs the same however long a backlog
    /// is; ranking every due delivery instead made each pass slower as a backlog grew, and the backlog then grew faster.
    /// </summary>
    private static async Task<List<Taken>> DueAsync(
        SubscriptionsDbContext db, DateTimeOffset now, List<Guid> busy, int perEndpoint, int limit, CancellationToken cancellationToken)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT due.id, due.endpoint_id, due.event_id, e.secret_rotated_at
            FROM endpoints e
            CROSS JOIN LATERAL (
                SELECT d.id, d.endpoint_id, d.event_id, d.next_attempt_at FROM deliveries d
                WHERE d.endpoint_id = e.id AND d.state = 'Pending' AND d.next_attempt_at <= @now
                  AND (d.leased_until IS NULL OR d.leased_until < @now)
                ORDER BY d.next_attempt_at, d.id
                LIMIT @perEndpoint) due
            WHERE e.state = 'Active' AND NOT (e.id = ANY(@busy))
            ORDER BY due.next_attempt_at, due.id
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("busy", busy.ToArray());
        command.Parameters.AddWithValue("perEndpoint", (long)perEndpoint);
        command.Parameters.AddWithValue("limit", limit);
        var due = new List<Taken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new Taken(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return due;
    }

    /// <summary>Makes the documents of the events not yet in memory, in one query.</summary>
    private async Task LoadBodiesAsync(SubscriptionsDbContext db, List<Guid> eventIds, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var missing = eventIds.Where(id => !_bodies.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var heard in await db.Events.AsNoTracking().Where(e => missing.Contains(e.Id)).ToListAsync(cancellationToken))
            {
                _bodies[heard.Id] = (WebhookMessage.Body(heard), now);
            }
        }

        foreach (var id in eventIds.Except(missing))
        {
            if (_bodies.TryGetValue(id, out var body))
            {
                _bodies[id] = body with { UsedAt = now };
            }
        }

        if (_bodies.Count > 10_000)
        {
            foreach (var stale in _bodies.Where(b => now - b.Value.UsedAt > 60_000).Select(b => b.Key).ToList())
            {
                _bodies.TryRemove(stale, out _);
            }
        }
    }

    /// <summary>Signs and sends one attempt; a success is logged in the next batch, anything else recorded at once.</summary>
    private async Task AttemptAsync(Taken delivery, CancellationToken cancellationToken)
    {
        try
        {
            if (!_bodies.TryGetValue(delivery.EventId, out var body) || await keys.GetAsync(delivery.EndpointId, delivery.SecretRotatedAt) is not { } endpoint)
            {
                return; // Deleted meanwhile: nothing to send, nothing to record.
            }

            var started = time.GetUtcNow();
            using var request = WebhookMessage.Request(endpoint.Url, delivery.Id.ToString(), started, body.Body, endpoint.SigningAt(started));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (status, outcome, responseBody, error, retryAfter) = await client.SendAsync(request, options.CurrentValue.DeliveryTimeout, cancellationToken);
            var durationMs = (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds);
            if (outcome == "succeeded")
            {
                log.Add(new SucceededAttempt(delivery.Id, started, durationMs, status!.Value, responseBody));
                return;
            }

            // The attempt happened: record it even if the service is stopping.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryAttempter>()
                .RecordAsync(delivery.Id, new AttemptResult(started, durationMs, status, outcome, responseBody, error, retryAfter));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AttemptFailed(logger, delivery.Id, ex);
        }
        finally
        {
            _inFlight.AddOrUpdate(delivery.EndpointId, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _total);
            signal.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching deliveries failed; trying again")]
    private static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt of delivery {DeliveryId} could not be recorded; its lease will lapse and it will be tried again")]
    private static partial void AttemptFailed(ILogger logger, Guid deliveryId, Exception exception);
}
