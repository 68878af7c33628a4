using Concordat.Cycle.Delivery;
using Concordat.Cycle.Issues;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="DeliveryRules"/>: who leads a plan, roll-up and override, slippage, trajectory and the exception list.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void A_plan_needs_a_decision_in_effect_and_an_executive_delivery_or_task_group_lead()
    {
        var taskGroup = Unroled() with { TaskGroupForIssue = true };

        Assert.Null(DeliveryRules.MayStart(true, IssueStage.Implementation, Cseb, planExists: false));
        Assert.Null(DeliveryRules.MayStart(true, IssueStage.Authorisation, taskGroup, planExists: false));
        Assert.Equal("decision-not-in-effect", DeliveryRules.MayStart(false, IssueStage.Authorisation, Cseb, false)?.Rule);
        Assert.Equal("delivery-lead-needs-executive-or-delivery-body", DeliveryRules.MayStart(true, IssueStage.Implementation, Gsp, false)?.Rule);
        Assert.Equal("delivery-lead-needs-executive-or-delivery-body", DeliveryRules.MayStart(true, IssueStage.Implementation, Unroled(), false)?.Rule);
        Assert.Equal("holder-dissolved", DeliveryRules.MayStart(true, IssueStage.Implementation, Dissolved(Cseb), false)?.Rule);
        Assert.Equal("delivery-plan-already-started", DeliveryRules.MayStart(true, IssueStage.Implementation, Cseb, true)?.Rule);
        Assert.Equal("issue-closed", DeliveryRules.MayStart(true, IssueStage.Closed, Cseb, false)?.Rule);
    }

    [Fact]
    public void The_worst_child_shows_on_its_parent()
    {
        var parent = Node(null, Rag.Green, 0);
        var nodes = new[] { parent, Node(parent.Id, Rag.Green, 100), Node(parent.Id, Rag.Amber, 50) };

        var rolled = DeliveryRules.RollUp(nodes);

        Assert.Equal(Rag.Amber, rolled[parent.Id].Shown);
        Assert.Equal(Rag.Amber, rolled[parent.Id].Computed);
        Assert.False(rolled[parent.Id].Overridden);
        Assert.Equal(75, rolled[parent.Id].PercentComplete);
    }

    [Fact]
    public void Red_rolls_up_two_levels()
    {
        var top = Node(null, Rag.Green, null);
        var middle = Node(top.Id, Rag.Green, null);
        var nodes = new[] { top, middle, Node(middle.Id, Rag.Red, 10), Node(middle.Id, Rag.Green, 90), Node(top.Id, Rag.Amber, 40) };

        var rolled = DeliveryRules.RollUp(nodes);

        Assert.Equal(Rag.Red, rolled[middle.Id].Shown);
        Assert.Equal(Rag.Red, rolled[top.Id].Shown);
        Assert.Equal(50, rolled[middle.Id].PercentComplete);
        Assert.Equal(45, rolled[top.Id].PercentComplete);
    }

    [Fact]
    public void An_override_with_a_reason_wins_over_the_worst_child_and_the_rolled_up_rating_stays_visible()
    {
        var top = Node(null, Rag.Green, null) with { OverrideRag = Rag.Amber };
        var middle = Node(top.Id, Rag.Green, null);
        var nodes = new[] { top, middle, Node(middle.Id, Rag.Red, null) };

        var rolled = DeliveryRules.RollUp(nodes);

        Assert.Equal(Rag.Amber, rolled[top.Id].Shown);
        Assert.Equal(Rag.Red, rolled[top.Id].Computed);
        Assert.True(rolled[top.Id].Overridden);
        Assert.Equal(Rag.Red, rolled[middle.Id].Shown);
    }

    [Fact]
    public void Dropped_children_count_for_nothing_and_done_ones_as_complete()
    {
        var parent = Node(null, null, null);
        var nodes = new[] { parent, Node(parent.Id, Rag.Red, 5) with { Status = ActionStatus.Dropped }, Node(parent.Id, Rag.Green, 20) with { Status = ActionStatus.Done } };

        var rolled = DeliveryRules.RollUp(nodes);

        Assert.Equal(Rag.Green, rolled[parent.Id].Shown);
        Assert.Equal(100, rolled[parent.Id].PercentComplete);
    }

    [Fact]
    public void A_milestone_moved_later_slips_and_earlier_does_not()
    {
        var history = new[] { Today, Today.AddDays(30), Today.AddDays(10), Today.AddDays(60) };

        Assert.True(DeliveryRules.Slips(Today, Today.AddDays(1)));
        Assert.False(DeliveryRules.Slips(Today, Today.AddDays(-1)));
        Assert.Equal(2, DeliveryRules.SlipCount(history));
    }

    [Fact]
    public void Higher_is_better_means_an_actual_below_target_is_behind()
    {
        var targets = new[] { new PeriodValue("2009-10", 60), new PeriodValue("2010-11", 70) };

        var on = DeliveryRules.TrajectoryOf(50, BetterDirection.Higher, targets, [new PeriodValue("2009-10", 62)]);
        var behind = DeliveryRules.TrajectoryOf(50, BetterDirection.Higher, targets, [new PeriodValue("2009-10", 62), new PeriodValue("2010-11", 65)]);

        Assert.Equal(TrajectoryStatus.OnTrajectory, on.Status);
        Assert.Equal(TrajectoryStatus.BehindTrajectory, behind.Status);
        Assert.Equal([true, false], behind.Points.Select(p => p.OnTrajectory));
    }

    [Fact]
    public void Lower_is_better_means_an_actual_above_target_is_behind()
    {
        var targets = new[] { new PeriodValue("2009-10", 8), new PeriodValue("2010-11", 6) };

        var on = DeliveryRules.TrajectoryOf(10, BetterDirection.Lower, targets, [new PeriodValue("2009-10", 7.5m)]);
        var behind = DeliveryRules.TrajectoryOf(10, BetterDirection.Lower, targets, [new PeriodValue("2010-11", 6.5m)]);

        Assert.Equal(TrajectoryStatus.OnTrajectory, on.Status);
        Assert.Equal(TrajectoryStatus.BehindTrajectory, behind.Status);
    }

    [Fact]
    public void An_actual_with_no_target_of_its_period_is_held_to_the_latest_target_before_it()
    {
        var trajectory = DeliveryRules.TrajectoryOf(10, BetterDirection.Higher, [new PeriodValue("2009-Q1", 20)], [new PeriodValue("2009-Q2", 19)]);
        var none = DeliveryRules.TrajectoryOf(10, BetterDirection.Higher, [], []);
        var noTarget = DeliveryRules.TrajectoryOf(10, BetterDirection.Higher, [], [new PeriodValue("2009-Q2", 19)]);

        Assert.Equal(TrajectoryStatus.BehindTrajectory, trajectory.Status);
        Assert.Equal(TrajectoryStatus.NoActuals, none.Status);
        Assert.Equal(TrajectoryStatus.NoTarget, noTarget.Status);
    }

    [Fact]
    public void The_exception_list_takes_off_track_actions_missed_milestones_and_risks_past_review()
    {
        Assert.True(DeliveryRules.IsException(ActionStatus.OffTrack, Rag.Green));
        Assert.True(DeliveryRules.IsException(ActionStatus.OnTrack, Rag.Red));
        Assert.False(DeliveryRules.IsException(ActionStatus.AtRisk, Rag.Amber));
        Assert.False(DeliveryRules.IsException(ActionStatus.Done, Rag.Red));
        Assert.False(DeliveryRules.IsException(ActionStatus.Dropped, Rag.Red));

        Assert.True(DeliveryRules.Missed(Today.AddDays(-1), null, Today));
        Assert.True(DeliveryRules.Missed(Today.AddDays(-5), Today.AddDays(2), Today));
        Assert.False(DeliveryRules.Missed(Today.AddDays(-5), Today.AddDays(-6), Today));
        Assert.False(DeliveryRules.Missed(Today, null, Today));

        Assert.True(DeliveryRules.PastReview(Today.AddDays(-1), Today));
        Assert.False(DeliveryRules.PastReview(Today, Today));
        Assert.Equal(12, DeliveryRules.Score(3, 4));
    }

    private static ActionNode Node(Guid? parent, Rag? rag, int? percent) => new(Guid.CreateVersion7(), parent, ActionStatus.OnTrack, rag, percent);
}
