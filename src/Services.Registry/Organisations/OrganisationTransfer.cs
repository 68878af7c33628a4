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

    /// <summary>An organisation's description changes freely: rows apply as <see cref="RegistryImport.ApplyDescribed"/> says.</summary>
    public static CollectionCounts Apply(RegistryImport import) =>
        import.ApplyDescribed(Collection, import.Batch.Organisations, import.Known.Organisations, e => e.Id, e => e.ToDetails(),
            Organisation.Register, OrganisationEntry.From, (organisation, details, now) => organisation.Change(details, now));
}
