using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// The registry's public reads that the pages use (<c>docs/registry.md</c>). Hand-written and small: only the fields
/// a page shows. Enumerations stay the registry's wire words (<c>vice_chair</c>), shown through <c>Words</c>.
/// </summary>
public partial interface IRegistryApi
{
    /// <summary>Bodies, filtered as the registry's list filters them; active bodies unless <paramref name="status"/> says otherwise.</summary>
    [Get("/api/registry/bodies")]
    Task<IApiResponse<Page<BodySummary>>> ListBodiesAsync(
        string? q, string? type, string? scope, string? tier, string? status, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One organisation; 404 for an id the registry does not know.</summary>
    [Get("/api/registry/organisations/{id}")]
    Task<IApiResponse<OrganisationSummary>> GetOrganisationAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Organisations (councils, the police, the NHS, …), for their names.</summary>
    [Get("/api/registry/organisations")]
    Task<IApiResponse<Page<OrganisationSummary>>> ListOrganisationsAsync(int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>A body with the members it has today and each seat's vacant places.</summary>
    [Get("/api/registry/bodies/{id}/composition")]
    Task<IApiResponse<Composition>> GetCompositionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>An organisation's API keys, newest first: never a secret (platform administrators).</summary>
    [Get("/api/registry/organisations/{organisationId}/api-keys")]
    Task<IApiResponse<List<ApiKey>>> ListApiKeysAsync(Guid organisationId, CancellationToken cancellationToken);

    /// <summary>Issues a key to the organisation: the answer's <see cref="IssuedApiKey.Key"/> is shown this once.</summary>
    [Post("/api/registry/organisations/{organisationId}/api-keys")]
    Task<IApiResponse<IssuedApiKey>> IssueApiKeyAsync(Guid organisationId, [Body] ApiKeyToIssue key, CancellationToken cancellationToken);

    /// <summary>Revokes a key (idempotent): it stays listed, revoked.</summary>
    [Post("/api/registry/api-keys/{id}/revocation")]
    Task<IApiResponse<ApiKey>> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>State: <c>active</c>, <c>expired</c>, <c>revoked</c>.</summary>
public sealed record ApiKey(
    Guid Id, Guid OrganisationId, string Name, string KeyId, string State, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt);

public sealed record ApiKeyToIssue(string? Name, DateTimeOffset? ExpiresAt);

public sealed record IssuedApiKey(string Key, ApiKey ApiKey);

public sealed record BodySummary(
    Guid Id,
    string Name,
    string? ShortName,
    string Type,
    string Scope,
    string? Coverage,
    string Tier,
    string? TermsOfReference,
    Uri? TermsOfReferenceUrl,
    DateOnly? TermsReviewDue,
    IReadOnlyList<string> Roles,
    string Status,
    DateOnly? DissolvedOn);

public sealed record Composition(BodySummary Body, DateOnly On, IReadOnlyList<SeatHeld> Members, IReadOnlyList<SeatPlaces> Seats, int VacantPlaces);

public sealed record SeatHeld(Guid MembershipId, Guid? SeatId, string? SeatTitle, Guid PersonId, string PersonName, string Role, bool Voting, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record SeatPlaces(Seat Seat, int Held, int Vacancies);

public sealed record Seat(Guid Id, string Title, int Places, bool Voting, bool Chair);

public sealed record OrganisationSummary(Guid Id, string Name, string? ShortName, string Kind);
