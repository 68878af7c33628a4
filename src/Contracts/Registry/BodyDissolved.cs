namespace Concordat.Contracts.Registry;

/// <summary>A body was dissolved; it can hold nothing from that day.</summary>
[EventType("org.concordat.registry.body.dissolved.v1")]
public sealed record BodyDissolved : IntegrationEvent
{
    public required Guid BodyId { get; init; }

    public required DateOnly DissolvedOn { get; init; }
}
