using Concordat.Registry.Memberships;
using static Concordat.Registry.Domain.Tests.Registry;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="Seat"/>: a seat stays with its body, and keeps a place for everyone who holds it.</summary>
public sealed class SeatTests
{
    [Fact]
    public void A_seat_cannot_move_to_another_body()
    {
        var body = Body();
        var seat = Seat(body);

        Assert.Equal(RegistryRules.SeatBodyFixed, seat.Change(seat.Details with { Title = "Moved" }, Now, Body().Id)?.Rule);
        Assert.Equal(body.Id, seat.BodyId);
        Assert.Equal("Leader of a district council", seat.Title);
    }

    [Fact]
    public void A_seat_changes_within_its_body()
    {
        var body = Body();
        var seat = Seat(body);

        Assert.Null(seat.Change(seat.Details with { Title = "Leader of a council" }, Now, body.Id));
        Assert.Equal("Leader of a council", seat.Title);
    }

    [Theory]
    [InlineData(3, 2, null)]
    [InlineData(2, 2, null)]
    [InlineData(1, 2, RegistryRules.SeatPlacesBelowHolders)]
    public void Places_cannot_be_cut_below_the_holders(int places, int holders, string? rule)
    {
        var seat = Seat(Body(), places: 3);

        Assert.Equal(rule, seat.RefuseCut(places, holders)?.Rule);
    }

    [Fact]
    public void Holders_are_those_who_sit_from_today_on_not_substitutes_past_or_removed_members()
    {
        var body = Body();
        var seat = Seat(body, places: 5, substitutesAllowed: true);
        var person = Person();
        var sitting = Holding(Terms(body, seat, person, startsOn: Today.AddYears(-1)));
        var starting = Holding(Terms(body, seat, person, startsOn: Today.AddMonths(1)));
        var past = Holding(Terms(body, seat, person, startsOn: Today.AddYears(-2), endsOn: Today.AddDays(-1)));
        var substitute = Holding(Terms(body, seat, person, MembershipRole.Substitute));
        var removed = Holding(Terms(body, seat, person));
        removed.Remove(Now);
        var elsewhere = Holding(Terms(body, Seat(body), person));

        var holders = new[] { sitting, starting, past, substitute, removed, elsewhere }.AsQueryable().Count(Membership.HoldsPlaceFrom(seat.Id, Today));

        Assert.Equal(2, holders);
    }
}
