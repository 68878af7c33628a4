using Concordat.DemoData;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;

namespace Concordat.Registry.DemoData;

/// <summary>
/// A partnership configuration written as tables a person can read and check against its source. Rows refer to
/// each other by key (<c>gcc</c>, <c>gsp</c>, <c>anne-whitcombe</c>); a key also fixes the record's id
/// (<see cref="DemoIds"/>). <see cref="ConfigurationRecords.Build"/> turns the tables into registry records.
/// </summary>
public sealed record ConfigurationTables(
    IReadOnlyList<OrganisationRow> Organisations,
    IReadOnlyList<BodyRow> Bodies,
    IReadOnlyList<SeatRow> Seats,
    IReadOnlyList<PersonRow> People,
    IReadOnlyList<MembershipRow> Memberships,
    IReadOnlyList<RelationshipRow> Relationships,
    IReadOnlyList<AgreementRow> Agreements);

public sealed record OrganisationRow(string Key, string Name, string? ShortName, OrganisationKind Kind, bool DutyToCooperate, string? Website = null);

/// <summary>A body; <paramref name="SupportedBy"/> is the organisation providing its clerk function.</summary>
public sealed record BodyRow(
    string Key,
    string Name,
    string? ShortName,
    BodyType Type,
    BodyScope Scope,
    string Coverage,
    Tier Tier,
    IReadOnlyList<CycleRole> Roles,
    string SupportedBy,
    string TermsOfReference,
    string? TermsOfReferenceUrl = null,
    DateOnly? TermsReviewDue = null);

/// <summary>A seat of the body keyed <paramref name="Body"/>; <paramref name="Substitutes"/>, when given, allows substitutes and says who may be one.</summary>
public sealed record SeatRow(
    string Body,
    string Key,
    string Title,
    int Places,
    SeatHolder Holder,
    Representation Represents,
    bool OnePerRepresented = false,
    bool Chair = false,
    bool Voting = true,
    string? Substitutes = null);

/// <summary>A person and their posts: (organisation key, title). Their e-mail address is made up from the key at a reserved <c>.example</c> domain.</summary>
public sealed record PersonRow(string Key, string Name, bool Elected, IReadOnlyList<(string Organisation, string Title)> Posts);

/// <summary>
/// A person's place on a body. <paramref name="Seat"/> is a key among the body's seats, or null for the clerk and for
/// members co-opted outside the seats; <paramref name="OnBehalfOf"/> is an organisation or body key. The membership
/// votes when its seat carries a vote and its role is not clerk or adviser. It starts on <see cref="GloucestershireConference.Reaffirmed"/> unless told.
/// </summary>
public sealed record MembershipRow(
    string Person,
    string Body,
    string? Seat,
    MembershipRole Role,
    string? OnBehalfOf = null,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null)
{
    public string Key => $"{Body}/{Seat ?? RegistryEvents.Wire(Role)}/{Person}";
}

public sealed record RelationshipRow(string From, RelationshipKind Kind, string To)
{
    public string Key => $"{From}/{RegistryEvents.Wire(Kind)}/{To}";
}

/// <summary>An agreement; <paramref name="Parties"/> are organisation or body keys.</summary>
public sealed record AgreementRow(
    string Key,
    string Title,
    AgreementKind Kind,
    string Purpose,
    IReadOnlyList<string> DesiredOutcomes,
    bool Binding,
    DateOnly? ReviewDate,
    AgreementStatus Status,
    IReadOnlyList<string> Parties,
    IReadOnlyList<SignatoryRow> Signatories);

public sealed record SignatoryRow(string Person, string OnBehalfOf, DateOnly SignedOn);

/// <summary>
/// The registry records a <see cref="ConfigurationTables"/> describes, each with its fixed id, and the memberships
/// admitted through <see cref="Membership.Admit"/> one by one, as the API admits them.
/// </summary>
public sealed class ConfigurationRecords
{
    private ConfigurationRecords()
    {
    }

    public IReadOnlyList<Organisation> Organisations { get; private init; } = [];

    public IReadOnlyList<Person> People { get; private init; } = [];

    public IReadOnlyList<Body> Bodies { get; private init; } = [];

    public IReadOnlyList<Seat> Seats { get; private init; } = [];

    public IReadOnlyList<Membership> Memberships { get; private init; } = [];

    public IReadOnlyList<BodyRelationship> Relationships { get; private init; } = [];

    public IReadOnlyList<Agreement> Agreements { get; private init; } = [];

    public int Count => Organisations.Count + People.Count + Bodies.Count + Seats.Count + Memberships.Count + Relationships.Count + Agreements.Count;

    /// <summary>
    /// Builds the records. Throws <see cref="InvalidOperationException"/> when a row names a key the tables do not
    /// define, repeats a key, or admits a member the seat rules refuse: demo data must keep the rules it demonstrates.
    /// </summary>
    /// <summary>
    /// The sign-in a demo person is linked to, so <c>token clerk --subject demo-joanna-pryce</c> acts as that clerk
    /// against the running platform.
    /// </summary>
    public static string DemoSubject(string personKey) => DemoIds.Subject(personKey);

