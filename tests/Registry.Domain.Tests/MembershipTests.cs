using Concordat.Contracts.Registry;
using Concordat.Registry.Memberships;
using static Concordat.Registry.Domain.Tests.Registry;

namespace Concordat.Registry.Domain.Tests;

/// <summary><see cref="Membership"/>: how one starts, ends and is restated, and what each announces.</summary>
public sealed class MembershipTests
{
    [Fact]
    public void An_admitted_membership_starts_and_announces_who_joined()
    {
        var body = Body();
        var person = Person();

        var (membership, refused) = Membership.Admit(body, null, person, Terms(body, null, person), [], Now);

        Assert.Null(refused);
        var started = Assert.IsType<MembershipStarted>(Assert.Single(Events(membership!)));
        Assert.Equal(person.Name, started.PersonName);
    }

    [Fact]
    public void A_refused_membership_does_not_start()
    {
        var body = Body();
        Assert.Null(body.Dissolve(Today, Now));
        var person = Person();

        var (membership, refused) = Membership.Admit(body, null, person, Terms(body, null, person), [], Now);

        Assert.Null(membership);
        Assert.Equal(RegistryRules.BodyDissolved, refused?.Rule);
    }

    [Fact]
    public void A_membership_terms_other_than_its_end_are_fixed()
    {
        var body = Body();
        var person = Person();
        var membership = Holding(Terms(body, null, person));
        Events(membership);

        Assert.Equal(RegistryRules.MembershipTermsFixed, membership.Amend(membership.Terms with { Role = MembershipRole.ViceChair }, Now)?.Rule);
        Assert.Equal(MembershipRole.Member, membership.Role);
        Assert.Empty(Events(membership));
    }

    [Fact]
    public void Restating_a_membership_with_an_end_ends_it_and_announces_it()
    {
        var membership = Holding(Terms(Body(), null, Person()));
        Events(membership);

        Assert.Null(membership.Amend(membership.Terms with { EndsOn = Today.AddMonths(2) }, Now));

        Assert.Equal(Today.AddMonths(2), membership.EndsOn);
        Assert.False(Assert.IsType<MembershipEnded>(Assert.Single(Events(membership))).Removed);
    }

    [Fact]
    public void Ended_membership_cannot_be_reopened()
    {
        var membership = Holding(Terms(Body(), null, Person(), endsOn: Today.AddMonths(2)));

        Assert.Equal(RegistryRules.MembershipEnded, membership.Amend(membership.Terms with { EndsOn = null }, Now)?.Rule);
        Assert.Equal(Today.AddMonths(2), membership.EndsOn);
    }

    [Fact]
    public void Ended_membership_cannot_end_later()
    {
        var membership = Holding(Terms(Body(), null, Person(), endsOn: Today.AddMonths(2)));

        Assert.Equal(RegistryRules.MembershipEnded, membership.End(Today.AddMonths(3), Now)?.Rule);
    }

    [Fact]
    public void A_membership_cannot_end_before_it_starts()
    {
        var membership = Holding(Terms(Body(), null, Person(), startsOn: Today));

        Assert.Equal(RegistryRules.EndBeforeStart, membership.End(Today.AddDays(-1), Now)?.Rule);
        Assert.Null(membership.EndsOn);
    }

    [Fact]
    public void A_removed_membership_announces_its_removal_once()
    {
        var membership = Holding(Terms(Body(), null, Person()));
        Events(membership);

        membership.Remove(Now);
        membership.Remove(Now);

        Assert.True(Assert.IsType<MembershipEnded>(Assert.Single(Events(membership))).Removed);
    }
}
