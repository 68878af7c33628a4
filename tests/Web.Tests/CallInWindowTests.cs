using Concordat.Web.Apis;
using Concordat.Web.Scrutiny;

namespace Concordat.Web.Tests;

/// <summary>When the call-in page offers the form, and what it says instead: the rules of docs/scrutiny.md in words.</summary>
public sealed class CallInWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 13, 0, 0, TimeSpan.Zero);

    // The window ends at the end of a UK day: midnight in London.
    private static readonly DateTimeOffset Ends = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    private static Decision Decision(string status = "call_in_window", bool urgent = false, DateTimeOffset? ends = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "approved_with_amendments", "The Employco closure action plan is approved", null, null, null,
            urgent, status, Now.AddHours(-2), urgent ? null : ends ?? Ends);

    [Fact]
    public void A_decision_in_its_window_may_be_called_in()
    {
        Assert.Null(CallInWindow.WhyNot(Decision(), Now));
        Assert.True(CallInWindow.IsOpen(Decision(), Now));
    }

    [Fact]
    public void At_the_end_of_its_window_it_may_not_and_the_page_says_when_it_closed_in_UK_words()
    {
        var why = CallInWindow.WhyNot(Decision(), Ends);

        Assert.Equal("Its call-in window closed at the end of 7 December 2026.", why);
        Assert.False(CallInWindow.IsOpen(Decision(), Ends));
    }

    [Fact]
    public void A_second_before_the_end_it_still_may()
    {
        Assert.Null(CallInWindow.WhyNot(Decision(), Ends.AddSeconds(-1)));
    }

    [Fact]
    public void An_urgent_decision_is_exempt()
    {
        Assert.Contains("exempt from call-in", CallInWindow.WhyNot(Decision(urgent: true), Now), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("called_in", "already called in")]
    [InlineData("in_effect", "taken effect")]
    [InlineData("referred_back_by_scrutiny", "referred it back")]
    [InlineData("nothing_to_take_effect", "approves nothing")]
    public void A_decision_held_in_effect_or_approving_nothing_says_so(string status, string words)
    {
        Assert.Contains(words, CallInWindow.WhyNot(Decision(status), Now), StringComparison.Ordinal);
    }
}
