using Concordat.Contracts.Registry;
using Concordat.Registry.Bodies;
using Concordat.Registry.Memberships;
using static Concordat.Registry.Domain.Tests.Registry;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="Body"/> and <see cref="BodyDissolution"/>: what a body refuses, and what it announces.</summary>
public sealed class BodyTests
{
    [Fact]
    public void A_registered_body_announces_itself()
    {
        var body = Body();

        Assert.IsType<BodyRegistered>(Assert.Single(Events(body)));
    }

    [Fact]
    public void Dissolved_body_cannot_be_changed()
    {
        var body = Body();
        Assert.Null(body.Dissolve(Today, Now));
        Events(body);

        Assert.Equal(RegistryRules.BodyDissolved, body.Change(body.Details with { Name = "Renamed" }, Now)?.Rule);
        Assert.Empty(Events(body));
        Assert.Equal("Accountable Bodies Group", body.Name);
    }

    [Fact]
    public void Dissolved_body_cannot_be_dissolved_again()
    {
        var body = Body();
        Assert.Null(body.Dissolve(Today, Now));
        Events(body);

        Assert.Equal(RegistryRules.BodyDissolved, body.Dissolve(Today.AddDays(1), Now)?.Rule);
        Assert.Equal(Today, body.DissolvedOn);
        Assert.Empty(Events(body));
    }

    [Fact]
    public void A_change_that_keeps_the_roles_announces_only_the_change()
    {
        var body = Body();
        Events(body);

        Assert.Null(body.Change(body.Details with { Name = "Gloucestershire Conference" }, Now));

        Assert.IsType<BodyChanged>(Assert.Single(Events(body)));
    }

    [Fact]
    public void A_change_of_roles_announces_the_roles_before_and_after()
    {
        var body = Body(roles: CycleRole.Authorising);
        Events(body);

        Assert.Null(body.Change(body.Details with { Roles = [CycleRole.Executive, CycleRole.Authorising] }, Now));

        var events = Events(body);
        Assert.IsType<BodyChanged>(events[0]);
        var roles = Assert.IsType<BodyRolesChanged>(events[1]);
        Assert.Equal(["authorising"], roles.PreviousRoles);
        Assert.Equal(["authorising", "executive"], roles.Roles);
    }

    [Fact]
    public void Dissolving_a_body_ends_the_memberships_that_run_past_the_day_and_announces_each()
    {
        var body = Body();
        var person = Person();
        var open = Holding(Terms(body, null, person, startsOn: Today.AddYears(-1)));
        var later = Holding(Terms(body, null, person, startsOn: Today.AddMonths(1)));
        var over = Holding(Terms(body, null, person, startsOn: Today.AddYears(-2), endsOn: Today.AddYears(-1)));
        var elsewhere = Holding(Terms(Body(), null, person, startsOn: Today.AddYears(-1)));
        Events(body, open, later, over, elsewhere);

        Assert.Null(BodyDissolution.Dissolve(body, Today, [open, later, over, elsewhere], Now));

        Assert.Equal(Today, open.EndsOn);
        Assert.Equal(later.StartsOn, later.EndsOn);
        Assert.Equal(Today.AddYears(-1), over.EndsOn);
        Assert.Null(elsewhere.EndsOn);
        var events = Events(body, open, later, over, elsewhere);
        Assert.IsType<BodyDissolved>(events[0]);
        Assert.Equal([open.Id, later.Id], events.Skip(1).Select(e => Assert.IsType<MembershipEnded>(e).MembershipId));
    }

    [Fact]
    public void A_dissolution_refused_ends_no_membership()
    {
        var body = Body();
        Assert.Null(body.Dissolve(Today, Now));
        var membership = Holding(Terms(body, null, Person(), startsOn: Today.AddYears(-1)));

        Assert.Equal(RegistryRules.BodyDissolved, BodyDissolution.Dissolve(body, Today, [membership], Now)?.Rule);
        Assert.Null(membership.EndsOn);
    }
}
