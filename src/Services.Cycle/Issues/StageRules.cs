using Concordat.ServiceKit;

namespace Concordat.Cycle.Issues;

/// <summary>
/// A body as the stage rules see it: its cycle roles, whether it was dissolved by today, and whether it is a task group
/// registered for the issue in question (which lets it lead that issue's implementation whatever its roles).
/// </summary>
public sealed record HolderCandidate(Guid Id, string Name, IReadOnlyCollection<string> Roles, bool Dissolved, bool TaskGroupForIssue = false)
{
    public bool Plays(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>
/// Which bodies may hold which stage, and which moves an issue may make: the rules of the prospectus's cycle as a pure
/// function of the stages and the bodies (from the cycle's read model of the registry). Each refusal names its rule,
/// answered as a 409 under <see cref="CycleProblems.TypeBase"/>.
/// </summary>
public static class StageRules
{
    /// <summary>The cycle roles, as the registry names them.</summary>
    public static class Roles
    {
        public const string Deliberative = "deliberative";
        public const string Authorising = "authorising";
        public const string Executive = "executive";
        public const string Delivery = "delivery";
        public const string Scrutiny = "scrutiny";
    }

    /// <summary>The stage after <paramref name="stage"/>: evaluation is followed by closed.</summary>
    public static IssueStage Next(IssueStage stage) => stage switch
    {
        IssueStage.Deliberation => IssueStage.Authorisation,
        IssueStage.Authorisation => IssueStage.Implementation,
        IssueStage.Implementation => IssueStage.Evaluation,
        _ => IssueStage.Closed,
    };

    /// <summary>Null when <paramref name="holders"/> may hold <paramref name="stage"/> (not closed); otherwise the first rule broken.</summary>
    public static RuleViolation? MayHold(IssueStage stage, IReadOnlyList<HolderCandidate> holders)
    {
        if (holders.Count == 0)
        {
            return new RuleViolation("holder-required", $"An issue in {Wire(stage)} is held by a body; name one.");
        }

        if (stage != IssueStage.Deliberation && holders.Select(h => h.Id).Distinct().Count() > 1)
        {
            return new RuleViolation("joint-holding-only-in-deliberation",
                $"Only deliberation may be held jointly; {Wire(stage)} is held by one body.");
        }

        if (holders.FirstOrDefault(h => h.Dissolved) is { } dissolved)
        {
            return new RuleViolation("holder-dissolved", $"{dissolved.Name} has been dissolved; a dissolved body holds nothing.");
        }

        foreach (var holder in holders)
        {
            var refused = stage switch
            {
                IssueStage.Authorisation when !holder.Plays(Roles.Authorising) => new RuleViolation("authorisation-needs-authorising-body",
                    $"Authorisation is held only by a body with the authorising role; {holder.Name} does not have it."),
                IssueStage.Implementation when !holder.Plays(Roles.Executive) && !holder.Plays(Roles.Delivery) && !holder.TaskGroupForIssue => new RuleViolation(
                    "implementation-needs-executive-or-delivery-body",
                    $"Implementation is led by a body with the executive or delivery role, or by a task group registered for the issue; {holder.Name} is neither."),
                IssueStage.Evaluation when !holder.Plays(Roles.Executive) && !holder.Plays(Roles.Scrutiny) => new RuleViolation(
                    "evaluation-needs-executive-or-scrutiny-body",
                    $"Evaluation is held by a body with the executive or scrutiny role; {holder.Name} has neither."),
                _ => null,
            };
            if (refused is not null)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>
    /// Null when an issue in <paramref name="from"/> may move to <paramref name="to"/>, held by <paramref name="holders"/>.
    /// Allowed: forward one stage; authorisation back to deliberation (referred back); any open stage to closed.
    /// Implementation needs a decision on the issue in effect (<paramref name="decisionInEffect"/>).
    /// </summary>
    public static RuleViolation? Move(IssueStage from, IssueStage to, IReadOnlyList<HolderCandidate> holders, bool decisionInEffect)
    {
        if (from == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; raise a follow-up issue to take it further.");
        }

        if (to == IssueStage.Closed)
        {
            return null;
        }

        var referredBack = from == IssueStage.Authorisation && to == IssueStage.Deliberation;
        if (to != Next(from) && !referredBack)
        {
            return new RuleViolation("move-not-allowed",
                $"An issue in {Wire(from)} may move forward to {Wire(Next(from))}{(from == IssueStage.Authorisation ? ", be referred back to deliberation" : "")} or be closed; not move to {Wire(to)}.");
        }

        if (to == IssueStage.Implementation && !decisionInEffect)
        {
            return new RuleViolation("decision-not-in-effect",
                "Nothing may move to implementation without a decision on it in effect (published, its call-in window passed, not called in).");
        }

        return MayHold(to, holders);
    }

    /// <summary>A stage as the API and the events name it: <c>deliberation</c>.</summary>
    public static string Wire(IssueStage stage) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(stage.ToString());

    public static string Wire(IssueKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
