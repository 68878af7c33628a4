using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.CallIns;

namespace Concordat.Scrutiny.Domain.Tests;

/// <summary>When a committee may call a decision in, and resolve its call-in.</summary>
public sealed class CallInRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static PublishedDecision Decision(DateTimeOffset? endsAt, bool urgent = false, bool published = true) => new()
    {
        Id = Guid.CreateVersion7(), IssueId = Guid.CreateVersion7(), BodyId = Guid.CreateVersion7(), Outcome = "approved", Summary = "Employco taskforce",
        Urgent = urgent, PublishedAt = Now.AddDays(-1), CallInEndsAt = endsAt, Published = published,
    };

    [Fact]
    public void A_decision_may_be_called_in_while_its_window_is_open()
    {
        Assert.Null(CallInRules.MayCallIn(Decision(Now.AddTicks(1)), heldByAnotherCallIn: false, Now));
    }

    [Fact]
    public void The_window_closes_at_its_end()
    {
        Assert.Equal(CallInRules.WindowClosed, CallInRules.MayCallIn(Decision(Now), heldByAnotherCallIn: false, Now)?.Rule);
    }

    [Fact]
    public void An_urgent_decision_has_no_window()
    {
        Assert.Equal(CallInRules.DecisionUrgent, CallInRules.MayCallIn(Decision(null, urgent: true), heldByAnotherCallIn: false, Now)?.Rule);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_decision_scrutiny_has_not_heard_published_cannot_be_called_in(bool tookEffectHeard)
    {
        var decision = tookEffectHeard ? Decision(Now.AddDays(1), published: false) : null;

        Assert.Equal(CallInRules.DecisionNotKnown, CallInRules.MayCallIn(decision, heldByAnotherCallIn: false, Now)?.Rule);
    }

    [Fact]
    public void One_open_call_in_at_a_time_holds_a_decision()
    {
        Assert.Equal(CallInRules.AlreadyCalledIn, CallInRules.MayCallIn(Decision(Now.AddDays(1)), heldByAnotherCallIn: true, Now)?.Rule);
    }

    [Fact]
    public void Calling_in_announces_DecisionCalledIn_with_the_reasons()
    {
        var decision = Decision(Now.AddDays(1));
        var committee = Guid.CreateVersion7();

        var (callIn, violation) = CallIn.Make(decision, false, committee, "  Not consulted on.  ", "Sam Scrutineer", Now);

        Assert.Null(violation);
        var announced = Assert.IsType<DecisionCalledIn>(Assert.Single(callIn!.TakeEvents()).Event);
        Assert.Equal((callIn.Id, decision.Id, committee, "Not consulted on.", Now), (announced.CallInId, announced.DecisionId, announced.CommitteeBodyId, announced.Reasons, announced.CalledInAt));
        Assert.Equal($"call-ins/{callIn.Id}", announced.Subject);
    }

    [Theory]
    [InlineData(CallInOutcome.NoFurtherAction, "no_further_action")]
    [InlineData(CallInOutcome.ReferredBack, "referred_back")]
    public void A_call_in_is_resolved_once_with_its_outcome_as_the_contract_spells_it(CallInOutcome outcome, string wire)
    {
        var (callIn, _) = CallIn.Make(Decision(Now.AddDays(1)), false, Guid.CreateVersion7(), "Why", "Sam", Now);
        callIn!.TakeEvents();

        var first = callIn.Resolve(outcome, "Because", "Sam", Now.AddHours(1));
        var second = callIn.Resolve(CallInOutcome.NoFurtherAction, "Again", "Sam", Now.AddHours(2));

        Assert.Null(first);
        Assert.Equal(CallInRules.AlreadyResolved, second?.Rule);
        var announced = Assert.IsType<CallInResolved>(Assert.Single(callIn.TakeEvents()).Event);
        Assert.Equal(wire, announced.Outcome);
        Assert.Equal(wire, outcome switch
        {
            CallInOutcome.NoFurtherAction => CallInResolved.NoFurtherAction,
            _ => CallInResolved.ReferredBack,
        });
    }
}
