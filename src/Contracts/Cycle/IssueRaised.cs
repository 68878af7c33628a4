namespace Concordat.Contracts.Cycle;

/// <summary>An issue entered the cycle, in deliberation, held by one body or jointly by several.</summary>
[EventType("org.concordat.cycle.issue.raised.v1")]
public sealed record IssueRaised : IntegrationEvent
{
    public required Guid IssueId { get; init; }

    public required string Title { get; init; }

    /// <summary><c>strategy_development</c>, <c>strategic_response</c>, <c>strategic_review</c> or <c>emergent_strategy</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The stage it entered at: <c>deliberation</c>.</summary>
    public required string Stage { get; init; }

    /// <summary>The bodies holding it (registry body ids).</summary>
    public required IReadOnlyList<Guid> Holders { get; init; }

    public Guid? RaisedByBodyId { get; init; }

    public Guid? RaisedByOrganisationId { get; init; }

    /// <summary>The issue this one follows up, if any.</summary>
    public Guid? ParentIssueId { get; init; }

    public required IReadOnlyList<string> Themes { get; init; }

    /// <summary>The councils' areas affected, as registry organisation ids.</summary>
    public required IReadOnlyList<Guid> Areas { get; init; }

    public DateOnly? DueOn { get; init; }

    /// <summary>Who raised it, as the caller's token named them.</summary>
    public required string RaisedBy { get; init; }
}
