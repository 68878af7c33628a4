namespace Concordat.Contracts.Registry;

/// <summary>A body's description changed (name, type, scope, tier, terms of reference, supporting organisation); the whole description as it now is.</summary>
[EventType("org.concordat.registry.body.changed.v1")]
public sealed record BodyChanged : IntegrationEvent
{
    public required Guid BodyId { get; init; }

    public required string Name { get; init; }

    public string? ShortName { get; init; }

    /// <summary><c>strategic</c>, <c>operational</c> or <c>consultative</c>.</summary>
    public required string BodyType { get; init; }

    /// <summary><c>geographic</c>, <c>thematic</c> or <c>sectoral</c>.</summary>
    public required string Scope { get; init; }

    /// <summary><c>region</c>, <c>county</c>, <c>district</c> or <c>neighbourhood</c>.</summary>
    public required string Tier { get; init; }

    /// <summary>The cycle roles it may play (also announced on their own by <see cref="BodyRolesChanged"/> when they change).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>When its terms of reference are next due for review.</summary>
    public DateOnly? TermsReviewDue { get; init; }

    public Guid? SupportingOrganisationId { get; init; }
}
