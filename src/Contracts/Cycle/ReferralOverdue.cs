namespace Concordat.Contracts.Cycle;

/// <summary>A reminder, sent once a day while a referred body's response is past its due date.</summary>
[EventType("org.concordat.cycle.referral.overdue.v1")]
public sealed record ReferralOverdue : IntegrationEvent
{
    public required Guid ReferralId { get; init; }

    public required Guid IssueId { get; init; }

    /// <summary>The body whose response is awaited.</summary>
    public required Guid BodyId { get; init; }

    public required DateOnly DueOn { get; init; }

    /// <summary>The day (UK) the reminder is for; one per referral, body and day.</summary>
    public required DateOnly RemindedOn { get; init; }

    public required int DaysOverdue { get; init; }
}
