using Concordat.Contracts;

namespace Concordat.ServiceKit;

/// <summary>
/// What every versioned record has (the registry's bodies, the cycle's issues…), so another instance or a partner can sync it: an id (UUID v7), a version
/// (the ETag; an update must name the version it read), when it last changed, and when it was removed
/// (removed records stay as tombstones so <c>modified_since</c> readers learn of the removal).
/// </summary>
public abstract class VersionedRecord
{
    // Orders events across records as they were raised: a body's dissolution before the memberships it ends.
    private static long _raised;

    private readonly List<(long Order, IntegrationEvent Event)> _events = [];

    public Guid Id { get; protected init; }

    /// <summary>PostgreSQL's row version (<c>xmin</c>): changes with every update; sent as the ETag.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; protected init; }

    public DateTimeOffset UpdatedAt { get; protected set; }

    /// <summary>When the record was removed; null while it is live.</summary>
    [MarksRemoval]
    public DateTimeOffset? RemovedAt { get; protected set; }

    public bool IsRemoved => RemovedAt is not null;

    protected void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Removes the record, leaving a tombstone.</summary>
    public virtual void Remove(DateTimeOffset now)
    {
        RemovedAt ??= now;
        Touch(now);
    }

    /// <summary>
    /// The events this record raised since they were last taken, each with its place in the order they were raised
    /// (across records). The DbContext takes them into its outbox as it saves, so a change and its announcement are
    /// written together and no caller adds an event by hand.
    /// </summary>
    public IReadOnlyList<(long Order, IntegrationEvent Event)> TakeEvents()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }

    /// <summary>Announces a change of this record once it is saved.</summary>
    protected void Raise(IntegrationEvent integrationEvent) => _events.Add((Interlocked.Increment(ref _raised), integrationEvent));
}
