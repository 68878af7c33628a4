namespace Concordat.Contracts.Cycle;

/// <summary>
/// A delivery plan's lead body issued a monitoring report: a snapshot at a date, kept as issued, with its exception list.
/// Published reports are public. Subject: <c>monitoring-reports/{reportId}</c>.
/// </summary>
[EventType("org.concordat.cycle.monitoring-report.issued.v1")]
public sealed record MonitoringReportIssued : IntegrationEvent
{
    public required Guid ReportId { get; init; }

    public required Guid PlanId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid LeadBodyId { get; init; }

    public required DateOnly AsAt { get; init; }

    /// <summary>How many exceptions of each kind the report lists (<c>off_track_action</c>, <c>missed_milestone</c>, <c>indicator_behind_trajectory</c>, <c>risk_past_review</c>).</summary>
    public required IReadOnlyDictionary<string, int> Exceptions { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required string IssuedBy { get; init; }
}
