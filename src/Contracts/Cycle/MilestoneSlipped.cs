namespace Concordat.Contracts.Cycle;

/// <summary>A delivery plan's milestone was moved to a later date (its history keeps every date). Subject: <c>delivery-plans/{planId}</c>.</summary>
[EventType("org.concordat.cycle.milestone.slipped.v1")]
public sealed record MilestoneSlipped : IntegrationEvent
{
    public required Guid PlanId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid MilestoneId { get; init; }

    public required string Title { get; init; }

    public required DateOnly FromDueOn { get; init; }

    public required DateOnly ToDueOn { get; init; }

    /// <summary>How many times its date has moved later, this one included.</summary>
    public required int Slips { get; init; }

    public string? Reason { get; init; }

    public required string SlippedBy { get; init; }
}
