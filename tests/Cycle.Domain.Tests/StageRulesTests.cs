using Concordat.Cycle.Issues;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="StageRules"/>: which bodies may hold which stage, and which moves are allowed, each refusal naming its rule.</summary>
public sealed class StageRulesTests
{
    [Fact]
    public void Any_active_body_may_deliberate_alone_or_jointly()
    {
        Assert.Null(StageRules.MayHold(IssueStage.Deliberation, [Body("Any partnership")]));
        Assert.Null(StageRules.MayHold(IssueStage.Deliberation, [Lsp("Forest of Dean LSP"), Lsp("Gloucester LSP"), Body("Gloucestershire First")]));
    }

    [Fact]
    public void A_stage_needs_a_holder()
    {
        Assert.Equal("holder-required", StageRules.MayHold(IssueStage.Deliberation, [])?.Rule);
    }

    [Theory]
    [InlineData(IssueStage.Deliberation)]
    [InlineData(IssueStage.Authorisation)]
    [InlineData(IssueStage.Implementation)]
    [InlineData(IssueStage.Evaluation)]
    public void A_dissolved_body_holds_nothing(IssueStage stage)
    {
        var everything = Body("Former partnership", "deliberative", "authorising", "executive", "delivery", "scrutiny");

        Assert.Equal("holder-dissolved", StageRules.MayHold(stage, [Dissolved(everything)])?.Rule);
    }

    [Fact]
    public void Authorisation_by_a_body_without_the_authorising_role_is_refused()
    {
        Assert.Equal("authorisation-needs-authorising-body", StageRules.MayHold(IssueStage.Authorisation, [Gsp])?.Rule);
        Assert.Null(StageRules.MayHold(IssueStage.Authorisation, [Abg]));
    }

    [Fact]
    public void Implementation_is_led_by_an_executive_or_delivery_body()
    {
        Assert.Null(StageRules.MayHold(IssueStage.Implementation, [Cseb]));
        Assert.Null(StageRules.MayHold(IssueStage.Implementation, [TaskGroup]));
        Assert.Equal("implementation-needs-executive-or-delivery-body", StageRules.MayHold(IssueStage.Implementation, [Abg])?.Rule);
    }

    [Fact]
    public void A_body_without_a_role_leads_implementation_only_of_the_issue_it_is_a_registered_task_group_for()
    {
        var group = Unroled();

        Assert.Equal("implementation-needs-executive-or-delivery-body", StageRules.MayHold(IssueStage.Implementation, [group])?.Rule);
        Assert.Null(StageRules.MayHold(IssueStage.Implementation, [group with { TaskGroupForIssue = true }]));
        Assert.Equal("evaluation-needs-executive-or-scrutiny-body", StageRules.MayHold(IssueStage.Evaluation, [group with { TaskGroupForIssue = true }])?.Rule);
    }

    [Fact]
    public void A_task_group_is_registered_once_and_never_for_a_closed_issue_or_a_dissolved_body()
    {
        var group = Unroled();

        Assert.Null(Concordat.Cycle.TaskGroups.TaskGroup.Rules(IssueStage.Authorisation, group, []));
        Assert.Equal("task-group-already-registered", Concordat.Cycle.TaskGroups.TaskGroup.Rules(IssueStage.Authorisation, group, [group.Id])?.Rule);
        Assert.Equal("issue-closed", Concordat.Cycle.TaskGroups.TaskGroup.Rules(IssueStage.Closed, group, [])?.Rule);
        Assert.Equal("holder-dissolved", Concordat.Cycle.TaskGroups.TaskGroup.Rules(IssueStage.Deliberation, Dissolved(group), [])?.Rule);
    }

    [Fact]
    public void Evaluation_is_held_by_an_executive_or_scrutiny_body()
    {
        Assert.Null(StageRules.MayHold(IssueStage.Evaluation, [Cseb]));
        Assert.Null(StageRules.MayHold(IssueStage.Evaluation, [Scrutiny]));
        Assert.Equal("evaluation-needs-executive-or-scrutiny-body", StageRules.MayHold(IssueStage.Evaluation, [TaskGroup])?.Rule);
    }

