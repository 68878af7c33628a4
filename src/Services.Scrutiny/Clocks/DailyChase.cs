using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny.Clocks;

/// <summary>
/// What scrutiny's daily chases share: one replica chases at a time (a PostgreSQL advisory lock held for the chase's
/// transaction; another replica that finds it taken does nothing this run and the rows it would chase are marked by then),
/// and each row is marked with the UK day it was chased in the same transaction as the chase's event, so a restart
/// mid-day neither misses nor repeats one.
/// </summary>
public static class DailyChase
{
    /// <summary>The advisory lock keys, one per chase (any fixed 64-bit numbers, distinct within the database).</summary>
    public const long InformationRequestsLock = 0x5C_2013_0001;
    public const long RecommendationResponsesLock = 0x5C_2013_0002;

    /// <summary>How many rows one transaction chases; a run repeats until none is left for today.</summary>
    public const int Batch = 200;

    /// <summary>Takes the chase's advisory lock for the current transaction; false when another replica holds it.</summary>
    public static async Task<bool> TryLockAsync(DbContext db, long key, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({key}) AS \"Value\"").SingleAsync(cancellationToken);

    /// <summary>Runs <paramref name="batch"/> until it chases fewer than a batch (or another replica holds the lock); how many it chased.</summary>
    public static async Task<int> RepeatAsync(Func<CancellationToken, Task<int>> batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var chased = await batch(cancellationToken);
            total += chased;
            if (chased < Batch)
            {
                break;
            }
        }

        return total;
    }
}
