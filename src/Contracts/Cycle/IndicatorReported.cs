namespace Concordat.Contracts.Cycle;

/// <summary>An actual for one period of a delivery plan's indicator was entered. Subject: <c>delivery-plans/{planId}</c>.</summary>
[EventType("org.concordat.cycle.indicator.reported.v1")]
public sealed record IndicatorReported : IntegrationEvent
{
    public required Guid PlanId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid IndicatorId { get; init; }

    public required string Name { get; init; }

    public required string Unit { get; init; }

    /// <summary>An LAA-style national indicator reference, e.g. <c>NI 117</c>.</summary>
    public string? NationalIndicator { get; init; }

    public required string Period { get; init; }

    public required decimal Value { get; init; }

    public decimal? Target { get; init; }

    /// <summary><c>on_trajectory</c>, <c>behind_trajectory</c> or <c>no_target</c> after this actual.</summary>
    public required string Trajectory { get; init; }

    public required string ReportedBy { get; init; }
}
