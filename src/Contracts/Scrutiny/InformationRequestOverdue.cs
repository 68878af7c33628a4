namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A chase, sent once a UK day while an information request is past its due date and unanswered.
/// Subject: <c>information-requests/{informationRequestId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.information-request.overdue.v1")]
public sealed record InformationRequestOverdue : IntegrationEvent
{
    public required Guid InformationRequestId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public required Guid OrganisationId { get; init; }

    public required DateOnly DueOn { get; init; }

    /// <summary>The UK day of the chase; one per request and day.</summary>
    public required DateOnly ChasedOn { get; init; }

    public required int DaysOverdue { get; init; }
}
