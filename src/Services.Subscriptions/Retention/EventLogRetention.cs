using Concordat.ServiceKit;
using Concordat.Subscriptions.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Subscriptions.Retention;

/// <summary>
/// Keeps the event log and the delivery log for <see cref="RetentionOptions.Days"/>: an event heard before
/// then goes, with its deliveries and their attempts, whatever their state (a delivery still waiting that long is to an
/// endpoint paused or failing for as long). One replica purges at a time (a PostgreSQL advisory lock held for each
/// batch's transaction; another replica that finds it taken leaves the batch to it), a batch at a time, so a long
/// backlog never holds one long transaction.
/// </summary>
public sealed class EventLogRetention(SubscriptionsDbContext db, TimeProvider time, IOptionsMonitor<SubscriptionsOptions> options)
{
    /// <summary>The advisory lock's key (any fixed 64-bit number, distinct within the database).</summary>
    public const long Lock = 0x5B_2014_0001;

    public const int Batch = 1000;

    /// <summary>Purges everything older than the retention period; how many events went.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.CurrentValue.Retention.Days);
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var purged = await PurgeBatchAsync(cutoff, cancellationToken);
            total += purged;
            if (purged < Batch)
            {
                break;
            }
        }

        return total;
    }

    private async Task<int> PurgeBatchAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({Lock}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return 0;
        }

        var old = await db.Events.Where(e => e.ReceivedAt < cutoff).OrderBy(e => e.ReceivedAt).Select(e => e.Id).Take(Batch).ToArrayAsync(cancellationToken);
        if (old.Length == 0)
        {
            return 0;
        }

        // Attempts go with their deliveries (cascade); deliveries first, since an event's deliveries keep it.
        await db.Deliveries.Where(d => old.Contains(d.EventId)).ExecuteDeleteAsync(cancellationToken);
        var purged = await db.Events.Where(e => old.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return purged;
    }
}

/// <summary>Runs <see cref="EventLogRetention"/> a minute after start and then daily.</summary>
public sealed class EventLogPurges(IServiceScopeFactory scopes, TimeProvider time, ILogger<EventLogPurges> logger) : PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override string Work => "Events and deliveries past their retention";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<EventLogRetention>().PurgeAsync(cancellationToken);
}
