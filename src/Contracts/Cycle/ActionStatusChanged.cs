namespace Concordat.Contracts.Cycle;

/// <summary>
/// A delivery action's status or RAG rating changed (by its owner's progress update, or by the lead body's override of
/// its rolled-up RAG). Subject: <c>delivery-actions/{actionId}</c>.
/// </summary>
[EventType("org.concordat.cycle.action.status-changed.v1")]
public sealed record ActionStatusChanged : IntegrationEvent
{
    public required Guid ActionId { get; init; }

    public required Guid PlanId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid OwnerOrganisationId { get; init; }

    /// <summary><c>not_started</c>, <c>on_track</c>, <c>at_risk</c>, <c>off_track</c>, <c>done</c> or <c>dropped</c>.</summary>
    public required string FromStatus { get; init; }

    public required string ToStatus { get; init; }

    /// <summary>The RAG shown before and after (<c>green</c>, <c>amber</c>, <c>red</c>): an override when there is one.</summary>
    public string? FromRag { get; init; }

    public string? ToRag { get; init; }

    public string? Reason { get; init; }

    /// <summary>True when the RAG shown is the lead body's override rather than the rolled-up one.</summary>
    public required bool Overridden { get; init; }

    public required string ChangedBy { get; init; }
}
