namespace Concordat.ServiceKit;

/// <summary>
/// What every registry record has, so another instance or a partner can sync it: an id (UUID v7), a version
/// (the ETag; an update must name the version it read), when it last changed, and when it was removed
/// (removed records stay as tombstones so <c>modified_since</c> readers learn of the removal).
/// </summary>
public abstract class RegistryRecord
{
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
    public void Remove(DateTimeOffset now)
    {
        RemovedAt ??= now;
        Touch(now);
    }
}
