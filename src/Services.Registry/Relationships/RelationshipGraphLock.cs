using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Relationships;

/// <summary>The lock that makes a hierarchy's loop check and the new edge one step.</summary>
public static class RelationshipGraphLock
{
    /// <summary>
    /// Serialises every change to the graph of one kind of hierarchical relationship (part-of, reports-to): whether a new
    /// edge closes a loop depends on every other edge, not on two rows, so the whole graph of that kind is the parent.
    /// A transaction-scoped advisory lock, released at commit.
    /// </summary>
    public static Task TakeAsync(DbContext db, RelationshipKind kind, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [LockSpace, (int)kind], cancellationToken);

    /// <summary>The advisory lock space of the relationship graphs ("rel" in ASCII), the second key being the kind.</summary>
    private const int LockSpace = 0x72656c;
}
