namespace Concordat.Contracts.Cycle;

/// <summary>An issue moved to another stage (forward, or referred back from authorisation to deliberation), and so to other holders.</summary>
[EventType("org.concordat.cycle.issue.moved.v1")]
public sealed record IssueMoved : IntegrationEvent
{
    public required Guid IssueId { get; init; }

    /// <summary><c>deliberation</c>, <c>authorisation</c>, <c>implementation</c> or <c>evaluation</c>.</summary>
    public required string FromStage { get; init; }

    public required string ToStage { get; init; }

    public required IReadOnlyList<Guid> FromHolders { get; init; }

    public required IReadOnlyList<Guid> ToHolders { get; init; }

    public string? Reason { get; init; }

    public DateOnly? DueOn { get; init; }

    /// <summary>Who moved it, as the caller's token named them.</summary>
    public required string MovedBy { get; init; }
}
