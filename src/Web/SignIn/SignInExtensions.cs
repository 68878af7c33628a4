using System.Globalization;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Web.SignIn;

/// <summary>
/// People sign in with the OpenID Connect code flow and PKCE at the configured provider (<see cref="SignInOptions"/>)
/// and stay signed in with a cookie that holds their tokens; the Refit clients send the access token on
/// (<see cref="AccessTokenHandler"/>). A page that needs a person says <c>@attribute [Authorize]</c>; what they may
/// do is the services' decision.
/// </summary>
public static class SignInExtensions
{
    /// <summary>The default scheme: the person's cookie, or a bearer token or API key when the request presents one.</summary>
    public const string Scheme = "web";

    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string ProviderScheme = OpenIdConnectDefaults.AuthenticationScheme;

    private const string ChallengeScheme = "web-challenge";

    public const string SignInPath = "/signin";

    public const string SignOutPath = "/signout";

    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions();
        builder.Services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddTransient<AccessTokenHandler>();
        builder.Services.AddCascadingAuthenticationState();
        if (settings.KeysFolder is { Length: > 0 } keys)
        {
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("concordat-web");
        }

        // Set after AddServiceDefaults' bearer-and-API-key default, so these win: pages authenticate by cookie.
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = ChallengeScheme;
            })
            .AddPolicyScheme(Scheme, "The signed-in person, or a bearer token or API key", options => options.ForwardDefaultSelector = context =>
                PresentsCredentials(context.Request) ? AuthenticationExtensions.PolicySchemeName : CookieScheme)
            .AddPolicyScheme(ChallengeScheme, "Sign in at the provider", options => options.ForwardDefaultSelector = context =>
                PresentsCredentials(context.Request) ? AuthenticationExtensions.PolicySchemeName
                : settings.Enabled ? ProviderScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "concordat-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.SameSite = SameSiteMode.Lax;
                // The session ends when the access token does (set when signing in), never later, and does not slide.
                options.SlidingExpiration = false;
                options.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            });
        if (settings.Enabled)
        {
            authentication.AddOpenIdConnect(ProviderScheme, options =>
            {
                options.Authority = settings.Authority;
                options.ClientId = settings.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.ResponseType = "code";
                // The code comes back in the address (a GET), so no script posts a form and the Lax cookies travel.
                options.ResponseMode = "query";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SignInScheme = CookieScheme;
                options.SignOutScheme = CookieScheme;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.TokenValidationParameters.NameClaimType = ConcordatClaims.Name;
                options.TokenValidationParameters.RoleClaimType = ConcordatClaims.Role;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Events.OnTokenValidated = context =>
                {
                    if (context.TokenEndpointResponse?.ExpiresIn is { } seconds
                        && int.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var lifetime))
                    {
                        context.Properties!.ExpiresUtc = DateTimeOffset.UtcNow.AddSeconds(lifetime);
                    }

                    context.Properties!.IsPersistent = false;
                    context.Properties.AllowRefresh = false;
                    return Task.CompletedTask;
                };
            });
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /signin?returnUrl=/my/bodies</c> sends the person to the provider and back: a plain link, since signing
    /// someone in changes nothing they had. <c>POST /signout</c>, with the antiforgery token (the header's "Sign out"
    /// button), ends the session here and at the provider; <c>GET /signout</c> is a page offering that button
    /// (<see cref="SignOutPage"/>), so a link or an image on another site cannot sign anyone out. The POST's answer
    /// redirects to the provider, which the pages' policy allows forms to go on to (the gateway's
    /// <c>Gateway:SignInProvider</c>).
    /// </summary>
    public static WebApplication MapSignIn(this WebApplication app)
    {
        app.MapGet(SignInPath, (string? returnUrl) => TypedResults.Challenge(
            new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [ChallengeScheme])).Public();
        // Before the sign-out page's own endpoint at the same address, which Blazor maps for GET and POST.
        app.MapPost(SignOutPath, SignOutAsync).Public().WithOrder(-1);
        return app;
    }

    private static async Task<Results<SignOutHttpResult, RedirectHttpResult, BadRequest>> SignOutAsync(
        HttpContext context, IAntiforgery antiforgery, Microsoft.Extensions.Options.IOptions<SignInOptions> options)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var signedIn = context.User.Identity?.IsAuthenticated == true;
        await context.SignOutAsync(CookieScheme);
        return signedIn && options.Value.Enabled
            ? TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [ProviderScheme])
            : TypedResults.LocalRedirect("/");
    }

    /// <summary>Only an address on this site: a sign-in link must not become a way to send people elsewhere.</summary>
    private static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    /// <summary>
    /// A redirect to another origin (the provider) answering Blazor's enhanced navigation, which is a fetch, would
    /// fail there; Blazor's own header tells the page to go there itself instead.
    /// </summary>
    public static WebApplication UseEnhancedNavigationRedirects(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Headers.Accept.ToString().Contains("blazor-enhanced-nav", StringComparison.Ordinal))
            {
                context.Response.OnStarting(() =>
                {
                    var response = context.Response;
                    if (response.StatusCode is StatusCodes.Status302Found or StatusCodes.Status303SeeOther
                        && Uri.TryCreate(response.Headers.Location.ToString(), UriKind.Absolute, out var target)
                        && !string.Equals(target.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
                    {
                        response.StatusCode = StatusCodes.Status200OK;
                        response.Headers["blazor-enhanced-nav-redirect-location"] = target.ToString();
                        response.Headers.Location = default;
                    }

                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// A page answered to a signed-in person is theirs alone (what they hold, a key or secret shown once), so no cache
    /// keeps it: not the browser's back-forward history on a shared council machine, not a proxy. Run after
    /// authentication.
    /// </summary>
    public static WebApplication UseNoStoreWhenSignedIn(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                // Pages only: the styles and scripts are the same for everyone and stay cacheable.
                if (context.User.Identity?.IsAuthenticated == true
                    && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    context.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static bool PresentsCredentials(HttpRequest request) =>
        ApiKeyAuthenticationHandler.IsPresentedBy(request)
        || request.Headers.Authorization.ToString().StartsWith(JwtBearerDefaults.AuthenticationScheme + " ", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
