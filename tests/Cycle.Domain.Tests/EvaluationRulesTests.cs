using Concordat.Cycle.Delivery;
using Concordat.Cycle.Evaluations;
using Concordat.Cycle.Issues;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="EvaluationRules"/>: who evaluates and when, a completed evaluation kept, and no close from evaluation without one.</summary>
public sealed class EvaluationRulesTests
{
    [Fact]
    public void An_executive_or_scrutiny_body_or_an_independent_organisation_evaluates_an_issue_being_implemented()
    {
        Assert.Null(EvaluationRules.MayStart(IssueStage.Evaluation, Cseb));
        Assert.Null(EvaluationRules.MayStart(IssueStage.Implementation, Scrutiny));
        Assert.Null(EvaluationRules.MayStart(IssueStage.Evaluation, evaluator: null));
        Assert.Equal("evaluator-needs-executive-or-scrutiny-body", EvaluationRules.MayStart(IssueStage.Evaluation, Gsp)?.Rule);
        Assert.Equal("evaluator-needs-executive-or-scrutiny-body", EvaluationRules.MayStart(IssueStage.Evaluation, TaskGroup)?.Rule);
        Assert.Equal("holder-dissolved", EvaluationRules.MayStart(IssueStage.Evaluation, Dissolved(Cseb))?.Rule);
        Assert.Equal("evaluation-needs-implementation", EvaluationRules.MayStart(IssueStage.Deliberation, Cseb)?.Rule);
        Assert.Equal("evaluation-needs-implementation", EvaluationRules.MayStart(IssueStage.Authorisation, null)?.Rule);
        Assert.Equal("issue-closed", EvaluationRules.MayStart(IssueStage.Closed, Cseb)?.Rule);
    }

    [Fact]
    public void Closing_from_evaluation_needs_a_completed_evaluation_but_closing_earlier_for_a_reason_does_not()
    {
        Assert.Equal("evaluation-required-before-close", EvaluationRules.MayClose(IssueStage.Evaluation, completedEvaluation: false)?.Rule);
        Assert.Null(EvaluationRules.MayClose(IssueStage.Evaluation, completedEvaluation: true));
        foreach (var earlier in new[] { IssueStage.Deliberation, IssueStage.Authorisation, IssueStage.Implementation })
        {
            Assert.Null(EvaluationRules.MayClose(earlier, completedEvaluation: false));
        }
    }

    [Fact]
    public void A_draft_completes_with_something_assessed_and_a_lesson_and_is_then_kept()
    {
        Assert.Null(EvaluationRules.MayComplete(false, indicators: 1, objectives: 0, lessons: 1));
        Assert.Null(EvaluationRules.MayComplete(false, indicators: 0, objectives: 2, lessons: 1));
        Assert.Equal("evaluation-incomplete", EvaluationRules.MayComplete(false, 0, 0, 1)?.Rule);
        Assert.Equal("evaluation-needs-a-lesson", EvaluationRules.MayComplete(false, 1, 1, 0)?.Rule);
        Assert.Equal("evaluation-completed", EvaluationRules.MayComplete(true, 1, 1, 1)?.Rule);
        Assert.Equal("evaluation-completed", EvaluationRules.MayChange(completed: true)?.Rule);
        Assert.Null(EvaluationRules.MayChange(completed: false));
    }

    [Fact]
    public void An_indicator_achieved_what_was_intended_by_its_better_direction()
    {
        Assert.True(EvaluationRules.Achieved(80, 82, BetterDirection.Higher));
        Assert.False(EvaluationRules.Achieved(80, 79, BetterDirection.Higher));
        Assert.True(EvaluationRules.Achieved(5, 4.5m, BetterDirection.Lower));
        Assert.False(EvaluationRules.Achieved(5, 6, BetterDirection.Lower));
        Assert.Null(EvaluationRules.Achieved(null, 6, BetterDirection.Lower));
    }
}
