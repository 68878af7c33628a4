using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Transfer;

/// <summary>A row of an import: its number (as <see cref="ImportErrors"/> counts) and what it says.</summary>
internal sealed record ImportRow<TEntry>(int Row, TEntry Entry);

/// <summary>Everything one import asks for, by collection, each in the order given.</summary>
internal sealed class ImportBatch
{
    public List<ImportRow<OrganisationEntry>> Organisations { get; } = [];

    public List<ImportRow<PersonEntry>> People { get; } = [];

    public List<ImportRow<BodyEntry>> Bodies { get; } = [];

    public List<ImportRow<SeatEntry>> Seats { get; } = [];

    public List<ImportRow<MembershipEntry>> Memberships { get; } = [];

    public List<ImportRow<RelationshipEntry>> Relationships { get; } = [];

    public List<ImportRow<AgreementEntry>> Agreements { get; } = [];
}

/// <summary>
/// One collection of the transfer format: its name, its fields (the JSON properties and the CSV columns, in that
/// order), and how a row of it is read, whichever the format.
/// </summary>
internal abstract class TransferCollection(string name, IReadOnlyList<string> fields, IReadOnlyDictionary<string, IReadOnlyList<string>>? nested = null)
{
    public string Name => name;

    public IReadOnlyList<string> Fields => fields;

    /// <summary>Fields holding a list of objects, with the objects' fields: in CSV, <c>a|b</c> items.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Nested => nested ?? new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Reads a row into <paramref name="batch"/>; a row with field errors is reported and left out.</summary>
    public abstract void Read(EntrySource source, int row, ImportBatch batch, ImportErrors errors);

    public abstract IEnumerable<object> Entries(RegistryExport export);
}

internal sealed class TransferCollection<TEntry>(
    string name,
    IReadOnlyList<string> fields,
    Func<EntrySource, TEntry> read,
    Func<ImportBatch, List<ImportRow<TEntry>>> rows,
    Func<RegistryExport, IReadOnlyList<TEntry>> entries,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? nested = null) : TransferCollection(name, fields, nested)
    where TEntry : class
{
    public override void Read(EntrySource source, int row, ImportBatch batch, ImportErrors errors)
    {
        var before = errors.Count;
        source.Expect([.. Fields]);
        var entry = read(source);
        if (errors.Count == before)
        {
            rows(batch).Add(new ImportRow<TEntry>(row, entry));
        }
    }

    public override IEnumerable<object> Entries(RegistryExport export) => entries(export);
}

/// <summary>The collections of format <c>concordat-registry/1</c>, in the order an import applies them (references point backwards).</summary>
internal static class TransferCollections
{
    public static readonly IReadOnlyList<string> AffiliationFields = ["organisationId", "title"];
    public static readonly IReadOnlyList<string> PartyFields = ["organisationId", "bodyId"];
    public static readonly IReadOnlyList<string> SignatoryFields = ["personId", "onBehalfOfOrganisationId", "signedOn"];

