using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Concordat.ServiceDefaults.Access;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.ServiceDefaults;

/// <summary>
/// Section <c>Auth</c>: where bearer tokens come from. Either <see cref="Authority"/> (a council's identity
/// provider, found by OpenID Connect discovery) or <see cref="Issuer"/> with <see cref="SigningKeysFile"/>
/// (the app host's development issuer). With neither, authentication is registered but no token can be
/// valid: every bearer token is refused and requests without one stay anonymous.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect authority (its <c>/.well-known/openid-configuration</c> gives issuer and keys).</summary>
    public string? Authority { get; set; }

    /// <summary>The expected <c>iss</c> when keys come from <see cref="SigningKeysFile"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>A JWKS JSON file of the issuer's public keys.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The expected <c>aud</c>.</summary>
    public string Audience { get; set; } = "concordat";

    /// <summary>Whether discovery must use HTTPS; only a local test authority would turn this off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// How long a process without the key table (gateway, cycle, scrutiny) trusts the registry's word that a
    /// partner API key is good: a revoked key still works there for at most this long. 0 asks every time.
    /// </summary>
    public int ApiKeyCacheSeconds { get; set; } = 5;

    internal const int MaxApiKeyCacheSeconds = 30;
}

/// <summary>
/// JWT bearer tokens and partner API keys, configured the same way in every service and the gateway. A policy
/// scheme picks the handler by what the request presents, so endpoints never name a scheme.
/// </summary>
public static class AuthenticationExtensions
{
    /// <summary>Only asymmetric signatures: <c>alg: none</c> and shared-secret (HS*) tokens are refused.</summary>
    public static readonly IReadOnlyList<string> AcceptedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>The default scheme: API key when the request presents one, bearer token otherwise.</summary>
    public const string PolicySchemeName = "Concordat";

    /// <summary>
    /// Validates OAuth 2.0 / OpenID Connect bearer tokens as configured in section <c>Auth</c>, and partner API
    /// keys with the registered <see cref="IApiKeyVerifier"/>: the registry's own table in the registry, a client
    /// that asks the registry elsewhere (<c>AddRegistryApiKeyVerifier</c> in <c>src/Registry.Client</c>).
    /// </summary>
    public static TBuilder AddConcordatAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAuthentication(PolicySchemeName)
            .AddPolicyScheme(PolicySchemeName, "Bearer token or API key", options => options.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.IsPresentedBy(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // An endpoint that declares no access (AccessConventions) is closed to anonymous callers, not open.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();

        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Validate(o => o.ApiKeyCacheSeconds is >= 0 and <= AuthOptions.MaxApiKeyCacheSeconds,
                $"Auth:ApiKeyCacheSeconds must be between 0 and {AuthOptions.MaxApiKeyCacheSeconds}: a revoked key must stop working soon.");

        // Read when the options are first used, not now, so configuration added later (tests) counts.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
                Configure(options, auth);
            });
        return builder;
    }

    private static void Configure(JwtBearerOptions options, AuthOptions auth)
    {
        // Keep the token's own claim names (sub, role, body) rather than the WS-* URIs.
        options.MapInboundClaims = false;
        options.Audience = auth.Audience;
        var parameters = options.TokenValidationParameters;
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        parameters.ValidAudience = auth.Audience;
        parameters.ValidateLifetime = true;
        parameters.RequireExpirationTime = true;
        parameters.RequireSignedTokens = true;
        parameters.ValidateIssuerSigningKey = true;
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        parameters.ValidAlgorithms = AcceptedAlgorithms;
        parameters.NameClaimType = ConcordatClaims.Subject;
        parameters.RoleClaimType = ConcordatClaims.Role;

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            options.Authority = auth.Authority;
            options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
        }
        else if (!string.IsNullOrWhiteSpace(auth.Issuer) && !string.IsNullOrWhiteSpace(auth.SigningKeysFile))
        {
            parameters.ValidIssuer = auth.Issuer;
            parameters.IssuerSigningKeys = ReadSigningKeys(auth.SigningKeysFile);
        }
        else
        {
            // Nothing configured: no issuer and no key, so no token can ever validate.
            parameters.ValidIssuers = [];
            parameters.IssuerSigningKeys = [];
        }
    }

    private static IList<SecurityKey> ReadSigningKeys(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Auth:SigningKeysFile '{path}' does not exist.");
        }

        var keys = new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys();
        return keys.Count > 0 ? keys : throw new InvalidOperationException($"Auth:SigningKeysFile '{path}' holds no signing key.");
    }

    /// <summary>
    /// Authenticates each request and refuses one that carries a bearer token or API key that does not validate
    /// (401 problem with <c>WWW-Authenticate</c>), rather than treating it as anonymous: a caller with a broken
    /// token or a revoked key should learn so at once, and the gateway must never forward it. Then authorises it
    /// against the endpoint's access declaration.
    /// </summary>
    public static WebApplication UseAuthenticationAndAuthorization(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var presentsCredentials = ApiKeyAuthenticationHandler.IsPresentedBy(context.Request) || PresentsBearerToken(context.Request);
            if (presentsCredentials && context.User.Identity?.IsAuthenticated != true)
            {
                // A flood of bad credentials is throttled where a limit is registered (the gateway's, per address).
                if (context.RequestServices.GetService<IRefusedCredentialsLimit>() is { } limit && !await limit.TryCountAsync(context))
                {
                    return;
                }

                // The policy scheme sends the challenge to the handler that judged the request.
                await context.ChallengeAsync();
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// The detail of a 401 problem: what the caller presented and why it is not enough. Deliberately general
    /// (never which check failed), so a forger learns nothing, while an honest caller knows what to fix.
    /// </summary>
    public static string DescribeRefusal(HttpRequest request) =>
        ApiKeyAuthenticationHandler.IsPresentedBy(request)
            ? "The API key is not valid: it is malformed, unknown, revoked or expired, or was sent together with a bearer token."
            : PresentsBearerToken(request)
                ? "The bearer token is not valid: its signature, issuer, audience, algorithm or lifetime was refused."
                : "This needs a bearer token (Authorization: Bearer …) or a partner API key (X-Api-Key).";

    private static bool PresentsBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>GET /auth/me</c>: who the bearer token or API key says the caller is, so a partner can check it.</summary>
    public static IEndpointRouteBuilder MapAuthMe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/auth/me", Me).RequireToken().WithName("AuthMe");
        return endpoints;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<Caller> Me(ClaimsPrincipal user) => TypedResults.Ok(new Caller(
        user.FindFirstValue(ConcordatClaims.Subject) ?? "",
        user.FindFirstValue(ConcordatClaims.Name),
        [.. user.FindAll(ConcordatClaims.Role).Select(c => c.Value)],
        [.. user.FindAll(ConcordatClaims.Body).Select(c => c.Value)],
        user.FindFirstValue(ConcordatClaims.Organisation),
        [.. user.Claims.Select(c => new CallerClaim(c.Type, c.Value))]));

    /// <summary>The answer of <c>/auth/me</c>.</summary>
    public sealed record Caller(
        string Subject, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Bodies, string? Organisation, IReadOnlyList<CallerClaim> Claims);

    public sealed record CallerClaim(string Type, string Value);
}

/// <summary>
/// Counts a request refused for credentials that do not validate. Returns false, having answered the request itself
/// (a 429), when its sender has had too many refused; true to let the 401 go out.
/// </summary>
public interface IRefusedCredentialsLimit
{
    ValueTask<bool> TryCountAsync(HttpContext context);
}
