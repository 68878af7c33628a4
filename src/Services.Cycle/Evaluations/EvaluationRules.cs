using Concordat.Cycle.Issues;
using Concordat.ServiceKit;

namespace Concordat.Cycle.Evaluations;

/// <summary>
/// The rules of evaluation as pure functions: who may evaluate an issue, when, what an evaluation may still be changed, and
/// that an issue reaching the end of the cycle closes only once evaluated. Each refusal names its rule, answered as a 409
/// under <see cref="CycleProblems.TypeBase"/>.
/// </summary>
public static class EvaluationRules
{
    /// <summary>
    /// Null when <paramref name="evaluator"/> (a body; null when a named independent evaluator organisation evaluates) may
    /// start an evaluation of an issue in <paramref name="stage"/>: one that is being implemented or evaluated. A body
    /// evaluates only with the executive or scrutiny role, and not once dissolved.
    /// </summary>
    public static RuleViolation? MayStart(IssueStage stage, HolderCandidate? evaluator)
    {
        if (stage == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; raise a follow-up issue to take it further.");
        }

        if (stage is not (IssueStage.Implementation or IssueStage.Evaluation))
        {
            return new RuleViolation("evaluation-needs-implementation",
                $"An issue is evaluated once it is being implemented (in implementation or evaluation); this one is in {StageRules.Wire(stage)}.");
        }

        if (evaluator is null)
        {
            return null;
        }

        if (evaluator.Dissolved)
        {
            return new RuleViolation("holder-dissolved", $"{evaluator.Name} has been dissolved; a dissolved body evaluates nothing.");
        }

        return evaluator.Plays(StageRules.Roles.Executive) || evaluator.Plays(StageRules.Roles.Scrutiny)
            ? null
            : new RuleViolation("evaluator-needs-executive-or-scrutiny-body",
                $"An evaluation is carried out by a body with the executive or scrutiny role, or by a named independent evaluator organisation; {evaluator.Name} has neither role.");
    }

    /// <summary>Null while the evaluation is a draft; a completed evaluation is kept as completed.</summary>
    public static RuleViolation? MayChange(bool completed) => completed
        ? new RuleViolation("evaluation-completed", "The evaluation is completed and public; it is kept as completed. Start another to say more.")
        : null;

    /// <summary>
    /// Null when a draft may be completed: it says something about the objectives or the indicators, and yields at least
    /// one lesson (each evaluation yields lessons for the library).
    /// </summary>
    public static RuleViolation? MayComplete(bool completed, int indicators, int objectives, int lessons)
    {
        if (MayChange(completed) is { } done)
        {
            return done;
        }

        if (indicators == 0 && objectives == 0)
        {
            return new RuleViolation("evaluation-incomplete",
                "An evaluation assesses the indicators (intended against achieved) or the objectives (what worked, what did not, and why); this one does neither.");
        }

        return lessons == 0
            ? new RuleViolation("evaluation-needs-a-lesson", "Each evaluation yields lessons for the library; add at least one before completing it.")
            : null;
    }

    /// <summary>
    /// Null when an issue in <paramref name="from"/> may close. Closing from the evaluation stage is the normal end of the
    /// cycle and needs a completed evaluation (<paramref name="completedEvaluation"/>); closing from an earlier stage is
    /// closing for a reason (overtaken, dealt with elsewhere), which needs only the stated reason.
    /// </summary>
    public static RuleViolation? MayClose(IssueStage from, bool completedEvaluation) =>
        from == IssueStage.Evaluation && !completedEvaluation
            ? new RuleViolation("evaluation-required-before-close",
                "An issue ends the cycle by being evaluated: complete an evaluation of it before closing it from evaluation. (An issue closed for a reason, from an earlier stage, needs only the reason.)")
            : null;

    /// <summary>Whether an indicator achieved what was intended, by its better direction; null when either is unknown.</summary>
    public static bool? Achieved(decimal? intended, decimal? achieved, Delivery.BetterDirection better) =>
        intended is { } i && achieved is { } a ? (better == Delivery.BetterDirection.Higher ? a >= i : a <= i) : null;
}
