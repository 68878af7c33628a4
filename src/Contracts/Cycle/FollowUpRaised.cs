namespace Concordat.Contracts.Cycle;

/// <summary>
/// A follow-up issue was raised from an issue (by its holder, or by an evaluating body from its evaluation): it starts in
/// deliberation with its parent set, and is also announced as <see cref="IssueRaised"/>. Subject: <c>issues/{issueId}</c>
/// (the follow-up).
/// </summary>
[EventType("org.concordat.cycle.follow-up.raised.v1")]
public sealed record FollowUpRaised : IntegrationEvent
{
    /// <summary>The follow-up issue.</summary>
    public required Guid IssueId { get; init; }

    public required Guid ParentIssueId { get; init; }

    public required string Title { get; init; }

    /// <summary>The bodies that deliberate on it.</summary>
    public required IReadOnlyList<Guid> Holders { get; init; }

    public required Guid RaisedByBodyId { get; init; }

    /// <summary>The evaluation that raised it, when one did.</summary>
    public Guid? EvaluationId { get; init; }

    public required string RaisedBy { get; init; }
}
