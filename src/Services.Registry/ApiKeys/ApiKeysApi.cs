using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.Registry.Client;
using Concordat.Registry.Data;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.ApiKeys;

public static class ApiKeysApi
{
    /// <summary>
    /// Maps the administration of partner API keys (<c>/api/registry/organisations/{id}/api-keys</c>,
    /// <c>/api/registry/api-keys/{id}</c>) and the internal check the other processes ask
    /// (<c>/internal/api-keys/verification</c>, which the gateway never routes).
    /// </summary>
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var ofOrganisation = app.MapGroup("/api/registry/organisations/{organisationId:guid}/api-keys").WithTags("API keys")
            .RequireRoles(ConcordatRoles.PlatformAdmin);
        ofOrganisation.MapPost("/", IssueApiKey).WithName(nameof(IssueApiKey)).ProducesProblem(404);
        ofOrganisation.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys)).ProducesProblem(404);

        var keys = app.MapGroup("/api/registry/api-keys").WithTags("API keys")
            .RequireRoles(ConcordatRoles.PlatformAdmin);
        keys.MapGet("/{id:guid}", GetApiKey).WithName(nameof(GetApiKey)).ProducesProblem(404);
        keys.MapPost("/{id:guid}/revocation", RevokeApiKey).WithName(nameof(RevokeApiKey)).ProducesProblem(404);

        // Anonymous, because the caller is another process checking a key it was shown, and knowing the key is
        // the proof; the gateway never routes /internal, so only processes inside the deployment reach it.
        app.MapPost(IApiKeyVerificationApi.Path, VerifyApiKey).WithName(nameof(VerifyApiKey)).ExcludeFromDescription().Public();
        return app;
    }

    /// <summary>Issues a key; the answer is the only time the key is ever shown.</summary>
    public static async Task<Results<Created<IssuedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> IssueApiKey(
        Guid organisationId, ApiKeyRequest request, RegistryDbContext db, TimeProvider time, ClaimsPrincipal user,
        HttpContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (request.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["expiresAt"] = ["A key cannot expire in the past; leave expiresAt out for a key that lasts until revoked."],
            });
        }

        if (!await OrganisationIsLiveAsync(db, organisationId, cancellationToken))
        {
            return UnknownOrganisation(organisationId);
        }

        var (record, key) = ApiKey.Issue(organisationId, request.Name!, request.ExpiresAt, SubjectOf(user), now);
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        // The key is in this body and nowhere else: keep it out of every cache on the way.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/registry/api-keys/{record.Id}", new IssuedApiKeyResponse(key.Value, ApiKeyResponse.From(record, now)));
    }

    /// <summary>The organisation's keys, newest first: names, ids and states, never a secret or a hash.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ApiKeyResponse>>, ProblemHttpResult>> ListApiKeys(
        Guid organisationId, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await OrganisationIsLiveAsync(db, organisationId, cancellationToken))
        {
            return UnknownOrganisation(organisationId);
        }

        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganisationId == organisationId)
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ApiKeyResponse>>([.. keys.Select(k => ApiKeyResponse.From(k, now))]);
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetApiKey(
        Guid id, RegistryDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        return key is null ? UnknownKey(id) : TypedResults.Ok(ApiKeyResponse.From(key, time.GetUtcNow()));
    }

    /// <summary>
    /// Revokes a key at once: the registry refuses it from the next request, the other processes within their
    /// cache time (<c>Auth:ApiKeyCacheSeconds</c>). Revoking a revoked key answers the same, unchanged.
    /// </summary>
    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeApiKey(
        Guid id, RegistryDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return UnknownKey(id);
        }

        var now = time.GetUtcNow();
        key.Revoke(SubjectOf(user), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ApiKeyResponse.From(key, now));
    }

    /// <summary>For the gateway and the other services: is this key good, and whose is it? Always 200; a malformed key is simply not valid.</summary>
    public static async Task<Ok<ApiKeyVerificationResponse>> VerifyApiKey(
        ApiKeyVerificationRequest request, IApiKeyVerifier verifier, CancellationToken cancellationToken)
    {
        if (!PartnerApiKey.TryParse(request.Key, out var key))
        {
            return TypedResults.Ok(new ApiKeyVerificationResponse(Valid: false));
        }

        var check = await verifier.VerifyAsync(key, cancellationToken);
        return TypedResults.Ok(check.Key is { } verified
            ? new ApiKeyVerificationResponse(Valid: true, verified.KeyId, verified.OrganisationId, verified.Name)
            : new ApiKeyVerificationResponse(Valid: false));
    }

    private static Task<bool> OrganisationIsLiveAsync(RegistryDbContext db, Guid organisationId, CancellationToken cancellationToken) =>
        db.Organisations.AnyAsync(o => o.Id == organisationId && o.RemovedAt == null, cancellationToken);

    private static string SubjectOf(ClaimsPrincipal user) => user.FindFirstValue(ConcordatClaims.Subject) ?? "unknown";

    private static ProblemHttpResult UnknownOrganisation(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such organisation.", detail: $"No organisation {id} is registered.");

    private static ProblemHttpResult UnknownKey(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "No such API key.", detail: $"No API key {id} was issued.");
}

/// <summary>A key to issue: what it is for, and when it should stop working (never, if left out).</summary>
public sealed record ApiKeyRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(ApiKey.NameMaxLength)] string? Name,
    DateTimeOffset? ExpiresAt);

/// <summary>A key as administrators see it: never the secret, never its hash.</summary>
public sealed record ApiKeyResponse(
    Guid Id, Guid OrganisationId, string Name, string KeyId, ApiKeyState State,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt)
{
    public static ApiKeyResponse From(ApiKey k, DateTimeOffset now) =>
        new(k.Id, k.OrganisationId, k.Name, k.KeyId, k.StateAt(now), k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.RevokedBy, k.LastUsedAt);
}

/// <summary>The answer to issuing a key: <see cref="Key"/> is shown this once and cannot be recovered.</summary>
public sealed record IssuedApiKeyResponse(string Key, ApiKeyResponse ApiKey);
