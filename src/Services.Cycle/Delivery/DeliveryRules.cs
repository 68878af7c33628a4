using Concordat.Cycle.Issues;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Delivery;

/// <summary>Where a delivery action stands.</summary>
public enum ActionStatus
{
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Done,
    Dropped,
}

/// <summary>A red, amber or green rating; in this order, so the worst is the greatest.</summary>
public enum Rag
{
    Green,
    Amber,
    Red,
}

/// <summary>Which way an indicator should move.</summary>
public enum BetterDirection
{
    Higher,
    Lower,
}

/// <summary>Where an indicator's latest actual stands against its trajectory.</summary>
public enum TrajectoryStatus
{
    NoActuals,
    NoTarget,
    OnTrajectory,
    BehindTrajectory,
}

/// <summary>What a monitoring report lists as an exception.</summary>
public enum ExceptionKind
{
    OffTrackAction,
    MissedMilestone,
    IndicatorBehindTrajectory,
    RiskPastReview,
}

/// <summary>An action as the roll-up sees it: its own rating and progress, its parent, and the lead body's override.</summary>
public sealed record ActionNode(Guid Id, Guid? ParentId, ActionStatus Status, Rag? Rag, int? PercentComplete, Rag? OverrideRag = null);

/// <summary>
/// What an action shows once its children are rolled up: <see cref="Computed"/> is the worst of its own and its live
/// children's (dropped ones do not count), <see cref="Shown"/> is the override when there is one (both are kept visible).
/// </summary>
public sealed record RolledUp(Guid Id, Rag? Computed, Rag? Shown, bool Overridden, int? PercentComplete);

/// <summary>A target or an actual of an indicator for one period (periods sort as text: <c>2009-Q1</c>, <c>2009-10</c>).</summary>
public sealed record PeriodValue(string Period, decimal Value);

/// <summary>One period of an indicator's trajectory.</summary>
public sealed record TrajectoryPoint(string Period, decimal? Target, decimal? Actual, bool? OnTrajectory);

/// <summary>An indicator's trajectory: baseline, targets and actuals by period, and where the latest actual stands.</summary>
public sealed record Trajectory(decimal Baseline, IReadOnlyList<TrajectoryPoint> Points, TrajectoryStatus Status);

/// <summary>One line of a monitoring report's exception list.</summary>
public sealed record ExceptionLine(ExceptionKind Kind, Guid Id, string Title, string Detail);

/// <summary>
/// The rules of delivery and monitoring as pure functions: who may lead a plan, how RAG and progress roll up, what a
/// milestone's move is, where an indicator stands against its trajectory, and what a monitoring report lists as exceptions.
/// </summary>
public static class DeliveryRules
{
    /// <summary>
    /// Null when a plan may be started for a decision (<paramref name="decisionInEffect"/>) on an issue in
    /// <paramref name="stage"/>, led by <paramref name="lead"/>, with no live plan for the decision already.
    /// </summary>
    public static RuleViolation? MayStart(bool decisionInEffect, IssueStage stage, HolderCandidate lead, bool planExists)
    {
        if (stage == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; raise a follow-up issue to take it further.");
        }

        if (!decisionInEffect)
        {
            return new RuleViolation("decision-not-in-effect",
                "A delivery plan is started from a decision in effect (published, approving, its call-in window passed, not called in).");
        }

        if (lead.Dissolved)
        {
            return new RuleViolation("holder-dissolved", $"{lead.Name} has been dissolved; a dissolved body leads nothing.");
        }

        if (!lead.Plays(StageRules.Roles.Executive) && !lead.Plays(StageRules.Roles.Delivery) && !lead.TaskGroupForIssue)
        {
            return new RuleViolation("delivery-lead-needs-executive-or-delivery-body",
                $"A delivery plan is led by a body with the executive or delivery role, or by a task group registered for the issue; {lead.Name} is neither.");
        }

        return planExists
            ? new RuleViolation("delivery-plan-already-started", "The decision already has a delivery plan; there is one live plan per decision.")
            : null;
    }

    /// <summary>
    /// Rolls RAG and progress up the tree of <paramref name="actions"/>: an action shows the worst RAG of itself and its
    /// live children (rolled up themselves) unless overridden, and the mean progress of its live children (or its own when
    /// it has none). Dropped actions count for nothing; a done one counts as complete.
    /// </summary>
    public static IReadOnlyDictionary<Guid, RolledUp> RollUp(IReadOnlyCollection<ActionNode> actions)
    {
        var children = actions.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value);
        var done = new Dictionary<Guid, RolledUp>();

