namespace Concordat.Contracts.Registry;

/// <summary>A partnership body or committee was added to the registry.</summary>
/// <remarks>
/// <see cref="BodyType"/>, <see cref="Scope"/>, <see cref="Tier"/> and <see cref="Roles"/> were added to v1 as optional
/// members (an additive change): producers before them sent only the name.
/// </remarks>
[EventType("org.concordat.registry.body.registered.v1")]
public sealed record BodyRegistered : IntegrationEvent
{
    /// <summary>The body's id (UUID v7), unique across instances together with <see cref="IntegrationEvent.InstanceId"/>.</summary>
    public required Guid BodyId { get; init; }

    /// <summary>The body's name, e.g. <c>Gloucestershire Strategic Partnership</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A short name or acronym, e.g. <c>GSP</c>, when it has one.</summary>
    public string? ShortName { get; init; }

    /// <summary><c>strategic</c>, <c>operational</c> or <c>consultative</c>.</summary>
    public string? BodyType { get; init; }

    /// <summary><c>geographic</c>, <c>thematic</c> or <c>sectoral</c>.</summary>
    public string? Scope { get; init; }

    /// <summary><c>region</c>, <c>county</c>, <c>district</c> or <c>neighbourhood</c>.</summary>
    public string? Tier { get; init; }

    /// <summary>The cycle roles it may play: <c>deliberative</c>, <c>authorising</c>, <c>executive</c>, <c>delivery</c>, <c>scrutiny</c>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}
