namespace Concordat.Contracts.Registry;

/// <summary>Someone took a place on a body, in a role, possibly on behalf of an organisation or another body.</summary>
[EventType("org.concordat.registry.membership.started.v1")]
public sealed record MembershipStarted : IntegrationEvent
{
    public required Guid MembershipId { get; init; }

    public required Guid BodyId { get; init; }

    public Guid? SeatId { get; init; }

    public required Guid PersonId { get; init; }

    public required string PersonName { get; init; }

    /// <summary>
    /// The person's sign-in subject (the token's <c>sub</c>) when they have one, so another service's read model can
    /// tell whom a token speaks for. Added to v1 as an optional member; for the platform's services, not for partners.
    /// </summary>
    public string? PersonSubject { get; init; }

    public Guid? OnBehalfOfOrganisationId { get; init; }

    public Guid? OnBehalfOfBodyId { get; init; }

    /// <summary><c>chair</c>, <c>vice_chair</c>, <c>member</c>, <c>co_opted</c>, <c>adviser</c>, <c>substitute</c> or <c>clerk</c>.</summary>
    public required string Role { get; init; }

    public required bool Voting { get; init; }

    public required DateOnly StartsOn { get; init; }

    public DateOnly? EndsOn { get; init; }
}
