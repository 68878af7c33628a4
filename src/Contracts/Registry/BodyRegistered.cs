namespace Concordat.Contracts.Registry;

/// <summary>A partnership body or committee was added to the registry.</summary>
[EventType("org.concordat.registry.body.registered.v1")]
public sealed record BodyRegistered : IntegrationEvent
{
    /// <summary>The body's id (UUID v7), unique across instances together with <see cref="IntegrationEvent.InstanceId"/>.</summary>
    public required Guid BodyId { get; init; }

    /// <summary>The body's name, e.g. <c>Gloucestershire Strategic Partnership</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A short name or acronym, e.g. <c>GSP</c>, when it has one.</summary>
    public string? ShortName { get; init; }
}
