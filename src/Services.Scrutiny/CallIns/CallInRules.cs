using Concordat.ServiceKit;

namespace Concordat.Scrutiny.CallIns;

/// <summary>
/// When a committee may call a decision in and when a call-in may be resolved: pure functions of the decision as scrutiny
/// heard it and the call-ins already made. Each refusal names its rule, answered as a 409 under <see cref="ScrutinyProblems.TypeBase"/>.
/// </summary>
public static class CallInRules
{
    public const string DecisionNotKnown = "decision-not-known";
    public const string DecisionUrgent = "decision-urgent";
    public const string WindowClosed = "call-in-window-closed";
    public const string AlreadyCalledIn = "decision-already-called-in";
    public const string AlreadyResolved = "call-in-already-resolved";

    /// <summary>
    /// Null when a committee may call in <paramref name="decision"/> at <paramref name="now"/>: the decision is known
    /// (its <c>DecisionPublished</c> arrived), not urgent, its window has not closed and no other call-in holds it.
    /// </summary>
    public static RuleViolation? MayCallIn(PublishedDecision? decision, bool heldByAnotherCallIn, DateTimeOffset now)
    {
        if (decision is not { Published: true })
        {
            return new RuleViolation(DecisionNotKnown, "Scrutiny knows of no published decision with that id; only a decision the cycle published can be called in.");
        }

        if (decision.Urgent || decision.CallInEndsAt is null)
        {
            return new RuleViolation(DecisionUrgent, "The decision was taken as urgent: it is exempt from call-in and took effect on publication.");
        }

        if (now >= decision.CallInEndsAt)
        {
            return new RuleViolation(WindowClosed, $"The call-in window closed at {decision.CallInEndsAt:O}.");
        }

        if (heldByAnotherCallIn)
        {
            return new RuleViolation(AlreadyCalledIn, "The decision is already called in and not yet resolved; one call-in at a time holds it.");
        }

        return null;
    }

    /// <summary>Null when <paramref name="callIn"/> may be resolved: once only.</summary>
    public static RuleViolation? MayResolve(CallIn callIn) =>
        callIn.ResolvedAt is null ? null : new RuleViolation(AlreadyResolved, $"The call-in was resolved ({callIn.Outcome}) at {callIn.ResolvedAt:O}.");
}
