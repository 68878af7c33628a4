using Concordat.Cycle.Issues;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Proposals;

/// <summary>
/// Who may put a proposal to whom, and for which meeting: pure functions of the issue, the bodies (from the cycle's read
/// model) and the meeting. Each refusal names its rule, answered as a 409 under <see cref="CycleProblems.TypeBase"/>.
/// </summary>
public static class ProposalRules
{
    /// <summary>Null when <paramref name="proposer"/> may put a proposal on an issue in <paramref name="stage"/> held by <paramref name="holders"/> to <paramref name="body"/>.</summary>
    public static RuleViolation? MayPut(IssueStage stage, IReadOnlyCollection<Guid> holders, HolderCandidate proposer, HolderCandidate body)
    {
        if (stage == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; nothing more is proposed on it.");
        }

        if (!holders.Contains(proposer.Id))
        {
            return new RuleViolation("proposer-not-holder", $"{proposer.Name} does not hold the issue; a holder puts proposals on it.");
        }

        if (body.Dissolved)
        {
            return new RuleViolation("body-dissolved", $"{body.Name} has been dissolved; nothing is put to it.");
        }

        if (!body.Plays(StageRules.Roles.Authorising))
        {
            return new RuleViolation("proposal-needs-authorising-body", $"A proposal is put to a body with the authorising role; {body.Name} does not have it.");
        }

        return null;
    }

    /// <summary>
    /// Null when a proposal to <paramref name="body"/>, placed so far for a meeting starting at <paramref name="placedFor"/>
    /// (null: none), may be placed for a meeting of <paramref name="meetingBodies"/> starting at <paramref name="startsAt"/>:
    /// a meeting of that body, still to come; and not while it waits for another coming meeting (once that meeting has
    /// passed, a deferred proposal may be placed again).
    /// </summary>
    public static RuleViolation? MayPlace(Guid body, DateTimeOffset? placedFor, IReadOnlyCollection<Guid> meetingBodies, DateTimeOffset startsAt, DateTimeOffset now)
    {
        if (!meetingBodies.Contains(body))
        {
            return new RuleViolation("meeting-not-of-body", "The meeting is not a meeting of the body the proposal is put to.");
        }

        if (startsAt <= now)
        {
            return new RuleViolation("meeting-already-past", "The meeting has already started or taken place; place the proposal for a coming one.");
        }

        if (placedFor is { } placed && placed > now)
        {
            return new RuleViolation("proposal-already-placed", "The proposal is already placed for a coming meeting.");
        }

        return null;
    }
}
