namespace Concordat.Contracts.Cycle;

/// <summary>
/// An evaluation of an issue was completed: intended against achieved for each indicator, what worked and what did not
/// for each objective, unintended effects and recommendations. Completed evaluations are public; the issue may now close
/// from its evaluation stage. Subject: <c>evaluations/{evaluationId}</c>.
/// </summary>
[EventType("org.concordat.cycle.evaluation.completed.v1")]
public sealed record EvaluationCompleted : IntegrationEvent
{
    public required Guid EvaluationId { get; init; }

    public required Guid IssueId { get; init; }

    /// <summary>The evaluating body (executive or scrutiny role); null when an independent evaluator organisation evaluated.</summary>
    public Guid? EvaluatorBodyId { get; init; }

    /// <summary>The independent evaluator organisation (a registry organisation id); null when a body evaluated.</summary>
    public Guid? EvaluatorOrganisationId { get; init; }

    /// <summary>The evaluator as named on the evaluation.</summary>
    public required string Evaluator { get; init; }

    /// <summary>How many indicators were assessed intended against achieved.</summary>
    public required int IndicatorsAssessed { get; init; }

    /// <summary>How many of them achieved what was intended.</summary>
    public required int IndicatorsAchieved { get; init; }

    public required IReadOnlyList<string> Recommendations { get; init; }

    /// <summary>The lessons the evaluation yielded, each announced as <see cref="LessonPublished"/>.</summary>
    public required IReadOnlyList<Guid> Lessons { get; init; }

    /// <summary>Its public address on the instance's gateway.</summary>
    public required Uri Url { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required string CompletedBy { get; init; }
}
