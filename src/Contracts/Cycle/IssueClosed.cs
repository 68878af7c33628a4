namespace Concordat.Contracts.Cycle;

/// <summary>An issue was closed, from whatever stage it was in, with the reason.</summary>
[EventType("org.concordat.cycle.issue.closed.v1")]
public sealed record IssueClosed : IntegrationEvent
{
    public required Guid IssueId { get; init; }

    public required string FromStage { get; init; }

    /// <summary>The bodies that held it when it closed.</summary>
    public required IReadOnlyList<Guid> Holders { get; init; }

    public required string Reason { get; init; }

    public required string ClosedBy { get; init; }
}
