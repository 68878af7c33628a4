using System.Diagnostics;

namespace Concordat.Bench.Messaging;

/// <summary>What a throughput round measured: events consumed per second from the first send to the last consumer completion.</summary>
internal sealed record Burst(int Events, double Seconds, Percentiles? SendCallMs)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>What a fixed-rate phase measured.</summary>
internal sealed record FixedRate(
    int Events,
    double OfferedPerSecond,
    double LatestStartMs,
    Percentiles Latency,
    Percentiles FromCall,
    Percentiles? ToPublished,
    Percentiles? PublishedToConsumed,
    Percentiles SendCallMs);

/// <summary>The two loads: as fast as the path takes events, and a fixed offered rate.</summary>
internal static class Load
{
    /// <summary>
    /// <paramref name="producers"/> loops, each sending its next event as soon as its last send returned,
    /// until <paramref name="events"/> have been sent; then waits for the consumers to finish them all.
    /// </summary>
    public static async Task<Burst> AsFastAsPossibleAsync(MessagingPath path, int events, int producers, CancellationToken cancellationToken)
    {
        var journey = path.Follow(new Journey(events));
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(producers, events)).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < events)
            {
                await SendAsync(path, journey, cancellationToken);
            }
        }, cancellationToken)));

        await WaitForConsumersAsync(path, journey, TimeSpan.FromSeconds(60 + events / 50.0), cancellationToken);
        return new Burst(events, Journey.Milliseconds(journey.LastCompleted - started) / 1000, Percentiles.Of(journey.SendCallsMs()));
    }

    /// <summary>
    /// Open loop: event <c>i</c> is sent at <c>start + i / rate</c> whether or not earlier sends have returned, so a
    /// slow path cannot slow the load down. A timer that wakes late sends what has fallen due at once, so the
    /// average rate holds; how late the latest send started is reported.
    /// </summary>
    public static async Task<FixedRate> AtFixedRateAsync(MessagingPath path, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var events = (int)Math.Round(rate * duration.TotalSeconds);
        var journey = path.Follow(new Journey(events));
        var sends = new List<Task>(events);
        var start = Stopwatch.GetTimestamp();
        long latestStart = 0, lastStarted = start;
        for (var i = 0; i < events; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var early = due - Stopwatch.GetTimestamp();
            if (early > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)early / Stopwatch.Frequency), cancellationToken);
            }

            lastStarted = Stopwatch.GetTimestamp();
            latestStart = Math.Max(latestStart, lastStarted - due);
            sends.Add(Task.Run(() => SendAsync(path, journey, cancellationToken), cancellationToken));
        }

        await Task.WhenAll(sends);
        await WaitForConsumersAsync(path, journey, TimeSpan.FromSeconds(60), cancellationToken);
        var offered = events <= 1 ? rate : (events - 1) / (Journey.Milliseconds(lastStarted - start) / 1000);
        return new FixedRate(events, offered, Journey.Milliseconds(latestStart),
            Percentiles.Of(journey.FromReturnMs())!,
            Percentiles.Of(journey.FromCallMs())!,
            Percentiles.Of(journey.ReturnToPublishedMs()),
            Percentiles.Of(journey.PublishedToCompletedMs()),
            Percentiles.Of(journey.SendCallsMs())!);
    }

    private static async Task SendAsync(MessagingPath path, Journey journey, CancellationToken cancellationToken)
    {
        var bodyId = Guid.CreateVersion7();
        var called = Stopwatch.GetTimestamp();
        await path.SendAsync(bodyId, cancellationToken);
        journey.Sent(bodyId, called, Stopwatch.GetTimestamp());
    }

    private static async Task WaitForConsumersAsync(MessagingPath path, Journey journey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!await journey.WaitAsync(timeout, cancellationToken))
        {
            throw new BenchFailedException(
                $"{path.Name}: only {journey.CompletedCount} of {journey.Expected} events were consumed within {timeout.TotalSeconds:0} s of the last send.");
        }
    }
}

/// <summary>The run cannot give figures (events lost, a server away): reported, and the exit code is 1.</summary>
internal sealed class BenchFailedException(string message) : Exception(message);
