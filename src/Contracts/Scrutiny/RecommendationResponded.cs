namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// The addressee of a published recommendation responded: <c>accepted</c>, <c>partly_accepted</c> or <c>rejected</c>,
/// with reasons and, unless rejected, an action plan. Subject: <c>recommendations/{recommendationId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.recommendation.responded.v1")]
public sealed record RecommendationResponded : IntegrationEvent
{
    public required Guid RecommendationId { get; init; }

    public required Guid ReportId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public Guid? AddresseeOrganisationId { get; init; }

    public Guid? AddresseeBodyId { get; init; }

    /// <summary><c>accepted</c>, <c>partly_accepted</c> or <c>rejected</c>.</summary>
    public required string Outcome { get; init; }

    public required string Reasons { get; init; }

    public required IReadOnlyList<RecommendationAction> Actions { get; init; }

    public required DateOnly DueOn { get; init; }

    public required DateTimeOffset RespondedAt { get; init; }

    public required bool Late { get; init; }

    public required string RespondedBy { get; init; }
}

/// <summary>One action of a response's action plan and the day it should be done by.</summary>
public sealed record RecommendationAction
{
    public required string Action { get; init; }

    public required DateOnly TargetOn { get; init; }
}
