using Concordat.Registry.Records;
using Concordat.Registry.Transfer;

namespace Concordat.Registry.Organisations;

/// <summary>An organisation as exported and imported. <see cref="Id"/> is null on an import row that creates one.</summary>
public sealed record OrganisationEntry(Guid? Id, string Name, string? ShortName, OrganisationKind Kind, bool DutyToCooperate, Uri? Website)
{
    public static OrganisationEntry From(Organisation organisation) => new(
        organisation.Id, organisation.Name, organisation.ShortName, organisation.Kind, organisation.DutyToCooperate, organisation.Website);

    public OrganisationDetails ToDetails() => new(Name, ShortName, Kind, DutyToCooperate, Website);
}

/// <summary>The <c>organisations</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class OrganisationTransfer
{
    public static readonly TransferCollection Collection = new TransferCollection<OrganisationEntry>(
        "organisations",
        ["id", "name", "shortName", "kind", "dutyToCooperate", "website"],
        row => new OrganisationEntry(
            row.Id("id"),
            row.Text("name", Organisation.NameMaxLength, required: true) ?? "",
            row.Text("shortName", Organisation.ShortNameMaxLength),
            row.Choice<OrganisationKind>("kind") ?? default,
            row.Flag("dutyToCooperate"),
            row.Link("website")),
        batch => batch.Organisations,
        export => export.Organisations);

    public static CollectionCounts Apply(RegistryImport import)
    {
        var counts = new ImportCounts();
        foreach (var (row, entry) in import.Batch.Organisations)
        {
            if (import.Existing(import.Known.Organisations, entry.Id, Collection, row) is { } current)
            {
                if (TransferJson.Same(OrganisationEntry.From(current), OrganisationEntry.From(Organisation.Register(entry.ToDetails(), import.Now, current.Id))))
                {
                    counts.Unchanged++;
                    continue;
                }

                current.Change(entry.ToDetails(), import.Now);
                counts.Updated++;
            }
            else if (entry.Id is not { } id || !import.Known.Organisations.ContainsKey(id))
            {
                var organisation = Organisation.Register(entry.ToDetails(), import.Now, entry.Id);
                import.Db.Organisations.Add(organisation);
                import.Known.Organisations[organisation.Id] = organisation;
                counts.Created++;
            }
        }

        return counts.Total;
    }
}