    [Fact]
    public void Only_deliberation_is_held_jointly()
    {
        Assert.Equal("joint-holding-only-in-deliberation", StageRules.MayHold(IssueStage.Authorisation, [Abg, Body("Another authorising body", "authorising")])?.Rule);
    }

    [Theory]
    [InlineData(IssueStage.Deliberation, IssueStage.Authorisation)]
    [InlineData(IssueStage.Authorisation, IssueStage.Deliberation)]
    [InlineData(IssueStage.Implementation, IssueStage.Evaluation)]
    public void Forward_one_stage_or_referred_back_from_authorisation_is_allowed(IssueStage from, IssueStage to)
    {
        HolderCandidate holder = to switch
        {
            IssueStage.Authorisation => Abg,
            IssueStage.Evaluation => Scrutiny,
            _ => Gsp,
        };

        Assert.Null(StageRules.Move(from, to, [holder], decisionInEffect: false));
    }

    [Theory]
    [InlineData(IssueStage.Deliberation, IssueStage.Implementation)]
    [InlineData(IssueStage.Deliberation, IssueStage.Evaluation)]
    [InlineData(IssueStage.Deliberation, IssueStage.Deliberation)]
    [InlineData(IssueStage.Authorisation, IssueStage.Evaluation)]
    [InlineData(IssueStage.Authorisation, IssueStage.Authorisation)]
    [InlineData(IssueStage.Implementation, IssueStage.Deliberation)]
    [InlineData(IssueStage.Implementation, IssueStage.Authorisation)]
    [InlineData(IssueStage.Evaluation, IssueStage.Deliberation)]
    [InlineData(IssueStage.Evaluation, IssueStage.Implementation)]
    public void Every_other_move_is_refused(IssueStage from, IssueStage to)
    {
        var anyone = Body("Does everything", "deliberative", "authorising", "executive", "delivery", "scrutiny");

        Assert.Equal("move-not-allowed", StageRules.Move(from, to, [anyone], decisionInEffect: true)?.Rule);
    }

    [Theory]
    [InlineData(IssueStage.Deliberation)]
    [InlineData(IssueStage.Authorisation)]
    [InlineData(IssueStage.Implementation)]
    [InlineData(IssueStage.Evaluation)]
    public void Any_stage_may_close(IssueStage from)
    {
        Assert.Null(StageRules.Move(from, IssueStage.Closed, [], decisionInEffect: false));
    }

    [Fact]
    public void A_closed_issue_moves_no_more()
    {
        Assert.Equal("issue-closed", StageRules.Move(IssueStage.Closed, IssueStage.Deliberation, [Gsp], decisionInEffect: false)?.Rule);
        Assert.Equal("issue-closed", StageRules.Move(IssueStage.Closed, IssueStage.Closed, [], decisionInEffect: false)?.Rule);
    }

    [Fact]
    public void Implementation_needs_a_decision_in_effect()
    {
        Assert.Equal("decision-not-in-effect", StageRules.Move(IssueStage.Authorisation, IssueStage.Implementation, [Cseb], decisionInEffect: false)?.Rule);
        Assert.Null(StageRules.Move(IssueStage.Authorisation, IssueStage.Implementation, [Cseb], decisionInEffect: true));
    }

    [Fact]
    public void A_move_checks_the_new_holder_may_hold_the_new_stage()
    {
        Assert.Equal("authorisation-needs-authorising-body", StageRules.Move(IssueStage.Deliberation, IssueStage.Authorisation, [Cseb], decisionInEffect: false)?.Rule);
        Assert.Equal("holder-dissolved", StageRules.Move(IssueStage.Deliberation, IssueStage.Authorisation, [Dissolved(Abg)], decisionInEffect: false)?.Rule);
    }
}
