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

public sealed class BodyRelationship : RegistryRecord
{
    private BodyRelationship()
    {
    }

    public Guid FromBodyId { get; private set; }

    public RelationshipKind Kind { get; private set; }

    public Guid ToBodyId { get; private set; }

    public static BodyRelationship Relate(Guid from, RelationshipKind kind, Guid to, DateTimeOffset now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        FromBodyId = from,
        Kind = kind,
        ToBodyId = to,
    };
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
