namespace Concordat.Contracts.Cycle;

/// <summary>
/// A delivery plan was started from a decision in effect: who leads it, who contributes, and the allocations the decision
/// committed (copied). Subject: <c>delivery-plans/{planId}</c>.
/// </summary>
[EventType("org.concordat.cycle.delivery-plan.started.v1")]
public sealed record DeliveryPlanStarted : IntegrationEvent
{
    public required Guid PlanId { get; init; }

    public required Guid IssueId { get; init; }

    public required Guid DecisionId { get; init; }

    public required Guid LeadBodyId { get; init; }

    public required IReadOnlyList<Guid> ContributingOrganisations { get; init; }

    public required IReadOnlyList<Guid> ContributingBodies { get; init; }

    public required IReadOnlyList<DecisionAllocation> Allocations { get; init; }

    public required string StartedBy { get; init; }
}
