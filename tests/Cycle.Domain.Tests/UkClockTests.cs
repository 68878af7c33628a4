using Concordat.Cycle.RegistryModel;

namespace Concordat.Cycle.Domain.Tests;

/// <summary>The cycle's UK calendar, and what a membership gives a caller.</summary>
public sealed class UkClockTests
{
    [Fact]
    public void In_british_summer_time_the_day_turns_an_hour_before_midnight_utc()
    {
        Assert.Equal(new DateOnly(2026, 7, 2), UkClock.DayOf(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 12, 1), UkClock.DayOf(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero)));
    }

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
        Assert.Equal(roles, string.Join(",", CycleBodyRoles.RolesOf(capacity, scrutinyBody).Order()));
    }
}
