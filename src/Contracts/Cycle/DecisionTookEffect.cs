namespace Concordat.Contracts.Cycle;

/// <summary>
/// A published decision that approves something took effect: its call-in window passed with no open call-in, a call-in
/// was resolved with no further action after the window, or it was urgent. Once per decision; from now its issue may move
/// to implementation. Subject: <c>decisions/{decisionId}</c>.
/// </summary>
[EventType("org.concordat.cycle.decision.took-effect.v1")]
public sealed record DecisionTookEffect : IntegrationEvent
{
    public const string WindowPassed = "call_in_window_passed";
    public const string CallInResolved = "call_in_resolved";
    public const string Urgent = "urgent";

    public required Guid DecisionId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid BodyId { get; init; }

    public required string Outcome { get; init; }

    public required DateTimeOffset TookEffectAt { get; init; }

    /// <summary><c>call_in_window_passed</c>, <c>call_in_resolved</c> or <c>urgent</c>.</summary>
    public required string Why { get; init; }
}
