using Concordat.Registry.Memberships;
using static Concordat.Registry.Domain.Tests.Registry;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="MembershipRules.Admit"/>: the rules a new membership must keep, each refusal naming its rule.</summary>
public sealed class MembershipRulesTests
{
    [Fact]
    public void A_member_who_keeps_every_rule_is_admitted()
    {
        var body = Body();
        var seat = Seat(body);
        var person = Person();

        Assert.Null(MembershipRules.Admit(body, seat, person, Terms(body, seat, person), []));
    }

    [Fact]
    public void Nobody_can_join_a_dissolved_body()
    {
        var body = Body();
        Assert.Null(body.Dissolve(Today, Now));
        var person = Person();

        Assert.Equal("body-dissolved", MembershipRules.Admit(body, null, person, Terms(body, null, person), [])?.Rule);
    }

    [Fact]
    public void The_clerk_comes_from_the_supporting_organisation()
    {
        var council = Guid.CreateVersion7();
        var body = Body(supportingOrganisation: council);
        var outsider = Person(organisations: Guid.CreateVersion7());
        var officer = Person(organisations: council);

        Assert.Equal("clerk-from-supporting-organisation",
            MembershipRules.Admit(body, null, outsider, Terms(body, null, outsider, MembershipRole.Clerk, voting: false), [])?.Rule);
        Assert.Null(MembershipRules.Admit(body, null, officer, Terms(body, null, officer, MembershipRole.Clerk, voting: false), []));
    }

    [Fact]
    public void The_clerk_has_no_vote()
    {
        var council = Guid.CreateVersion7();
        var body = Body(supportingOrganisation: council);
        var officer = Person(organisations: council);

        Assert.Equal("clerk-has-no-vote", MembershipRules.Admit(body, null, officer, Terms(body, null, officer, MembershipRole.Clerk, voting: true), [])?.Rule);
    }

    [Theory]
    [InlineData(SeatHolder.NonElected, true, "seat-requires-non-elected")]
    [InlineData(SeatHolder.Elected, false, "seat-requires-elected")]
    public void A_seat_for_elected_or_non_elected_people_refuses_the_other(SeatHolder holder, bool elected, string rule)
    {
        var body = Body();
        var seat = Seat(body, holder: holder);
        var person = Person(elected);

        Assert.Equal(rule, MembershipRules.Admit(body, seat, person, Terms(body, seat, person), [])?.Rule);
    }

    [Fact]
    public void A_seat_without_a_vote_gives_none()
    {
        var body = Body();
        var seat = Seat(body, voting: false);
        var person = Person();

        Assert.Equal("seat-has-no-vote", MembershipRules.Admit(body, seat, person, Terms(body, seat, person, voting: true), [])?.Rule);
        Assert.Null(MembershipRules.Admit(body, seat, person, Terms(body, seat, person, voting: false), []));
    }

    [Fact]
    public void A_substitute_needs_a_seat_that_allows_them_and_does_not_take_a_place()
    {
        var body = Body();
        var strict = Seat(body);
        var lenient = Seat(body, substitutesAllowed: true);
        var holder = Person();
        var deputy = Person();
        var held = Holding(Terms(body, lenient, holder));

        Assert.Equal("seat-allows-no-substitutes",
            MembershipRules.Admit(body, strict, deputy, Terms(body, strict, deputy, MembershipRole.Substitute), [])?.Rule);
        Assert.Null(MembershipRules.Admit(body, lenient, deputy, Terms(body, lenient, deputy, MembershipRole.Substitute), [held]));
    }

    [Theory]
    [InlineData(Representation.Organisation)]
    [InlineData(Representation.Body)]
    public void A_representative_seat_says_on_whose_behalf(Representation represents)
    {
        var body = Body();
        var seat = Seat(body, represents: represents);
        var person = Person();

        Assert.Equal("seat-requires-representation", MembershipRules.Admit(body, seat, person, Terms(body, seat, person), [])?.Rule);
    }

    [Fact]
    public void A_seat_takes_no_more_holders_than_its_places_over_an_overlapping_period()
    {
        var body = Body();
        var seat = Seat(body, places: 1);
        var first = Person();
        var second = Person();
        var held = Holding(Terms(body, seat, first, endsOn: Today.AddMonths(6)));

        Assert.Equal("seat-full", MembershipRules.Admit(body, seat, second, Terms(body, seat, second), [held])?.Rule);
        // After the first holder's term ends, the place is free.
        Assert.Null(MembershipRules.Admit(body, seat, second, Terms(body, seat, second, startsOn: Today.AddMonths(7)), [held]));
    }

    [Fact]
    public void One_representative_of_each_means_a_second_for_the_same_organisation_is_refused()
    {
        var body = Body();
        var seat = Seat(body, places: 6, represents: Representation.Organisation, onePerRepresented: true);
        var district = Guid.CreateVersion7();
        var first = Person(elected: true);
        var second = Person(elected: true);
        var held = Holding(Terms(body, seat, first, onBehalfOfOrganisation: district));

        Assert.Equal("one-per-represented",
            MembershipRules.Admit(body, seat, second, Terms(body, seat, second, onBehalfOfOrganisation: district), [held])?.Rule);
        Assert.Null(MembershipRules.Admit(body, seat, second, Terms(body, seat, second, onBehalfOfOrganisation: Guid.CreateVersion7()), [held]));
    }
}
