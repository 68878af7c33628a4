using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Concordat.ServiceDefaults;

internal static partial class ApiKeyLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused API key {KeyId}")]
    public static partial void Refused(ILogger logger, string keyId);
}

/// <summary>
/// Authenticates a partner's system by the API key in <c>X-Api-Key</c> (or <c>Authorization: ApiKey …</c>):
/// a good key becomes a caller with role <c>partner</c>, subject <c>api-key:&lt;key id&gt;</c> and the key's
/// organisation. A request with a key that is malformed, unknown, revoked or expired is refused with 401 (by
/// <see cref="AuthenticationExtensions.UseAuthenticationAndAuthorization"/>), never served as anonymous.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>The value of the <c>amr</c> claim of a caller authenticated by an API key.</summary>
    public const string AuthenticationMethod = "api_key";

    private static readonly object UnavailableItem = new();

    /// <summary>Whether the request presents an API key at all (so this scheme, not bearer tokens, should judge it).</summary>
    public static bool IsPresentedBy(HttpRequest request) =>
        request.Headers.ContainsKey(Header)
        || request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.Fail("Present one API key, in X-Api-Key or Authorization, and no bearer token beside it.");
        }

        if (!PartnerApiKey.TryParse(presented, out var key))
        {
            return AuthenticateResult.Fail("The API key is malformed.");
        }

        var check = await verifier.VerifyAsync(key, Context.RequestAborted);
        switch (check.Status)
        {
            case ApiKeyStatus.Valid:
                var verified = check.Key!;
                Claim[] claims =
                [
                    new(ConcordatClaims.Subject, "api-key:" + verified.KeyId),
                    new(ConcordatClaims.Role, "partner"),
                    new(ConcordatClaims.Organisation, verified.OrganisationId.ToString()),
                    new(ConcordatClaims.Name, verified.Name),
                    new(ConcordatClaims.AuthenticationMethod, AuthenticationMethod),
                ];
                var identity = new ClaimsIdentity(claims, SchemeName, ConcordatClaims.Subject, ConcordatClaims.Role);
                return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
            case ApiKeyStatus.Unavailable:
                Context.Items[UnavailableItem] = true;
                return AuthenticateResult.Fail("The API key could not be checked now.");
            default:
                ApiKeyLog.Refused(Logger, key.KeyId);
                return AuthenticateResult.Fail("The API key is not valid.");
        }
    }

    /// <summary>
    /// 401 with <c>WWW-Authenticate: ApiKey</c>; or, when the registry could not be asked, 503 with
    /// <c>Retry-After</c>, because the key may well be good and the partner should try again rather than
    /// conclude it was revoked. The problem body is written by the status code pages.
    /// </summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(UnavailableItem))
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "5";
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate, SchemeName);
        return Task.CompletedTask;
    }

    /// <summary>The one key presented, or null when there are several, or a bearer token beside it.</summary>
    private static string? Presented(HttpRequest request)
    {
        var fromHeader = request.Headers[Header];
        var authorization = request.Headers.Authorization;
        if (fromHeader.Count > 1 || authorization.Count > 1)
        {
            return null;
        }

        var fromAuthorization = authorization.ToString() is var value && value.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase)
            ? value[(SchemeName.Length + 1)..].Trim()
            : null;
        return (fromHeader.Count, fromAuthorization, authorization.Count) switch
        {
            (1, null, 0) => fromHeader.ToString().Trim(),
            (0, not null, _) => fromAuthorization,
            _ => null,
        };
    }
}