    public static readonly TransferCollection Organisations = new TransferCollection<OrganisationEntry>(
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

    public static readonly TransferCollection People = new TransferCollection<PersonEntry>(
        "people",
        ["id", "name", "elected", "email", "affiliations", "subject"],
        row => new PersonEntry(
            row.Id("id"),
            row.Text("name", Person.NameMaxLength, required: true) ?? "",
            row.Flag("elected"),
            Email(row),
            [.. row.Objects("affiliations", AffiliationFields).Select(a =>
            {
                a.Expect([.. AffiliationFields]);
                return new AffiliationEntry(a.Id("organisationId", required: true) ?? Guid.Empty, a.Text("title", 200));
            })],
            row.Text("subject", Person.SubjectMaxLength)),
        batch => batch.People,
        export => export.People,
        new Dictionary<string, IReadOnlyList<string>> { ["affiliations"] = AffiliationFields });

    public static readonly TransferCollection Bodies = new TransferCollection<BodyEntry>(
        "bodies",
        ["id", "name", "shortName", "type", "scope", "coverage", "tier", "termsOfReference", "termsOfReferenceUrl", "termsReviewDue",
            "supportingOrganisationId", "roles", "status", "dissolvedOn"],
        ReadBody,
        batch => batch.Bodies,
        export => export.Bodies);

    public static readonly TransferCollection Seats = new TransferCollection<SeatEntry>(
        "seats",
        ["id", "bodyId", "title", "places", "voting", "holder", "chair", "represents", "onePerRepresented", "substitutesAllowed", "substituteRule"],
        row => new SeatEntry(
            row.Id("id"),
            row.Id("bodyId", required: true) ?? Guid.Empty,
            row.Text("title", Seat.TitleMaxLength, required: true) ?? "",
            row.Number("places", 1, Seat.MaxPlaces) ?? 1,
            row.Flag("voting"),
            row.Choice<SeatHolder>("holder", required: false) ?? SeatHolder.Anyone,
            row.Flag("chair"),
            row.Choice<Representation>("represents", required: false) ?? Representation.Nobody,
            row.Flag("onePerRepresented"),
            row.Flag("substitutesAllowed"),
            row.Text("substituteRule", 500, multiLine: true)),
        batch => batch.Seats,
        export => export.Seats);

    public static readonly TransferCollection Memberships = new TransferCollection<MembershipEntry>(
        "memberships",
        ["id", "bodyId", "seatId", "personId", "onBehalfOfOrganisationId", "onBehalfOfBodyId", "role", "voting", "startsOn", "endsOn"],
        ReadMembership,
        batch => batch.Memberships,
        export => export.Memberships);

    public static readonly TransferCollection Relationships = new TransferCollection<RelationshipEntry>(
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

    public static readonly TransferCollection Agreements = new TransferCollection<AgreementEntry>(
        "agreements",
        ["id", "title", "kind", "purpose", "desiredOutcomes", "binding", "reviewDate", "status", "parties", "signatories"],
        ReadAgreement,
        batch => batch.Agreements,
        export => export.Agreements,
        new Dictionary<string, IReadOnlyList<string>> { ["parties"] = PartyFields, ["signatories"] = SignatoryFields });

    public static readonly IReadOnlyList<TransferCollection> All = [Organisations, People, Bodies, Seats, Memberships, Relationships, Agreements];

    public static TransferCollection? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    private static string? Email(EntrySource row)
    {
        var email = row.Text("email", 320);
        if (email is not null && !FieldFormats.IsEmail(email))
        {
            row.Error("email", $"'{email}' is not an email address.");
        }

        return email;
    }

    private static BodyEntry ReadBody(EntrySource row)
    {
        var entry = new BodyEntry(
            row.Id("id"),
            row.Text("name", Body.NameMaxLength, required: true) ?? "",
            row.Text("shortName", Body.ShortNameMaxLength),
            row.Choice<BodyType>("type") ?? default,
            row.Choice<BodyScope>("scope") ?? default,
            row.Text("coverage", 200),
            row.Choice<Tier>("tier") ?? default,
            row.Text("termsOfReference", Body.TermsOfReferenceMaxLength, multiLine: true),
            row.Link("termsOfReferenceUrl"),
            row.Date("termsReviewDue"),
            row.Id("supportingOrganisationId"),
            row.Choices<CycleRole>("roles"),
            row.Choice<BodyStatus>("status", required: false) ?? BodyStatus.Active,
            row.Date("dissolvedOn"));
        if (entry.Status == BodyStatus.Dissolved && entry.DissolvedOn is null)
        {
            row.Error("dissolvedOn", "A dissolved body needs the date it was dissolved.");
        }

        if (entry.Status == BodyStatus.Active && entry.DissolvedOn is not null)
        {
            row.Error("dissolvedOn", "Only a dissolved body has a dissolution date; say status dissolved, or leave this empty.");
        }

        return entry;
    }

    private static MembershipEntry ReadMembership(EntrySource row)
    {
        var entry = new MembershipEntry(
            row.Id("id"),
            row.Id("bodyId", required: true) ?? Guid.Empty,
            row.Id("seatId"),
            row.Id("personId", required: true) ?? Guid.Empty,
            row.Id("onBehalfOfOrganisationId"),
            row.Id("onBehalfOfBodyId"),
            row.Choice<MembershipRole>("role", required: false) ?? MembershipRole.Member,
            row.Flag("voting"),
            row.Date("startsOn", required: true) ?? default,
            row.Date("endsOn"));
        if (entry.EndsOn < entry.StartsOn)
        {
            row.Error("endsOn", $"Ends before it starts ({entry.StartsOn:yyyy-MM-dd}).");
        }

        if (entry.OnBehalfOfOrganisationId is not null && entry.OnBehalfOfBodyId is not null)
        {
            row.Error("onBehalfOfBodyId", "A member sits on behalf of an organisation or a body, not both.");
        }

        if (entry.OnBehalfOfBodyId is { } represented && represented == entry.BodyId)
        {
            row.Error("onBehalfOfBodyId", "A body cannot be represented on itself.");
        }

        return entry;
    }

    private static AgreementEntry ReadAgreement(EntrySource row)
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
