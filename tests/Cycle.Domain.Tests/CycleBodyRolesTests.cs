using Concordat.Registry.ReadModel;

namespace Concordat.Cycle.Domain.Tests;

/// <summary>What a membership in the registry gives a caller in the cycle.</summary>
public sealed class CycleBodyRolesTests
{
    [Theory]
    [InlineData("clerk", false, "clerk")]
    [InlineData("chair", false, "chair,member")]
    [InlineData("vice_chair", false, "chair,member")]
    [InlineData("co_opted", false, "member")]
    [InlineData("adviser", false, "")]
    [InlineData("adviser", true, "scrutiny_officer")]
    [InlineData("clerk", true, "clerk,scrutiny_officer")]
    public void A_membership_gives_the_roles_it_gives_in_the_registry(string capacity, bool scrutinyBody, string roles)
    {
        Assert.Equal(roles, string.Join(",", MembershipCapacities.RolesOf(capacity, scrutinyBody).Order()));
    }
}
