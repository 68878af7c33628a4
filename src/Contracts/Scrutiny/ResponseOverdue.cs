namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A chase, sent once a UK day while a published recommendation's response is past its due date.
/// Subject: <c>recommendations/{recommendationId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.response.overdue.v1")]
public sealed record ResponseOverdue : IntegrationEvent
{
    public required Guid RecommendationId { get; init; }

    public required Guid ReportId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public Guid? AddresseeOrganisationId { get; init; }

    public Guid? AddresseeBodyId { get; init; }

    public required DateOnly DueOn { get; init; }

    /// <summary>The UK day of the chase; one per recommendation and day.</summary>
    public required DateOnly ChasedOn { get; init; }

    public required int DaysOverdue { get; init; }
}
