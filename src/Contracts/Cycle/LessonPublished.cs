namespace Concordat.Contracts.Cycle;

/// <summary>
/// A completed evaluation yielded a lesson, now in the lessons library. The event carries all another council's instance
/// needs to hold a copy: the lesson is named globally by the envelope's <c>instanceId</c> and <see cref="LessonId"/>, and
/// <see cref="Url"/> is where its home instance publishes it. Subject: <c>lessons/{lessonId}</c>.
/// </summary>
[EventType("org.concordat.cycle.lesson.published.v1")]
public sealed record LessonPublished : IntegrationEvent
{
    public required Guid LessonId { get; init; }

    public required Guid EvaluationId { get; init; }

    public required Guid IssueId { get; init; }

    /// <summary>The issue's title when the lesson was published, so a copy reads without the issue.</summary>
    public required string IssueTitle { get; init; }

    /// <summary>What was learnt.</summary>
    public required string Statement { get; init; }

    /// <summary>What shows it.</summary>
    public required string Evidence { get; init; }

    /// <summary>The context it holds in: themes.</summary>
    public required IReadOnlyList<string> Themes { get; init; }

    /// <summary>The context it holds in: the councils' or organisations' areas (registry organisation ids).</summary>
    public required IReadOnlyList<Guid> Areas { get; init; }

    /// <summary>The context it holds in: the kind of issue (<c>strategy_development</c>, <c>strategic_response</c>, <c>strategic_review</c>, <c>emergent_strategy</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>The lesson's public address on its home instance's gateway.</summary>
    public required Uri Url { get; init; }

    /// <summary>The evaluation it came from, on its home instance's gateway.</summary>
    public required Uri EvaluationUrl { get; init; }

    public required DateTimeOffset PublishedAt { get; init; }

    public required string PublishedBy { get; init; }
}
