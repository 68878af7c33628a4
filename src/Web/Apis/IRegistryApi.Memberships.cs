using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// A body's seats and memberships as its clerk keeps them (<c>docs/registry.md</c>, "Seat rules"): reads are public;
/// defining a seat and starting or ending a membership need the body's clerk (or an administrator); ending one sends
/// the membership's version as <c>If-Match</c>.
/// </summary>
public partial interface IRegistryApi
{
    /// <summary>A body's seats with their rules and versions.</summary>
    [Get("/api/registry/bodies/{bodyId}/seats")]
    Task<IApiResponse<Page<SeatRecord>>> ListSeatsAsync(Guid bodyId, int? limit, string? cursor, CancellationToken cancellationToken);

    [Post("/api/registry/bodies/{bodyId}/seats")]
    Task<IApiResponse<SeatRecord>> DefineSeatAsync(Guid bodyId, [Body] DefineSeat request, CancellationToken cancellationToken);

    /// <summary>Memberships of a body, held on <paramref name="currentOn"/> when given.</summary>
    [Get("/api/registry/memberships")]
    Task<IApiResponse<Page<MembershipRecord>>> ListMembershipsAsync(Guid? body, [AliasAs("current_on"), Query(Format = "yyyy-MM-dd")] DateOnly? currentOn, int? limit, string? cursor, CancellationToken cancellationToken);

    [Get("/api/registry/memberships/{id}")]
    Task<IApiResponse<MembershipRecord>> GetMembershipAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/registry/memberships")]
    Task<IApiResponse<MembershipRecord>> StartMembershipAsync([Body] StartMembership request, CancellationToken cancellationToken);

    [Post("/api/registry/memberships/{id}/end")]
    Task<IApiResponse<MembershipRecord>> EndMembershipAsync(Guid id, [Body] EndMembership request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    /// <summary>People, by name, for choosing whom to appoint.</summary>
    [Get("/api/registry/people")]
    Task<IApiResponse<Page<PersonSummary>>> ListPeopleAsync(string? q, int? limit, string? cursor, CancellationToken cancellationToken);
}

/// <summary>A seat: <see cref="Holder"/> <c>anyone</c>, <c>elected</c>, <c>non_elected</c>; <see cref="Represents"/> <c>nobody</c>, <c>organisation</c>, <c>body</c>.</summary>
public sealed record SeatRecord(
    Guid Id,
    Guid BodyId,
    string Title,
    int Places,
    bool Voting,
    string Holder,
    bool Chair,
    string Represents,
    bool OnePerRepresented,
    bool SubstitutesAllowed,
    string? SubstituteRule,
    string Version);

public sealed record DefineSeat(
    string? Title, int Places, bool Voting, string? Holder, bool Chair, string? Represents, bool OnePerRepresented, bool SubstitutesAllowed, string? SubstituteRule);

/// <summary>A membership: role <c>chair</c>, <c>vice_chair</c>, <c>member</c>, <c>co_opted</c>, <c>adviser</c>, <c>substitute</c>, <c>clerk</c>.</summary>
public sealed record MembershipRecord(
    Guid Id,
    Guid BodyId,
    Guid? SeatId,
    Guid PersonId,
    Guid? OnBehalfOfOrganisationId,
    Guid? OnBehalfOfBodyId,
    string Role,
    bool Voting,
    DateOnly StartsOn,
    DateOnly? EndsOn,
    string Version);

public sealed record StartMembership(
    Guid BodyId, Guid? SeatId, Guid PersonId, Guid? OnBehalfOfOrganisationId, Guid? OnBehalfOfBodyId, string? Role, bool? Voting, DateOnly? StartsOn, DateOnly? EndsOn);

public sealed record EndMembership(DateOnly? EndsOn);

public sealed record PersonSummary(Guid Id, string Name, bool Elected);
