using Concordat.Cycle.Issues;
using Concordat.Cycle.Referrals;
using static Concordat.Cycle.Domain.Tests.Bodies;

namespace Concordat.Cycle.Domain.Tests;

/// <summary><see cref="ReferralRules"/> and a referred body's answer.</summary>
public sealed class ReferralRulesTests
{
    [Fact]
    public void Named_and_selected_bodies_are_asked_once_each()
    {
        var forest = Lsp("Forest of Dean LSP");
        var stroud = Lsp("Stroud LSP");

        var (bodies, violation) = ReferralRules.Recipients([(forest.Id, forest)], [forest, stroud], selectionAsked: true);

        Assert.Null(violation);
        Assert.Equal([forest.Id, stroud.Id], bodies.Select(b => b.Id));
    }

    [Fact]
    public void A_referral_to_a_dissolved_body_is_refused()
    {
        var dissolved = Dissolved(Lsp());

        Assert.Equal("referral-to-dissolved-body", ReferralRules.Recipients([(dissolved.Id, dissolved)], [], selectionAsked: false).Violation?.Rule);
    }

    [Fact]
    public void A_referral_to_a_body_the_cycle_does_not_know_is_refused()
    {
        Assert.Equal("body-unknown", ReferralRules.Recipients([(Guid.CreateVersion7(), null)], [], selectionAsked: false).Violation?.Rule);
    }

    [Fact]
    public void A_selection_that_matches_nobody_is_refused()
    {
        Assert.Equal("selection-matches-no-body", ReferralRules.Recipients([], [], selectionAsked: true).Violation?.Rule);
    }

    [Fact]
    public void A_body_answers_a_referral_once()
    {
        var recipient = new ReferralRecipient { ReferralId = Guid.CreateVersion7(), BodyId = Guid.CreateVersion7(), DueOn = new DateOnly(2026, 12, 31) };

        Assert.Null(recipient.Answer("Truancy is rising in two schools.", true, "A joint group with the schools.", "Clerk", Now));
        Assert.Equal("referral-already-answered", recipient.Answer("Changed our mind.", false, null, "Clerk", Now.AddDays(1))?.Rule);
        Assert.True(recipient.RealProblemInArea);
    }

    [Fact]
    public void Only_a_referral_that_names_a_synthesiser_takes_a_synthesis()
    {
        var without = new Referral { Id = Guid.CreateVersion7(), DueOn = new DateOnly(2026, 12, 31) };
        var with = new Referral { Id = Guid.CreateVersion7(), DueOn = new DateOnly(2026, 12, 31), SynthesisedByBodyId = Cseb.Id };

        Assert.Equal("no-synthesiser-named", without.Synthesise("Summary", Now)?.Rule);
        Assert.Null(with.Synthesise("Summary", Now));
    }
}
