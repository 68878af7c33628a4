namespace Concordat.Contracts.Scrutiny;

/// <summary>
/// A scrutiny committee published a report with its recommendations, each addressed to a partner authority or a
/// partnership body and due a response by the committee's statutory regime. Subject: <c>reports/{reportId}</c>.
/// </summary>
[EventType("org.concordat.scrutiny.report.published.v1")]
public sealed record ReportPublished : IntegrationEvent
{
    public required Guid ReportId { get; init; }

    public required Guid CommitteeBodyId { get; init; }

    public required string Title { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>The UK day of publication, from which the response clock runs.</summary>
    public required DateOnly PublishedOn { get; init; }

    public required string Regime { get; init; }

    public required IReadOnlyList<PublishedRecommendation> Recommendations { get; init; }

    public required string PublishedBy { get; init; }
}

/// <summary>A recommendation as published: to whom (an organisation or a body) and when its response is due.</summary>
public sealed record PublishedRecommendation
{
    public required Guid RecommendationId { get; init; }

    /// <summary>Its number in the report, from 1.</summary>
    public required int Number { get; init; }

    public required string Text { get; init; }

    public Guid? AddresseeOrganisationId { get; init; }

    public Guid? AddresseeBodyId { get; init; }

    public required DateOnly ResponseDueOn { get; init; }
}