        RolledUp Visit(ActionNode action, int depth)
        {
            if (done.TryGetValue(action.Id, out var known))
            {
                return known;
            }

            // A cycle cannot be made through the API (a parent exists before its child); the depth guards a bad row.
            var live = depth > 64 ? [] : children[action.Id].Where(c => c.Status != ActionStatus.Dropped).Select(c => Visit(c, depth + 1)).ToList();
            var rags = live.Select(c => c.Shown).Append(action.Rag).Where(r => r is not null).Select(r => r!.Value).ToList();
            Rag? computed = rags.Count == 0 ? null : rags.Max();
            int? own = action.Status == ActionStatus.Done ? 100 : action.PercentComplete;
            var percents = live.Where(c => c.PercentComplete is not null).Select(c => c.PercentComplete!.Value).ToList();
            var percent = live.Count == 0 ? own : percents.Count == 0 ? own : (int)Math.Round(percents.Average(), MidpointRounding.AwayFromZero);
            var rolled = new RolledUp(action.Id, computed, action.OverrideRag ?? computed, action.OverrideRag is not null, percent);
            done[action.Id] = rolled;
            return rolled;
        }

        foreach (var action in actions)
        {
            Visit(action, 0);
        }

        return done;
    }

    /// <summary>Whether moving a milestone from <paramref name="from"/> to <paramref name="to"/> is a slip (a later date).</summary>
    public static bool Slips(DateOnly from, DateOnly to) => to > from;

    /// <summary>How many times a milestone's dates, oldest first, moved later.</summary>
    public static int SlipCount(IReadOnlyList<DateOnly> history) => history.Zip(history.Skip(1)).Count(p => Slips(p.First, p.Second));

    /// <summary>Whether <paramref name="actual"/> meets <paramref name="target"/> when <paramref name="better"/> is the way it should move.</summary>
    public static bool Meets(BetterDirection better, decimal actual, decimal target) =>
        better == BetterDirection.Higher ? actual >= target : actual <= target;

    /// <summary>
    /// The trajectory: every period with a target or an actual, in period order; each actual is on trajectory when it meets
    /// its period's target, else the latest target before it. The status is the latest actual's.
    /// </summary>
    public static Trajectory TrajectoryOf(decimal baseline, BetterDirection better, IReadOnlyCollection<PeriodValue> targets, IReadOnlyCollection<PeriodValue> actuals)
    {
        var periods = targets.Select(t => t.Period).Concat(actuals.Select(a => a.Period)).Distinct().Order(StringComparer.Ordinal).ToList();
        var points = new List<TrajectoryPoint>();
        decimal? standing = null;
        foreach (var period in periods)
        {
            var target = targets.LastOrDefault(t => t.Period == period)?.Value;
            standing = target ?? standing;
            var actual = actuals.LastOrDefault(a => a.Period == period)?.Value;
            bool? on = actual is { } value && standing is { } against ? Meets(better, value, against) : null;
            points.Add(new TrajectoryPoint(period, target, actual, on));
        }

        var latest = points.LastOrDefault(p => p.Actual is not null);
        var status = latest is null ? TrajectoryStatus.NoActuals
            : latest.OnTrajectory is null ? TrajectoryStatus.NoTarget
            : latest.OnTrajectory.Value ? TrajectoryStatus.OnTrajectory : TrajectoryStatus.BehindTrajectory;
        return new Trajectory(baseline, points, status);
    }

    /// <summary>An action is an exception when it is off track or shows red, unless it is done or dropped.</summary>
    public static bool IsException(ActionStatus status, Rag? shown) =>
        status is not (ActionStatus.Done or ActionStatus.Dropped) && (status == ActionStatus.OffTrack || shown == Rag.Red);

    /// <summary>A milestone is missed when its date has passed at <paramref name="asAt"/> and it was not achieved by then.</summary>
    public static bool Missed(DateOnly dueOn, DateOnly? achievedOn, DateOnly asAt) => dueOn < asAt && (achievedOn is null || achievedOn > asAt);

    /// <summary>A risk is past review when its review date has passed at <paramref name="asAt"/>.</summary>
    public static bool PastReview(DateOnly reviewOn, DateOnly asAt) => reviewOn < asAt;

    /// <summary>A risk's score, likelihood × impact (each 1–5).</summary>
    public static int Score(int likelihood, int impact) => likelihood * impact;
}
