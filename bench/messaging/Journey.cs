using System.Collections.Concurrent;
using System.Diagnostics;

namespace Concordat.Bench.Messaging;

/// <summary>
/// One batch of events followed from the producer to the consumer on one clock: <see cref="Stopwatch"/>
/// timestamps of this process, kept in dictionaries keyed by body id. The producer's and the consumer's
/// stamps are kept apart and paired only at the end, so a consumer that finishes before the producer has
/// noted its send (possible on the plain path, where the broker's confirm can arrive after delivery) is
/// still counted.
/// </summary>
internal sealed class Journey(int expected)
{
    private readonly ConcurrentDictionary<Guid, (long Called, long Returned)> _sent = new();
    private readonly ConcurrentDictionary<Guid, long> _published = new();
    private readonly ConcurrentDictionary<Guid, long> _completed = new();
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completedCount;
    private long _lastCompleted;

    public int Expected => expected;

    public int CompletedCount => Volatile.Read(ref _completedCount);

    /// <summary>When the last consumer finished (a <see cref="Stopwatch"/> timestamp).</summary>
    public long LastCompleted => Interlocked.Read(ref _lastCompleted);

    /// <summary>The producer called the path at <paramref name="called"/>; the call returned (committed, or published and confirmed) at <paramref name="returned"/>.</summary>
    public void Sent(Guid bodyId, long called, long returned) => _sent[bodyId] = (called, returned);

    /// <summary>The bus published <paramref name="bodyId"/>'s event and the broker confirmed it (for the outbox path: the relay did): now.</summary>
    public void Published(Guid bodyId) => _published.TryAdd(bodyId, Stopwatch.GetTimestamp());

    /// <summary>A consumer finished with <paramref name="bodyId"/> (committed its effect, or returned): now.</summary>
    public void Completed(Guid bodyId)
    {
        var now = Stopwatch.GetTimestamp();
        if (!_completed.TryAdd(bodyId, now))
        {
            return;
        }

        long last;
        while (now > (last = Interlocked.Read(ref _lastCompleted)) && Interlocked.CompareExchange(ref _lastCompleted, now, last) != last)
        {
        }

        if (Interlocked.Increment(ref _completedCount) == expected)
        {
            _all.TrySetResult();
        }
    }

    /// <summary>Waits until every expected event has been consumed; false if <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _all.Task.WaitAsync(timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Milliseconds from each send's return (commit, or publish confirmed) to its consumer's completion.</summary>
    public double[] FromReturnMs() => Between(s => s.Returned, _completed);

    /// <summary>Milliseconds from each send call (before the commit or the publish) to its consumer's completion.</summary>
    public double[] FromCallMs() => Between(s => s.Called, _completed);

    /// <summary>Milliseconds from each send's return to the bus publishing it: for the outbox path, the relay's part.</summary>
    public double[] ReturnToPublishedMs() => Between(s => s.Returned, _published);

    /// <summary>Milliseconds from the bus publishing each event to its consumer's completion: the broker's and the consumer's part.</summary>
    public double[] PublishedToCompletedMs() =>
        [.. _published.Where(p => _completed.ContainsKey(p.Key)).Select(p => Milliseconds(_completed[p.Key] - p.Value))];

    /// <summary>Milliseconds each send call took: the commit (outbox) or the publish with its confirm (plain).</summary>
    public double[] SendCallsMs() => [.. _sent.Values.Select(s => Milliseconds(s.Returned - s.Called))];

    private double[] Between(Func<(long Called, long Returned), long> from, ConcurrentDictionary<Guid, long> to) =>
        [.. _sent.Where(s => to.ContainsKey(s.Key)).Select(s => Milliseconds(to[s.Key] - from(s.Value)))];

    public static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>p50, p95, p99 and the maximum of a set of milliseconds (nearest rank).</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Max)
{
    public static Percentiles? Of(double[] values)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}
