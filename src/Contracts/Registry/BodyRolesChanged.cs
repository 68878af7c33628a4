namespace Concordat.Contracts.Registry;

/// <summary>The cycle roles a body may play changed: which stages of an issue it may now hold.</summary>
[EventType("org.concordat.registry.body.roles-changed.v1")]
public sealed record BodyRolesChanged : IntegrationEvent
{
    public required Guid BodyId { get; init; }

    /// <summary>The roles now: <c>deliberative</c>, <c>authorising</c>, <c>executive</c>, <c>delivery</c>, <c>scrutiny</c>.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    public required IReadOnlyList<string> PreviousRoles { get; init; }
}
