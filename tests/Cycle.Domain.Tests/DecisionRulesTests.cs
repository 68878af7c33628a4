using Concordat.Cycle.Decisions;
using Concordat.Cycle.Issues;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="DecisionRules"/> and <see cref="Decision"/>: who decides, when a decision is in effect, what a call-in does.</summary>
public sealed class DecisionRulesTests
{
    // Monday 30 November 2026, 09:00 UTC: five working days run to the end of Monday 7 December (UK).
    private static readonly DateTimeOffset WindowEnd = new(2026, 12, 8, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_authorising_body_holding_an_issue_in_authorisation_decides()
    {
        var (gsp, abg, otherAuthoriser) = (Gsp, Abg, Body("Another authorising body", "authorising"));
        var issue = InAuthorisation(gsp, abg);

        Assert.Null(DecisionRules.MayDecide(issue.Stage, issue.HolderIds, abg));
        Assert.Equal("decision-needs-authorising-body", DecisionRules.MayDecide(IssueStage.Authorisation, [gsp.Id], gsp)?.Rule);
        Assert.Equal("decider-not-holder", DecisionRules.MayDecide(issue.Stage, issue.HolderIds, otherAuthoriser)?.Rule);
        Assert.Equal("holder-dissolved", DecisionRules.MayDecide(issue.Stage, issue.HolderIds, Dissolved(abg))?.Rule);
        Assert.Equal("decision-needs-issue-in-authorisation", DecisionRules.MayDecide(IssueStage.Deliberation, [abg.Id], abg)?.Rule);
    }

    [Fact]
    public void A_published_approval_is_in_effect_only_once_its_window_has_passed()
    {
        var decision = Published(DecisionOutcome.Approved);

        Assert.Equal(WindowEnd, decision.CallInEndsAt);
        Assert.False(DecisionRules.InEffect(decision, WindowEnd.AddTicks(-1)));
        Assert.Equal(DecisionStatus.CallInWindow, DecisionRules.StatusAt(decision, WindowEnd.AddTicks(-1)));
        Assert.True(DecisionRules.InEffect(decision, WindowEnd));
        Assert.Equal(DecisionStatus.InEffect, DecisionRules.StatusAt(decision, WindowEnd));
    }

    [Fact]
    public void A_draft_is_never_in_effect()
    {
        var (decision, _, _) = Drafted(DecisionOutcome.Approved);

        Assert.False(DecisionRules.InEffect(decision, WindowEnd.AddYears(1)));
        Assert.Equal(DecisionStatus.Draft, DecisionRules.StatusAt(decision, Now));
    }

    [Theory]
    [InlineData(DecisionOutcome.Rejected)]
    [InlineData(DecisionOutcome.Deferred)]
    [InlineData(DecisionOutcome.ReferredBack)]
    public void An_outcome_that_approves_nothing_never_takes_effect(DecisionOutcome outcome)
    {
        var decision = Published(outcome);

        Assert.False(DecisionRules.InEffect(decision, WindowEnd.AddDays(30)));
        Assert.Equal(DecisionStatus.NothingToTakeEffect, DecisionRules.StatusAt(decision, WindowEnd.AddDays(30)));
    }

    [Fact]
    public void An_urgent_decision_has_no_window_and_is_in_effect_on_publication()
    {
        var decision = Published(DecisionOutcome.Approved, urgent: true);

        Assert.Null(decision.CallInEndsAt);
        Assert.True(DecisionRules.InEffect(decision, Now));
        Assert.Equal("urgent-decision-exempt", DecisionRules.CallIn(decision, Now)?.Rule);
    }

    [Fact]
    public void The_window_counts_working_days_across_christmas_and_the_turn_of_the_year()
    {
        // Wednesday 23 December 2026: Christmas Day, the Boxing Day substitute (Monday 28th) and New Year's Day are not counted.
        var (decision, issue, abg) = Drafted(DecisionOutcome.Approved);

        Assert.Null(decision.Publish(issue, abg, 5, new DateTimeOffset(2026, 12, 23, 15, 0, 0, TimeSpan.Zero)));

        Assert.Equal(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero), decision.CallInEndsAt);
    }

    [Fact]
    public void A_call_in_holds_the_decision_until_no_further_action_and_then_it_is_in_effect()
    {
        var decision = Published(DecisionOutcome.Approved);
        var callIn = Guid.CreateVersion7();

        var recorded = decision.CallInBy(callIn, Guid.CreateVersion7(), "Costs unclear.", Now.AddDays(1), Now.AddDays(1));

        Assert.Null(recorded?.Refused);
        Assert.False(DecisionRules.InEffect(decision, WindowEnd.AddDays(10)));
        Assert.Equal(DecisionStatus.CalledIn, DecisionRules.StatusAt(decision, WindowEnd.AddDays(10)));
        Assert.NotNull(decision.Resolve(callIn, Committee, DecisionRules.NoFurtherAction, "Satisfied.", WindowEnd.AddDays(10), WindowEnd.AddDays(10)));
        Assert.True(DecisionRules.InEffect(decision, WindowEnd.AddDays(10)));
        Assert.True(decision.TakeEffect(WindowEnd.AddDays(10)));
        Assert.False(decision.TakeEffect(WindowEnd.AddDays(11)));
    }

    [Fact]
    public void A_call_in_referred_back_means_the_decision_never_takes_effect()
    {
        var decision = Published(DecisionOutcome.Approved);
        var callIn = Guid.CreateVersion7();
        decision.CallInBy(callIn, Guid.CreateVersion7(), "Consultation was skipped.", Now.AddDays(1), Now.AddDays(1));

        decision.Resolve(callIn, Committee, DecisionRules.ReferredBack, "Consult the districts.", Now.AddDays(3), Now.AddDays(3));

        Assert.False(DecisionRules.InEffect(decision, WindowEnd.AddDays(30)));
        Assert.Equal(DecisionStatus.ReferredBackByScrutiny, DecisionRules.StatusAt(decision, WindowEnd.AddDays(30)));
        Assert.False(decision.TakeEffect(WindowEnd.AddDays(30)));
    }