    public static ConfigurationRecords Build(ConfigurationTables tables, DateOnly defaultStart, DateTimeOffset now)
    {
        var organisations = Keyed(tables.Organisations, o => o.Key, "organisation", o =>
            Organisation.Register(new OrganisationDetails(o.Name, o.ShortName, o.Kind, o.DutyToCooperate, o.Website is null ? null : new Uri(o.Website)), now, DemoIds.For("organisations", o.Key)));

        var bodies = Keyed(tables.Bodies, b => b.Key, "body", b => Body.Register(
            new BodyDetails(
                b.Name,
                b.ShortName,
                b.Type,
                b.Scope,
                b.Coverage,
                b.Tier,
                b.TermsOfReference,
                b.TermsOfReferenceUrl is null ? null : new Uri(b.TermsOfReferenceUrl),
                b.TermsReviewDue,
                Find(organisations, b.SupportedBy, "organisation").Id,
                b.Roles),
            now,
            DemoIds.For("bodies", b.Key)));

        var seats = Keyed(tables.Seats, s => $"{s.Body}/{s.Key}", "seat", s => Seat.Define(
            Find(bodies, s.Body, "body").Id,
            new SeatDetails(s.Title, s.Places, s.Voting, s.Holder, s.Chair, s.Represents, s.OnePerRepresented, s.Substitutes is not null, s.Substitutes),
            now,
            DemoIds.For("seats", $"{s.Body}/{s.Key}")));

        var people = Keyed(tables.People, p => p.Key, "person", p => Person.Register(
            new PersonDetails(
                p.Name,
                p.Elected,
                p.Posts is [var first, ..] ? $"{p.Key.Replace('-', '.')}@{first.Organisation}.example" : null,
                [.. p.Posts.Select(post => new Affiliation { OrganisationId = Find(organisations, post.Organisation, "organisation").Id, Title = post.Title })],
                DemoSubject(p.Key)),
            now,
            DemoIds.For("people", p.Key)));

        Keyed(tables.Memberships, m => m.Key, "membership", m => m);
        var memberships = new List<Membership>();
        foreach (var row in tables.Memberships)
        {
            memberships.Add(Admit(row, bodies, seats, people, organisations, memberships, defaultStart, now));
        }

        var relationships = Keyed(tables.Relationships, r => r.Key, "relationship", r =>
            BodyRelationship.Relate(Find(bodies, r.From, "body").Id, r.Kind, Find(bodies, r.To, "body").Id, now, DemoIds.For("relationships", r.Key)));

        var agreements = Keyed(tables.Agreements, a => a.Key, "agreement", a => Agreement.Record(
            new AgreementDetails(
                a.Title,
                a.Kind,
                a.Purpose,
                a.DesiredOutcomes,
                a.Binding,
                a.ReviewDate,
                a.Status,
                [.. a.Parties.Select(party => organisations.TryGetValue(party, out var organisation)
                    ? new AgreementParty { OrganisationId = organisation.Id }
                    : new AgreementParty { BodyId = Find(bodies, party, "organisation or body").Id })],
                [.. a.Signatories.Select(s => new Signatory
                {
                    PersonId = Find(people, s.Person, "person").Id,
                    OnBehalfOfOrganisationId = Find(organisations, s.OnBehalfOf, "organisation").Id,
                    SignedOn = s.SignedOn,
                })]),
            now,
            DemoIds.For("agreements", a.Key)));

        return new ConfigurationRecords
        {
            Organisations = [.. organisations.Values],
            People = [.. people.Values],
            Bodies = [.. bodies.Values],
            Seats = [.. seats.Values],
            Memberships = memberships,
            Relationships = [.. relationships.Values],
            Agreements = [.. agreements.Values],
        };
    }

    private static Membership Admit(
        MembershipRow row,
        Dictionary<string, Body> bodies,
        Dictionary<string, Seat> seats,
        Dictionary<string, Person> people,
        Dictionary<string, Organisation> organisations,
        List<Membership> admitted,
        DateOnly defaultStart,
        DateTimeOffset now)
    {
        var body = Find(bodies, row.Body, "body");
        var seat = row.Seat is null ? null : Find(seats, $"{row.Body}/{row.Seat}", "seat");
        var person = Find(people, row.Person, "person");
        Guid? forOrganisation = null;
        Guid? forBody = null;
        if (row.OnBehalfOf is { } represented)
        {
            if (organisations.TryGetValue(represented, out var organisation))
            {
                forOrganisation = organisation.Id;
            }
            else
            {
                forBody = Find(bodies, represented, "organisation or body").Id;
            }
        }

        var voting = seat is { Voting: true } && row.Role is not (MembershipRole.Clerk or MembershipRole.Adviser);
        var terms = new MembershipTerms(body.Id, seat?.Id, person.Id, forOrganisation, forBody, row.Role, voting, row.StartsOn ?? defaultStart, row.EndsOn);
        var holders = seat is null ? [] : admitted.Where(m => m.SeatId == seat.Id).ToList();
        var (started, violation) = Membership.Admit(body, seat, person, terms, holders, now, DemoIds.For("memberships", row.Key));
        return started ?? throw new InvalidOperationException(
            $"The demo data breaks the rule '{violation!.Rule}' admitting {person.Name} to {body.ShortName ?? body.Name} ({row.Key}): {violation.Detail}");
    }

    private static Dictionary<string, TRecord> Keyed<TRow, TRecord>(IEnumerable<TRow> rows, Func<TRow, string> key, string what, Func<TRow, TRecord> create)
    {
        var records = new Dictionary<string, TRecord>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!records.TryAdd(key(row), create(row)))
            {
                throw new InvalidOperationException($"The demo data defines the {what} '{key(row)}' twice.");
            }
        }

        return records;
    }

    private static T Find<T>(Dictionary<string, T> records, string key, string what) =>
        records.TryGetValue(key, out var record)
            ? record
            : throw new InvalidOperationException($"The demo data names the {what} '{key}', which it does not define.");
}
