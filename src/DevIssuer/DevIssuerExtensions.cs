using System.Net;
using System.Security.Cryptography;
using System.Text;
using Concordat.LocalServers;
using Concordat.ServiceDefaults.Access;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Concordat.DevIssuer;

/// <summary>
/// A development-only OpenID Connect provider, written by hand (see docs/security.md for why no library): discovery,
/// the key set, the sign-in page at the authorization endpoint, and a token endpoint for the authorization code flow
/// with PKCE (S256), for confidential and public clients. It signs with the development issuer's key, so its tokens
/// are the ones <c>./concordat token</c> prints and every service validates them unchanged.
/// </summary>
public static class DevIssuerExtensions
{
    /// <summary>Refuses to run outside Development; reads <see cref="DevIssuerOptions"/> and the key.</summary>
    public static WebApplicationBuilder AddDevIssuer(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"The development issuer runs only in the Development environment, not in '{builder.Environment.EnvironmentName}': its page signs anyone in as anyone.");
        }

        builder.Services.AddOptions<DevIssuerOptions>().BindConfiguration(DevIssuerOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuthorizationCodes>();
        // Every endpoint here is public; a partner's API key means nothing to it.
        builder.Services.AddSingleton<Concordat.ServiceDefaults.IApiKeyVerifier, NoApiKeys>();
        builder.Services.AddSingleton(services => DevelopmentIssuer.LoadOrCreate(services.GetRequiredService<IOptions<DevIssuerOptions>>().Value.KeyFolder));
        return builder;
    }

    /// <summary>Answers only callers on this machine: the page signs in as anyone, so it must never be reachable from elsewhere.</summary>
    public static WebApplication UseLoopbackOnly(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Connection.RemoteIpAddress is { } address
                && !IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static WebApplication MapDevIssuer(this WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", Discovery).Public();
        app.MapGet("/jwks", (DevelopmentIssuer issuer) => Results.Text(File.ReadAllText(issuer.SigningKeysFile), "application/json")).Public();
        app.MapGet(SignInPage.StylesheetPath, () => Results.Text(SignInPage.Stylesheet, "text/css")).Public();
        app.MapGet("/authorize", ShowSignIn).Public();
        app.MapPost("/authorize", SignIn).Public().DisableAntiforgery();
        app.MapPost("/token", TokenAsync).Public().DisableAntiforgery();
        app.MapGet("/logout", SignOut).Public();
        return app;
    }

    /// <summary>What discovery says that does not depend on the address it was asked at.</summary>
    private static readonly Dictionary<string, object> Capabilities = new()
    {
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["grant_types_supported"] = new[] { "authorization_code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
        ["scopes_supported"] = new[] { "openid", "profile" },
        ["claims_supported"] = new[] { "sub", "name", "role", "organisation", "nonce", "auth_time" },
    };

    private static IResult Discovery(HttpRequest request, DevelopmentIssuer issuer)
    {
        // The endpoints at the address the caller used: the browser and the web application both reach it on loopback.
        var origin = $"{request.Scheme}://{request.Host}";
        var document = new Dictionary<string, object>(Capabilities)
        {
            ["issuer"] = issuer.Issuer,
            ["authorization_endpoint"] = origin + "/authorize",
            ["token_endpoint"] = origin + "/token",
            ["jwks_uri"] = origin + "/jwks",
            ["end_session_endpoint"] = origin + "/logout",
        };
        return Results.Json(document);
    }

    private static IResult ShowSignIn(HttpRequest request, IOptions<DevIssuerOptions> options) =>
        Answer(AuthorizationRequest.From(name => request.Query[name]), options.Value, page: request => Page(SignInPage.Render(request, null, null)));

    private static async Task<IResult> SignIn(HttpRequest request, IOptions<DevIssuerOptions> options, AuthorizationCodes codes)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var authorization = AuthorizationRequest.From(name => form[name]);
        return Answer(authorization, options.Value, page: authorization =>
        {
            if (DemoPeople.Find(form["person"].ToString()) is not { } person)
            {
                return Page(SignInPage.Render(authorization, "Choose who to sign in as", null), StatusCodes.Status400BadRequest);
            }

            var chosen = form["roles"].OfType<string>().Where(r => Concordat.ServiceDefaults.ConcordatClaims.Roles.Contains(r)).Distinct().ToList();
            var code = codes.Issue(expires => new AuthorizationGrant(
                authorization.ClientId!, authorization.RedirectUri!, authorization.CodeChallenge!, authorization.Nonce, person,
                chosen.Count > 0 ? chosen : person.Roles, expires));
            return Results.Redirect(authorization.Answer(("code", code)));
        });
    }

    /// <summary>
    /// Shows a request that cannot be answered at its redirect address; sends other refusals back to the client as
    /// OAuth errors; otherwise <paramref name="page"/>.
    /// </summary>
    private static IResult Answer(AuthorizationRequest request, DevIssuerOptions options, Func<AuthorizationRequest, IResult> page) =>
        request.UnanswerableBecause(options) is { } why ? Page(SignInPage.Refused(why), StatusCodes.Status400BadRequest)
        : request.Refusal() is { } refusal ? Results.Redirect(request.Answer(("error", refusal.Error), ("error_description", refusal.Description)))
        : page(request);

    private static async Task<IResult> TokenAsync(
        HttpRequest request, IOptions<DevIssuerOptions> options, AuthorizationCodes codes, DevelopmentIssuer issuer, TimeProvider time)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId is null || !options.Value.Clients.TryGetValue(clientId, out var client)
            || (!client.IsPublic && !SameSecret(client.Secret!, secret)))
        {
            return Error("invalid_client", "The client is unknown or its secret is wrong.", StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code")
        {
            return Error("unsupported_grant_type", "Only the authorization_code grant is supported.");
        }

        var grant = codes.Redeem(form["code"]);
        if (grant is null || grant.ClientId != clientId)
        {
            return Error("invalid_grant", "The code is unknown, used already, expired, or was issued to another client.");
        }

        if (grant.RedirectUri != form["redirect_uri"])
        {
            return Error("invalid_grant", "The redirect_uri is not the one the code was issued for.");
        }

        if (!Verifies(form["code_verifier"].ToString(), grant.CodeChallenge))
        {
            return Error("invalid_grant", "The code_verifier does not match the code_challenge (PKCE, S256).");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(options.Value.TokenMinutes);
        var person = grant.Person;
        // Exactly the token the services expect (iss concordat-dev, aud concordat, sub, role, organisation, name).
        var accessToken = issuer.IssueToken(new TokenRequest
        {
            Subject = person.Subject, Name = person.Name, Roles = grant.Roles, Organisation = person.Organisation?.ToString(),
            IssuedAt = now, Lifetime = lifetime,
        });
        var idClaims = new Dictionary<string, object> { ["auth_time"] = EpochTime.GetIntDate(now), ["azp"] = clientId };
        if (grant.Nonce is not null)
        {
            idClaims["nonce"] = grant.Nonce;
        }

        var idToken = issuer.IssueToken(new TokenRequest
        {
            Subject = person.Subject, Name = person.Name, Roles = grant.Roles, Organisation = person.Organisation?.ToString(),
            Audience = clientId, IssuedAt = now, Lifetime = lifetime, OtherClaims = idClaims,
        });
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["id_token"] = idToken,
            ["scope"] = "openid profile",
        });
    }

    private static IResult SignOut(HttpRequest request, IOptions<DevIssuerOptions> options)
    {
        var back = request.Query["post_logout_redirect_uri"].ToString();
        if (back.Length > 0 && options.Value.Clients.Values.Any(c => c.PostLogoutRedirectUris.Contains(back, StringComparer.Ordinal)))
        {
            var state = request.Query["state"].ToString();
            return Results.Redirect(state.Length > 0 ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(back, "state", state) : back);
        }

        return Page(SignInPage.SignedOut());
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim())).Split(':', 2);
                return pair.Length == 2 ? (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1])) : (null, null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private static bool SameSecret(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))) equals the challenge; the verifier is 43 to 128 characters.</summary>
    private static bool Verifies(string verifier, string challenge) =>
        verifier.Length is >= 43 and <= 128
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))), Encoding.ASCII.GetBytes(challenge));

    private static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static HtmlPage Page(string html, int status = StatusCodes.Status200OK) => new(html, status);

    /// <summary>An HTML answer with its own content security policy: its stylesheet from here, no script, never framed.</summary>
    private sealed class HtmlPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.CacheControl = "no-store";
            return context.Response.WriteAsync(html, context.RequestAborted);
        }
    }

    private sealed class NoApiKeys : Concordat.ServiceDefaults.IApiKeyVerifier
    {
        public Task<Concordat.ServiceDefaults.ApiKeyCheck> VerifyAsync(Concordat.ServiceDefaults.PartnerApiKey key, CancellationToken cancellationToken) =>
            Task.FromResult(Concordat.ServiceDefaults.ApiKeyCheck.Refused);
    }
}
