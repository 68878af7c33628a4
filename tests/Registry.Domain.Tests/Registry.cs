using Concordat.Contracts;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using Concordat.Registry.People;
using Concordat.ServiceKit;

namespace Concordat.Registry.Domain.Tests;

/// <summary>Records as the rules see them, made with the domain's own factories.</summary>
internal static class Registry
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static Body Body(Guid? supportingOrganisation = null, params CycleRole[] roles) => Bodies.Body.Register(
        new BodyDetails("Accountable Bodies Group", "ABG", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County,
            null, null, null, supportingOrganisation, roles.Length == 0 ? [CycleRole.Authorising] : roles),
        Now);

    public static Seat Seat(Body body, int places = 1, bool voting = true, SeatHolder holder = SeatHolder.Anyone,
        Representation represents = Representation.Nobody, bool onePerRepresented = false, bool substitutesAllowed = false) =>
        Memberships.Seat.Define(body.Id, new SeatDetails("Leader of a district council", places, voting, holder, Chair: false,
            represents, onePerRepresented, substitutesAllowed, SubstituteRule: null), Now);

    public static Person Person(bool elected = false, params Guid[] organisations) => People.Person.Register(
        new PersonDetails(elected ? "Cllr Ann Example" : "Dr Ruth Independent", elected, null,
            [.. organisations.Select(o => new Affiliation { OrganisationId = o, Title = "Officer" })]),
        Now);

    public static MembershipTerms Terms(Body body, Seat? seat, Person person, MembershipRole role = MembershipRole.Member, bool voting = true,
        Guid? onBehalfOfOrganisation = null, Guid? onBehalfOfBody = null, DateOnly? startsOn = null, DateOnly? endsOn = null) =>
        new(body.Id, seat?.Id, person.Id, onBehalfOfOrganisation, onBehalfOfBody, role, voting, startsOn ?? Today, endsOn);

    /// <summary>A membership already held under <paramref name="terms"/> (the holder's name only feeds its event).</summary>
    public static Membership Holding(MembershipTerms terms) => Membership.Start(terms, Person(), Now);

    /// <summary>The events <paramref name="records"/> raised since last asked, in the order raised.</summary>
    public static IReadOnlyList<IntegrationEvent> Events(params VersionedRecord[] records) =>
        [.. records.SelectMany(r => r.TakeEvents()).OrderBy(e => e.Order).Select(e => e.Event)];
}
