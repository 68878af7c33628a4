using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Registry.Relationships;

/// <summary>
/// How two bodies relate, read "from kind to": a thematic partnership is <c>PartOf</c> the GSP ("partnership of
/// partnerships"), an LSP is <c>RepresentedOn</c> the GSP, the CSEB <c>ReportsTo</c> the ABG; across tiers too.
/// </summary>
public enum RelationshipKind
{
    PartOf,
    RepresentedOn,
    ReportsTo,
}

public sealed class BodyRelationship : VersionedRecord
{
    private BodyRelationship()
    {
    }

    public Guid FromBodyId { get; private set; }

    public RelationshipKind Kind { get; private set; }

    public Guid ToBodyId { get; private set; }

    /// <summary>
    /// Relates two bodies if <see cref="RelationshipRules.Relate"/> allows it beside <paramref name="existing"/> (the
    /// live relationships of the kind); otherwise the rule it breaks. The API and the import both relate bodies here.
    /// </summary>
    public static (BodyRelationship? Related, RuleViolation? Refused) Relate(
        IEnumerable<BodyRelationship> existing, Guid from, RelationshipKind kind, Guid to, DateTimeOffset now, Guid? id = null) =>
        RelationshipRules.Relate(existing, from, kind, to) is { } refused ? (null, refused) : (Relate(from, kind, to, now, id), null);

    /// <summary>Records a relationship as it stands, without the rules (one already checked, or the demo data's).</summary>
    public static BodyRelationship Relate(Guid from, RelationshipKind kind, Guid to, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        FromBodyId = from,
        Kind = kind,
        ToBodyId = to,
    };

    /// <summary>A relationship is never rewritten: null when it already says this, otherwise the rule (remove it and relate again).</summary>
    public RuleViolation? Restate(Guid from, RelationshipKind kind, Guid to) => from == FromBodyId && kind == Kind && to == ToBodyId
        ? null
        : new RuleViolation(RegistryRules.RelationshipFixed, "A relationship cannot be changed: remove it and relate the bodies again.");
}

internal sealed class BodyRelationshipConfiguration : IEntityTypeConfiguration<BodyRelationship>
{
    public void Configure(EntityTypeBuilder<BodyRelationship> relationship)
    {
        relationship.ToTable("body_relationships");
        relationship.ConfigureRecord();
        relationship.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        relationship.HasOne<Bodies.Body>().WithMany().HasForeignKey(r => r.FromBodyId).OnDelete(DeleteBehavior.Restrict);
        relationship.HasOne<Bodies.Body>().WithMany().HasForeignKey(r => r.ToBodyId).OnDelete(DeleteBehavior.Restrict);
        // One live relationship of a kind between two bodies.
        relationship.HasIndex(r => new { r.FromBodyId, r.Kind, r.ToBodyId }).IsUnique().HasFilter("removed_at IS NULL");
    }
}

/// <summary>The rules a new relationship keeps, wherever it comes from (the API or an import).</summary>
public static class RelationshipRules
{
    /// <summary>Part-of and reports-to make hierarchies, which must not loop; represented-on may run both ways.</summary>
    public static bool IsHierarchy(RelationshipKind kind) => kind is RelationshipKind.PartOf or RelationshipKind.ReportsTo;

    /// <summary>The advisory lock space of the relationship graphs ("rel" in ASCII), the second key being the kind.</summary>
    private const int GraphLock = 0x72656c;

    /// <summary>
    /// Serialises every change to the graph of one kind of hierarchical relationship (part-of, reports-to): whether a new
    /// edge closes a loop depends on every other edge, not on two rows, so the whole graph of that kind is the parent.
    /// A transaction-scoped advisory lock, released at commit (beside <see cref="RowLocks"/>, which locks rows).
    /// </summary>
    public static Task LockGraphAsync(DbContext db, RelationshipKind kind, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [GraphLock, (int)kind], cancellationToken);

    /// <summary>
    /// Null when <paramref name="from"/> may be related to <paramref name="to"/> by <paramref name="kind"/> beside
    /// <paramref name="existing"/>; otherwise the rule it breaks: the same relationship twice, or a loop.
    /// </summary>
    public static RuleViolation? Relate(IEnumerable<BodyRelationship> existing, Guid from, RelationshipKind kind, Guid to)
    {
        var live = existing.Where(r => !r.IsRemoved && r.Kind == kind).ToList();
        if (live.Any(r => r.FromBodyId == from && r.ToBodyId == to))
        {
            return new RuleViolation(RegistryRules.RelationshipExists, "The two bodies are already related that way.");
        }

        return IsHierarchy(kind) && Reaches(live, to, from)
            ? new RuleViolation(RegistryRules.RelationshipCycle, $"That would make a loop of '{RegistryEvents.Wire(kind)}' relationships.")
            : null;
    }

    /// <summary>Whether <paramref name="to"/> can be reached from <paramref name="from"/> along <paramref name="edges"/>.</summary>
    private static bool Reaches(IEnumerable<BodyRelationship> edges, Guid from, Guid to)
    {
        var next = edges.ToLookup(e => e.FromBodyId, e => e.ToBodyId);
        var seen = new HashSet<Guid> { from };
        var frontier = new Queue<Guid>([from]);
        while (frontier.TryDequeue(out var at))
        {
            if (at == to)
            {
                return true;
            }

            foreach (var onward in next[at].Where(seen.Add))
            {
                frontier.Enqueue(onward);
            }
        }

        return false;
    }
}
