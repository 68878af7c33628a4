using Concordat.Registry.Transfer;

namespace Concordat.Registry.Relationships;

/// <summary>Read "from kind to": the Cheltenham LSP is <c>represented_on</c> the GSP.</summary>
public sealed record RelationshipEntry(Guid? Id, Guid FromBodyId, RelationshipKind Kind, Guid ToBodyId)
{
    public static RelationshipEntry From(BodyRelationship relationship) => new(
        relationship.Id, relationship.FromBodyId, relationship.Kind, relationship.ToBodyId);
}

/// <summary>The <c>relationships</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class RelationshipTransfer
{
    public static readonly TransferCollection Collection = new TransferCollection<RelationshipEntry>(
        "relationships",
        ["id", "fromBodyId", "kind", "toBodyId"],
        row =>
        {
            var entry = new RelationshipEntry(
                row.Id("id"),
                row.Id("fromBodyId", required: true) ?? Guid.Empty,
                row.Choice<RelationshipKind>("kind") ?? default,
                row.Id("toBodyId", required: true) ?? Guid.Empty);
            if (entry.FromBodyId == entry.ToBodyId && entry.FromBodyId != Guid.Empty)
            {
                row.Error("toBodyId", "A body cannot be related to itself.");
            }

            return entry;
        },
        batch => batch.Relationships,
        export => export.Relationships);

    public static CollectionCounts Apply(RegistryImport import)
    {
        var counts = new ImportCounts();
        foreach (var (row, entry) in import.Batch.Relationships)
        {
            if (import.Existing(import.Known.Relationships, entry.Id, Collection, row) is { } current)
            {
                if (current.Restate(entry.FromBodyId, entry.Kind, entry.ToBodyId) is { } refused)
                {
                    import.Refuse(Collection, row, current.Id, refused);
                }
                else
                {
                    counts.Unchanged++;
                }
            }
            else if (entry.Id is not { } id || !import.Known.Relationships.ContainsKey(id))
            {
                var (relationship, violation) = BodyRelationship.Relate(import.Known.Relationships.Values, entry.FromBodyId, entry.Kind, entry.ToBodyId, import.Now, entry.Id);
                if (relationship is null)
                {
                    import.Refuse(Collection, row, entry.Id, violation!);
                    continue;
                }

                import.Db.Relationships.Add(relationship);
                import.Known.Relationships[relationship.Id] = relationship;
                counts.Created++;
            }
        }

        return counts.Total;
    }
}