    [Fact]
    public void A_call_in_after_the_window_or_after_it_took_effect_is_recorded_but_holds_nothing()
    {
        var late = Published(DecisionOutcome.Approved);
        var announced = Published(DecisionOutcome.Approved);
        announced.TakeEffect(WindowEnd);

        var afterWindow = late.CallInBy(Guid.CreateVersion7(), Guid.CreateVersion7(), "Too late.", WindowEnd.AddMinutes(1), WindowEnd.AddMinutes(1));
        var afterEffect = announced.CallInBy(Guid.CreateVersion7(), Guid.CreateVersion7(), "Sent in time, heard late.", WindowEnd.AddTicks(-1), WindowEnd.AddHours(1));

        Assert.Equal("call-in-window-closed", afterWindow?.Refused);
        Assert.Equal("decision-already-in-effect", afterEffect?.Refused);
        Assert.True(DecisionRules.InEffect(late, WindowEnd.AddMinutes(1)));
        Assert.True(DecisionRules.InEffect(announced, WindowEnd.AddHours(1)));
    }

    [Fact]
    public void The_same_call_in_twice_is_recorded_once_and_an_unknown_outcome_changes_nothing()
    {
        var decision = Published(DecisionOutcome.Approved);
        var callIn = Guid.CreateVersion7();
        decision.CallInBy(callIn, Guid.CreateVersion7(), "Costs unclear.", Now.AddDays(1), Now.AddDays(1));

        Assert.Null(decision.CallInBy(callIn, Guid.CreateVersion7(), "Costs unclear.", Now.AddDays(1), Now.AddDays(1)));
        Assert.Null(decision.Resolve(callIn, Committee, "shrugged", "Unknown outcome.", Now.AddDays(2), Now.AddDays(2)));
        Assert.Single(decision.CallIns);
        Assert.Equal(DecisionStatus.CalledIn, DecisionRules.StatusAt(decision, WindowEnd.AddDays(1)));
    }

    [Fact]
    public void A_resolution_that_overtakes_its_call_in_is_applied_and_the_late_call_in_holds_nothing()
    {
        var decision = Published(DecisionOutcome.Approved);
        var callIn = Guid.CreateVersion7();

        Assert.NotNull(decision.Resolve(callIn, Committee, DecisionRules.ReferredBack, "Consult the districts.", Now.AddDays(2), Now.AddDays(2)));
        Assert.Null(decision.CallInBy(callIn, Committee, "The districts were not consulted.", Now.AddDays(1), Now.AddDays(2)));

        var recorded = Assert.Single(decision.CallIns);
        Assert.Equal("The districts were not consulted.", recorded.Reasons);
        Assert.False(recorded.HoldsDecision);
        Assert.Equal(DecisionStatus.ReferredBackByScrutiny, DecisionRules.StatusAt(decision, WindowEnd.AddDays(1)));
    }

    [Fact]
    public void A_draft_cannot_be_called_in()
    {
        var (decision, _, _) = Drafted(DecisionOutcome.Approved);

        Assert.Equal("call-in-of-unpublished-decision", decision.CallInBy(Guid.CreateVersion7(), Guid.CreateVersion7(), "Early.", Now, Now)?.Refused);
        Assert.Equal(DecisionStatus.Draft, DecisionRules.StatusAt(decision, Now));
    }

    [Fact]
    public void A_draft_is_not_published_once_its_issue_has_left_authorisation()
    {
        var (decision, issue, abg) = Drafted(DecisionOutcome.Approved);
        Assert.Null(issue.MoveTo(IssueStage.Deliberation, [Gsp], false, "Referred back.", null, Now.AddHours(1)));

        Assert.Equal("decision-needs-issue-in-authorisation", decision.Publish(issue, abg, 5, Now.AddHours(2))?.Rule);
        Assert.Null(decision.PublishedAt);
    }

    [Fact]
    public void A_decision_is_published_once()
    {
        var (decision, issue, abg) = Drafted(DecisionOutcome.Approved);
        Assert.Null(decision.Publish(issue, abg, 5, Now));

        Assert.Equal("decision-already-published", decision.Publish(issue, abg, 5, Now.AddHours(1))?.Rule);
        Assert.Equal(WindowEnd, decision.CallInEndsAt);
    }

    private static readonly Guid Committee = Guid.CreateVersion7();

    private static Issue InAuthorisation(HolderCandidate deliberating, HolderCandidate authorising)
    {
        var issue = Raised(deliberating);
        Assert.Null(issue.MoveTo(IssueStage.Authorisation, [authorising], false, null, null, Now));
        return issue;
    }

    private static (Decision Decision, Issue Issue, HolderCandidate Body) Drafted(DecisionOutcome outcome, bool urgent = false)
    {
        var abg = Abg;
        var issue = InAuthorisation(Gsp, abg);
        var (decision, violation) = Decision.Take(
            new DecisionDetails(issue.Id, abg.Id, outcome, "Adopt the climate change strategy.", null, [], urgent ? null : "ABG, 27 November", null, urgent, urgent ? "Funding deadline." : null),
            issue, abg, Now);
        Assert.Null(violation);
        return (decision!, issue, abg);
    }

    private static Decision Published(DecisionOutcome outcome, bool urgent = false)
    {
        var (decision, issue, abg) = Drafted(outcome, urgent);
        Assert.Null(decision.Publish(issue, abg, 5, Now));
        return decision;
    }
}
