namespace Concordat.Contracts.Scrutiny;

/// <summary>An accepted (or partly accepted) recommendation's action plan is done. Subject: <c>recommendations/{recommendationId}</c>.</summary>
[EventType("org.concordat.scrutiny.recommendation.completed.v1")]
public sealed record RecommendationCompleted : IntegrationEvent
{
    public required Guid RecommendationId { get; init; }

    public required Guid ReportId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public Guid? AddresseeOrganisationId { get; init; }

    public Guid? AddresseeBodyId { get; init; }

    public required string Note { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required string CompletedBy { get; init; }
}
