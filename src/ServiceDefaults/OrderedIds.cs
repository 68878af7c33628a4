namespace Concordat.ServiceDefaults;

/// <summary>
/// Ids (UUID v7) that increase strictly in the order this process hands them out, for rows whose order within one
/// instant matters. A plain v7 is random within its millisecond: EF Core inserts a save's new outbox rows in key order,
/// so two events added in one save could leave in the wrong order (a decision's "took effect" before its "published"),
/// and a timeline ordered by (time, id) could show an effect before its cause. Incrementing the random bits of the last
/// id keeps the time prefix, the version and the variant; the ids are identities, not secrets.
/// </summary>
public static class OrderedIds
{
    private static readonly Lock Gate = new();
    private static Guid _last;

    public static Guid Next()
    {
        var id = Guid.CreateVersion7();
        lock (Gate)
        {
            if (id.CompareTo(_last) <= 0)
            {
                id = Increment(_last);
            }

            _last = id;
            return id;
        }
    }

    private static Guid Increment(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 8; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new Guid(bytes, bigEndian: true);
    }
}
