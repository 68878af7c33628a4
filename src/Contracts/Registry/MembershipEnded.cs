namespace Concordat.Contracts.Registry;

/// <summary>A membership ends (its last day is <see cref="EndsOn"/>) or was removed as entered in error.</summary>
[EventType("org.concordat.registry.membership.ended.v1")]
public sealed record MembershipEnded : IntegrationEvent
{
    public required Guid MembershipId { get; init; }

    public required Guid BodyId { get; init; }

    public required Guid PersonId { get; init; }

    public required DateOnly EndsOn { get; init; }

    /// <summary>True when the membership was removed as entered in error rather than ended.</summary>
    public bool Removed { get; init; }
}
