using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;

namespace Concordat.Registry.Transfer;

/// <summary>
/// The whole registry as one document, format <c>concordat-registry/1</c>: live records only, with their ids, and
/// only the values a person enters (no timestamps or versions: an import stamps its own). The import takes the same
/// shape back. Documented in <c>docs/registry-import-export.md</c>; a change to it is a new format version.
/// </summary>
public sealed record RegistryExport(
    string Format,
    DateTimeOffset ExportedAt,
    IReadOnlyList<OrganisationEntry> Organisations,
    IReadOnlyList<PersonEntry> People,
    IReadOnlyList<BodyEntry> Bodies,
    IReadOnlyList<SeatEntry> Seats,
    IReadOnlyList<MembershipEntry> Memberships,
    IReadOnlyList<RelationshipEntry> Relationships,
    IReadOnlyList<AgreementEntry> Agreements)
{
    public const string CurrentFormat = "concordat-registry/1";
}

/// <summary>An organisation as exported and imported. <see cref="Id"/> is null on an import row that creates one.</summary>
public sealed record OrganisationEntry(Guid? Id, string Name, string? ShortName, OrganisationKind Kind, bool DutyToCooperate, Uri? Website)
{
    public static OrganisationEntry From(Organisation organisation) => new(
        organisation.Id, organisation.Name, organisation.ShortName, organisation.Kind, organisation.DutyToCooperate, organisation.Website);

    public OrganisationDetails ToDetails() => new(Name, ShortName, Kind, DutyToCooperate, Website);
}

/// <summary>A person; <c>subject</c> is their sign-in at the identity provider (a token's <c>sub</c>), if any.</summary>
public sealed record PersonEntry(Guid? Id, string Name, bool Elected, string? Email, IReadOnlyList<AffiliationEntry> Affiliations, string? Subject = null)
{
    public static PersonEntry From(Person person) => new(
        person.Id, person.Name, person.Elected, person.Email,
        [.. person.Affiliations.Select(a => new AffiliationEntry(a.OrganisationId, Blank(a.Title) ? null : a.Title!.Trim()))],
        person.Subject);

    public PersonDetails ToDetails() => new(Name, Elected, Email,
        [.. Affiliations.Select(a => new Affiliation { OrganisationId = a.OrganisationId, Title = Blank(a.Title) ? null : a.Title!.Trim() })],
        Blank(Subject) ? null : Subject!.Trim());

    // The model keeps a title as given; a blank one reads as none, so CSV (which cannot tell "" from nothing) round-trips.
    private static bool Blank(string? title) => string.IsNullOrWhiteSpace(title);
}

/// <summary>A person's post in an organisation. In CSV: <c>organisationId|title</c>.</summary>
public sealed record AffiliationEntry(Guid OrganisationId, string? Title);

public sealed record BodyEntry(
    Guid? Id,
    string Name,
    string? ShortName,
    BodyType Type,
    BodyScope Scope,
    string? Coverage,
    Tier Tier,
    string? TermsOfReference,
    Uri? TermsOfReferenceUrl,
    DateOnly? TermsReviewDue,
    Guid? SupportingOrganisationId,
    IReadOnlyList<CycleRole> Roles,
    BodyStatus Status,
    DateOnly? DissolvedOn)
{
    public static BodyEntry From(Body body) => new(
        body.Id, body.Name, body.ShortName, body.Type, body.Scope, body.Coverage, body.Tier, body.TermsOfReference,
        body.TermsOfReferenceUrl, body.TermsReviewDue, body.SupportingOrganisationId, [.. body.Roles], body.Status, body.DissolvedOn);

    public BodyDetails ToDetails() => new(
        Name, ShortName, Type, Scope, Coverage, Tier, TermsOfReference, TermsOfReferenceUrl, TermsReviewDue, SupportingOrganisationId, Roles);
}

public sealed record SeatEntry(
    Guid? Id,
    Guid BodyId,
    string Title,
    int Places,
    bool Voting,
    SeatHolder Holder,
    bool Chair,
    Representation Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    string? SubstituteRule)
{
    public static SeatEntry From(Seat seat) => new(
        seat.Id, seat.BodyId, seat.Title, seat.Places, seat.Voting, seat.Holder, seat.Chair, seat.Represents,
        seat.OnePerRepresented, seat.SubstitutesAllowed, seat.SubstituteRule);

    public SeatDetails ToDetails() => new(Title, Places, Voting, Holder, Chair, Represents, OnePerRepresented, SubstitutesAllowed, SubstituteRule);
}

public sealed record MembershipEntry(
    Guid? Id,
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    MembershipRole Role,
    bool Voting,
    DateOnly StartsOn,
    DateOnly? EndsOn)
{
    public static MembershipEntry From(Membership membership) => new(
        membership.Id, membership.BodyId, membership.SeatId, membership.PersonId, membership.OnBehalfOfOrganisationId,
        membership.OnBehalfOfBodyId, membership.Role, membership.Voting, membership.StartsOn, membership.EndsOn);

    public MembershipTerms ToTerms() => new(BodyId, SeatId, PersonId, OnBehalfOfOrganisationId, OnBehalfOfBodyId, Role, Voting, StartsOn, EndsOn);
}

/// <summary>Read "from kind to": the Cheltenham LSP is <c>represented_on</c> the GSP.</summary>
public sealed record RelationshipEntry(Guid? Id, Guid FromBodyId, RelationshipKind Kind, Guid ToBodyId)
{
    public static RelationshipEntry From(BodyRelationship relationship) => new(
        relationship.Id, relationship.FromBodyId, relationship.Kind, relationship.ToBodyId);
}

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
