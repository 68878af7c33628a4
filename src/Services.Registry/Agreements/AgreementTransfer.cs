using Concordat.Registry.Transfer;

namespace Concordat.Registry.Agreements;

/// <summary>An agreement as exported and imported: its id and <see cref="AgreementDetails"/>.</summary>
public sealed record AgreementEntry(
    Guid? Id,
    string Title,
    AgreementKind Kind,
    string Purpose,
    IReadOnlyList<string> DesiredOutcomes,
    bool Binding,
    DateOnly? ReviewDate,
    AgreementStatus Status,
    IReadOnlyList<AgreementPartyEntry> Parties,
    IReadOnlyList<SignatoryEntry> Signatories)
{
    public static AgreementEntry From(Agreement agreement) => new(
        agreement.Id, agreement.Title, agreement.Kind, agreement.Purpose, [.. agreement.DesiredOutcomes], agreement.Binding,
        agreement.ReviewDate, agreement.Status,
        [.. agreement.Parties.Select(p => new AgreementPartyEntry(p.OrganisationId, p.BodyId))],
        [.. agreement.Signatories.Select(s => new SignatoryEntry(s.PersonId, s.OnBehalfOfOrganisationId, s.SignedOn))]);

    public AgreementDetails ToDetails() => new(
        Title, Kind, Purpose, DesiredOutcomes, Binding, ReviewDate, Status,
        [.. Parties.Select(p => new AgreementParty { OrganisationId = p.OrganisationId, BodyId = p.BodyId })],
        [.. Signatories.Select(s => new Signatory { PersonId = s.PersonId, OnBehalfOfOrganisationId = s.OnBehalfOfOrganisationId, SignedOn = s.SignedOn })]);
}

/// <summary>An organisation or a body (exactly one). In CSV: <c>organisationId|bodyId</c>, one of them empty.</summary>
public sealed record AgreementPartyEntry(Guid? OrganisationId, Guid? BodyId);

/// <summary>In CSV: <c>personId|onBehalfOfOrganisationId|signedOn</c>.</summary>
public sealed record SignatoryEntry(Guid PersonId, Guid? OnBehalfOfOrganisationId, DateOnly SignedOn);

/// <summary>The <c>agreements</c> collection of the transfer format: its fields, how a row reads, and how the rows apply.</summary>
internal static class AgreementTransfer
{
    public static readonly IReadOnlyList<string> PartyFields = ["organisationId", "bodyId"];

    public static readonly IReadOnlyList<string> SignatoryFields = ["personId", "onBehalfOfOrganisationId", "signedOn"];

    public static readonly TransferCollection Collection = new TransferCollection<AgreementEntry>(
        "agreements",
        ["id", "title", "kind", "purpose", "desiredOutcomes", "binding", "reviewDate", "status", "parties", "signatories"],
        Read,
        batch => batch.Agreements,
        export => export.Agreements,
        new Dictionary<string, IReadOnlyList<string>> { ["parties"] = PartyFields, ["signatories"] = SignatoryFields });

    /// <summary>An agreement's description changes freely: rows apply as <see cref="RegistryImport.ApplyDescribed"/> says.</summary>
    public static CollectionCounts Apply(RegistryImport import) =>
        import.ApplyDescribed(Collection, import.Batch.Agreements, import.Known.Agreements, e => e.Id, e => e.ToDetails(),
            Agreement.Record, AgreementEntry.From, (agreement, details, now) => agreement.Change(details, now));

    private static AgreementEntry Read(EntrySource row)
    {
        var parties = row.Objects("parties", PartyFields).Select(p =>
        {
            p.Expect([.. PartyFields]);
            var party = new AgreementPartyEntry(p.Id("organisationId"), p.Id("bodyId"));
            if ((party.OrganisationId is null) == (party.BodyId is null))
            {
                p.Error("organisationId", "A party is an organisation or a body: give exactly one.");
            }

            return party;
        }).ToList();
        var signatories = row.Objects("signatories", SignatoryFields).Select(s =>
        {
            s.Expect([.. SignatoryFields]);
            return new SignatoryEntry(
                s.Id("personId", required: true) ?? Guid.Empty,
                s.Id("onBehalfOfOrganisationId"),
                s.Date("signedOn", required: true) ?? default);
        }).ToList();
        return new AgreementEntry(
            row.Id("id"),
            row.Text("title", Agreement.TitleMaxLength, required: true) ?? "",
            row.Choice<AgreementKind>("kind") ?? default,
            row.Text("purpose", 4000, multiLine: true) ?? "",
            row.Texts("desiredOutcomes", 1000, multiLine: true),
            row.Flag("binding"),
            row.Date("reviewDate"),
            row.Choice<AgreementStatus>("status") ?? default,
            parties,
            signatories);
    }
}
