using Yarp.ReverseProxy.Model;

namespace Concordat.Gateway;

/// <summary>
/// The headers an API should send with every answer, set at the one public address so that every service, and every
/// refusal the gateway makes itself (401, 413, 429), carries them: no content sniffing (a JSON or CSV answer is never
/// run as script or HTML), never framed, no active content at all, no referrer leaked, and HSTS over HTTPS. The
/// <c>Server</c> header, which only tells an attacker what to try, is dropped. The one page the gateway serves, the
/// API reference, gets a policy of its own that lets it run its own script and call this origin, and nothing else;
/// the web application's pages get <see cref="WebPagePolicy"/>.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// For the API reference under <see cref="ApiReference.Path"/>: its script and styles from this origin (and the
    /// inline start-up script the reference package writes), documents and "try it" requests to this origin only.
    /// </summary>
    public const string ReferencePagePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'";

    /// <summary>
    /// For the web application's pages: styles, scripts, images and fonts from this origin only, no inline script or
    /// style, forms posted only here, never framed.
    /// </summary>
    public const string WebPagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// <c>Gateway:SignInProvider</c>: the origin of the identity provider the web application signs people in at
    /// (its <c>Web:SignIn:Authority</c>), or empty. Signing out is a form posted to the web application whose answer
    /// redirects to the provider's end-session endpoint, and browsers hold that redirect to the page's
    /// <c>form-action</c> too; so the pages' policy lets forms go on to this origin, and to no other.
    /// </summary>
    public const string SignInProviderSetting = "Gateway:SignInProvider";

    /// <summary><see cref="WebPagePolicy"/>, with the sign-in provider's origin added to <c>form-action</c> when there is one.</summary>
    public static string WebPagePolicyFor(string? signInProvider)
    {
        if (string.IsNullOrWhiteSpace(signInProvider))
        {
            return WebPagePolicy;
        }

        if (!Uri.TryCreate(signInProvider.Trim(), UriKind.Absolute, out var provider) || provider.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{SignInProviderSetting} must be the provider's absolute http(s) address, not '{signInProvider}'.");
        }

        return WebPagePolicy.Replace("form-action 'self'", "form-action 'self' " + provider.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
    }

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var webPagePolicy = WebPagePolicyFor(app.Configuration[SignInProviderSetting]);
        app.Use((context, next) =>
        {
            // On starting, so the values win over whatever a service sent and reach error answers too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReference.Path.TrimEnd('/'))
                    ? ReferencePagePolicy
                    : context.Features.Get<IReverseProxyFeature>()?.Route.Config.RouteId == GatewayRoutes.WebRoute
                        ? webPagePolicy
                        : ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.Remove("Server");
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
