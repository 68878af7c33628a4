using System.Diagnostics.Metrics;

namespace Concordat.Messaging;

/// <summary>
/// What an operator watches: events waiting in the outbox and how old the oldest is, events published,
/// messages applied and skipped as duplicates. Meter <c>Concordat.Messaging</c>, exported by ServiceDefaults.
/// </summary>
public sealed class MessagingTelemetry : IDisposable
{
    public const string MeterName = "Concordat.Messaging";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _published;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _duplicates;
    private long _pending;
    private double _oldestPendingSeconds;

    public MessagingTelemetry(QueueDepths? queues = null)
    {
        if (queues is not null)
        {
            _meter.CreateObservableGauge("concordat.queue.messages",
                () => queues.Current.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
                "{message}", "Messages waiting in this service's consumer and error queues");
        }

        _published = _meter.CreateCounter<long>("concordat.outbox.published", "{event}", "Events the relay published");
        _applied = _meter.CreateCounter<long>("concordat.inbox.applied", "{message}", "Messages consumers applied");
        _duplicates = _meter.CreateCounter<long>("concordat.inbox.duplicates", "{message}", "Redelivered messages acknowledged without applying again");
        _meter.CreateObservableGauge("concordat.outbox.pending", () => Interlocked.Read(ref _pending), "{event}", "Events stored but not yet published");
        _meter.CreateObservableGauge("concordat.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestPendingSeconds), "s", "Age of the oldest unpublished event");
    }

    /// <summary>The backlog as the relay last saw it.</summary>
    public (long Pending, TimeSpan OldestAge) Backlog => (Interlocked.Read(ref _pending), TimeSpan.FromSeconds(Volatile.Read(ref _oldestPendingSeconds)));

    internal void Published(int count) => _published.Add(count);

    internal void Applied(string consumer) => _applied.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    internal void Duplicate(string consumer) => _duplicates.Add(1, new KeyValuePair<string, object?>("consumer", consumer));

    internal void MeasuredBacklog(long pending, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _pending, pending);
        Volatile.Write(ref _oldestPendingSeconds, oldestAge.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
