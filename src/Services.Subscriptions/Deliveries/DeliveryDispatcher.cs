using System.Collections.Concurrent;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Deliveries;

/// <summary>Wakes the dispatcher: a commit may have made deliveries due, or an attempt freed an endpoint's slot.</summary>
public sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits for <see cref="Wake"/> or <paramref name="poll"/> (real time: a cadence, not a schedule).</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken) => _signal.WaitAsync(poll, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>Every committed transaction of the service's database wakes the dispatcher, so a new delivery goes at once.</summary>
public sealed class DeliveryWakeUp(DeliverySignal signal, Feeds.FeedSignal feeds) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        signal.Wake();
        feeds.Wake();
    }
}

/// <summary>
/// Sends due deliveries. Each attempt runs on its own, so a slow or dead endpoint holds only its own slots
/// (<see cref="SubscriptionsOptions.MaxInFlightPerEndpoint"/>) and delays no other endpoint. A delivery is taken by a
/// lease (one conditional update for the batch), so several replicas share the work and a crashed one's deliveries are taken up again.
/// Times come from <see cref="TimeProvider"/>, so a test clock drives the schedule.
/// </summary>
public sealed partial class DeliveryDispatcher(
    IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider time, IOptionsMonitor<SubscriptionsOptions> options, ILogger<DeliveryDispatcher> logger)
    : BackgroundService
{
    /// <summary>How long a taken delivery stays with this replica: longer than any attempt.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<Guid, int> _inFlight = new();
    private int _total;

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
        var due = await db.Deliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil < now)
                && d.Endpoint!.State == EndpointState.Active && !busy.Contains(d.EndpointId))
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.EndpointId })
            .Take(Math.Min(room, 500))
            .ToListAsync(cancellationToken);

        // What this replica has room for, endpoint by endpoint, then taken in one statement.
        var planned = new Dictionary<Guid, int>();
        var chosen = new List<Guid>();
        var endpointOf = new Dictionary<Guid, Guid>();
        foreach (var delivery in due)
        {
            var inFlight = _inFlight.GetValueOrDefault(delivery.EndpointId) + planned.GetValueOrDefault(delivery.EndpointId);
            if (inFlight >= settings.MaxInFlightPerEndpoint || chosen.Count >= room)
            {
                continue;
            }

            planned[delivery.EndpointId] = planned.GetValueOrDefault(delivery.EndpointId) + 1;
            chosen.Add(delivery.Id);
            endpointOf[delivery.Id] = delivery.EndpointId;
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
        foreach (var id in taken)
        {
            var endpointId = endpointOf[id];
            _inFlight.AddOrUpdate(endpointId, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _total);
            _ = Task.Run(() => AttemptAsync(id, endpointId, cancellationToken), CancellationToken.None);
        }
    }

    private async Task AttemptAsync(Guid deliveryId, Guid endpointId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryAttempter>().AttemptAsync(deliveryId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            AttemptFailed(logger, deliveryId, ex);
        }
        finally
        {
            _inFlight.AddOrUpdate(endpointId, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _total);
            signal.Wake();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching deliveries failed; trying again")]
    private static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt of delivery {DeliveryId} could not be recorded; its lease will lapse and it will be tried again")]
    private static partial void AttemptFailed(ILogger logger, Guid deliveryId, Exception exception);
}
