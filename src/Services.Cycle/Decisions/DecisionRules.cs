using Concordat.Cycle.Issues;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Decisions;

/// <summary>
/// Who may decide on an issue, when a decision is in effect, and what a call-in does: pure functions of the decision,
/// the issue and the body (from the cycle's read model). Each refusal names its rule, answered as a 409 under
/// <see cref="CycleProblems.TypeBase"/> (or, for a call-in, recorded against it).
/// </summary>
public static class DecisionRules
{
    /// <summary>The call-in outcomes of <c>CallInResolved</c>.</summary>
    public const string NoFurtherAction = Contracts.Scrutiny.CallInResolved.NoFurtherAction;

    public const string ReferredBack = Contracts.Scrutiny.CallInResolved.ReferredBack;

    /// <summary>Null when <paramref name="body"/> may decide on an issue in <paramref name="stage"/> held by <paramref name="holders"/>.</summary>
    public static RuleViolation? MayDecide(IssueStage stage, IReadOnlyCollection<Guid> holders, HolderCandidate body)
    {
        if (stage != IssueStage.Authorisation)
        {
            return new RuleViolation("decision-needs-issue-in-authorisation",
                $"A decision is taken on an issue in authorisation; this one is in {StageRules.Wire(stage)}.");
        }

        if (body.Dissolved)
        {
            return new RuleViolation("holder-dissolved", $"{body.Name} has been dissolved; a dissolved body decides nothing.");
        }

        if (!body.Plays(StageRules.Roles.Authorising))
        {
            return new RuleViolation("decision-needs-authorising-body", $"Only a body with the authorising role decides; {body.Name} does not have it.");
        }

        if (!holders.Contains(body.Id))
        {
            return new RuleViolation("decider-not-holder", $"{body.Name} does not hold the issue's authorisation; the body that holds it decides.");
        }

        return null;
    }

    /// <summary>
    /// Null when a decision by <paramref name="body"/> on <paramref name="issue"/> may name a recorded meeting of
    /// <paramref name="meetingBodies"/> (null: none named) and a proposal on <paramref name="proposal"/>'s issue, put to its
    /// body (null: none): the meeting must be one of the deciding body, the proposal one on this issue put to this body.
    /// </summary>
    public static RuleViolation? MayLink(Guid issue, Guid body, IReadOnlyCollection<Guid>? meetingBodies, (Guid IssueId, Guid BodyId)? proposal)
    {
        if (meetingBodies is not null && !meetingBodies.Contains(body))
        {
            return new RuleViolation("meeting-not-of-deciding-body", "The meeting named is not a meeting of the deciding body.");
        }

        if (proposal is { } p && p.IssueId != issue)
        {
            return new RuleViolation("proposal-of-another-issue", "The proposal named is on another issue.");
        }

        if (proposal is { } q && q.BodyId != body)
        {
            return new RuleViolation("proposal-put-to-another-body", "The proposal named was put to another body; the body it was put to decides on it.");
        }

        return null;
    }

    /// <summary>Whether the outcome approves something that can take effect (and so let its issue move to implementation).</summary>
    public static bool Approves(DecisionOutcome outcome) => outcome is DecisionOutcome.Approved or DecisionOutcome.ApprovedWithAmendments;

    /// <summary>
    /// In effect at <paramref name="now"/>: published, approving, not referred back by a call-in, no call-in holding it,
    /// and urgent or past its call-in window.
    /// </summary>
    public static bool InEffect(Decision decision, DateTimeOffset now) =>
        decision.PublishedAt is not null
        && Approves(decision.Outcome)
        && decision.ReferredBackAt is null
        && !decision.CallIns.Any(c => c.HoldsDecision)
        && (decision.Urgent || decision.CallInEndsAt is { } ends && now >= ends);

    /// <summary>Where the decision stands at <paramref name="now"/>.</summary>
    public static DecisionStatus StatusAt(Decision decision, DateTimeOffset now) => decision switch
    {
        { PublishedAt: null } => DecisionStatus.Draft,
        { ReferredBackAt: not null } => DecisionStatus.ReferredBackByScrutiny,
        _ when decision.CallIns.Any(c => c.HoldsDecision) => DecisionStatus.CalledIn,
        _ when !Approves(decision.Outcome) => decision.Urgent || now >= decision.CallInEndsAt ? DecisionStatus.NothingToTakeEffect : DecisionStatus.CallInWindow,
        _ when InEffect(decision, now) => DecisionStatus.InEffect,
        _ => DecisionStatus.CallInWindow,
    };

    /// <summary>
    /// Null when a call-in made at <paramref name="calledInAt"/> holds the decision out of effect; otherwise why it does
    /// not (it is then only recorded): the decision is unpublished, urgent (exempt), past its window when called in, or
    /// already announced as in effect (partners have acted on it; a late call-in cannot take that back).
    /// </summary>
    public static RuleViolation? CallIn(Decision decision, DateTimeOffset calledInAt)
    {
        if (decision.PublishedAt is null)
        {
            return new RuleViolation("call-in-of-unpublished-decision", "Only a published decision can be called in.");
        }

        if (decision.Urgent)
        {
            return new RuleViolation("urgent-decision-exempt", "An urgent decision is exempt from call-in; it took effect on publication.");
        }

        if (decision.CallInEndsAt is { } ends && calledInAt > ends)
        {
            return new RuleViolation("call-in-window-closed", $"The call-in window closed at {ends:O}; the call-in came after it.");
        }

        if (decision.TookEffectAt is not null)
        {
            return new RuleViolation("decision-already-in-effect", "The decision has already been announced as in effect.");
        }

        return null;
    }
}
