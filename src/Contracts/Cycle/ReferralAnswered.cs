namespace Concordat.Contracts.Cycle;

/// <summary>A referred body gave its response.</summary>
[EventType("org.concordat.cycle.referral.answered.v1")]
public sealed record ReferralAnswered : IntegrationEvent
{
    public required Guid ReferralId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid BodyId { get; init; }

    /// <summary>Whether the body found it a real problem in its area.</summary>
    public required bool RealProblemInArea { get; init; }

    /// <summary>How many of the referred bodies are still to answer.</summary>
    public required int StillAwaited { get; init; }

    public required string AnsweredBy { get; init; }
}
