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
using Microsoft.IdentityModel.Tokens;
using Concordat.ServiceDefaults.Access;

namespace Concordat.ServiceDefaults;

/// <summary>
/// Section <c>Auth</c>: where bearer tokens come from. Either <see cref="Authority"/> (a council's identity
/// provider, found by OpenID Connect discovery) or <see cref="Issuer"/> with <see cref="SigningKeysFile"/>
/// (the launcher's development issuer). With neither, authentication is registered but no token can be
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
}

/// <summary>JWT bearer authentication, configured the same way in every service and the gateway.</summary>
public static class AuthenticationExtensions
{
    /// <summary>Only asymmetric signatures: <c>alg: none</c> and shared-secret (HS*) tokens are refused.</summary>
    public static readonly IReadOnlyList<string> AcceptedAlgorithms =
        [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Validates OAuth 2.0 / OpenID Connect bearer tokens as configured in section <c>Auth</c>.</summary>
    public static TBuilder AddConcordatAuthentication<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // An endpoint that declares no access (AccessConventions) is closed to anonymous callers, not open.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessRefusals>();

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
    /// Authenticates each request and refuses one that carries a bearer token that does not validate (401
    /// problem with <c>WWW-Authenticate</c>), rather than treating it as anonymous: a caller with a broken
    /// token should learn so at once, and the gateway must never forward it.
    /// </summary>
    public static WebApplication UseConcordatAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                && context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
                return;
            }

            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary><c>GET /auth/me</c>: who the bearer token says the caller is, so a partner can check a token.</summary>
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
