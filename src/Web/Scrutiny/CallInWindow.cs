using Concordat.Web.Apis;
using Concordat.Web.Components;

namespace Concordat.Web.Scrutiny;

/// <summary>
/// Whether a published decision may be called in now, as scrutiny's rules say (<c>docs/scrutiny.md</c>, "Call-in"):
/// the page offers the form only when it may, and otherwise says why in the rules' words.
/// </summary>
public static class CallInWindow
{
    /// <summary>Null when <paramref name="decision"/> may be called in at <paramref name="now"/>; otherwise why not.</summary>
    public static string? WhyNot(Decision decision, DateTimeOffset now) => decision switch
    {
        { Urgent: true } or { CallInEndsAt: null } => "It was taken as urgent: an urgent decision is exempt from call-in and took effect when it was published.",
        { Status: "called_in" } => "It is already called in, and one call-in at a time holds a decision.",
        { Status: "referred_back_by_scrutiny" } => "Scrutiny has already referred it back: a new decision is needed.",
        { Status: "in_effect" } => "It has taken effect: the committee's route now is to raise a new issue.",
        { CallInEndsAt: { } ends } when now >= ends => $"Its call-in window closed at {UkTime.Deadline(ends)}.",
        { Status: "nothing_to_take_effect" } => "It approves nothing (rejected, deferred or referred back by the body itself), so there is nothing to hold.",
        _ => null,
    };

    /// <summary>Whether the window is open at <paramref name="now"/> (the rules above may still refuse).</summary>
    public static bool IsOpen(Decision decision, DateTimeOffset now) => decision.CallInEndsAt is { } ends && now < ends;
}
