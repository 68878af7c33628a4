using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Scalar.AspNetCore;

namespace Concordat.Gateway;

/// <summary>
/// The API reference at <c>/docs</c> (the gateway's root is the web application): an API reference (Scalar, served from its own package, so it
/// works with no internet) over each service's OpenAPI document as the gateway serves it. Public, like the
/// documents; it says that reads are public and how to get a token for writes.
/// </summary>
public static class ApiReference
{
    private const string HowToSignIn = """
        <div style="font-family: system-ui, sans-serif; padding: 0.75rem 1.5rem; border-bottom: 1px solid #ccc; background: #f3f2f1; color: #0b0c0c">
          <strong>Concordat API.</strong> Reads are public. Writes need a bearer token from your council's identity provider
          &mdash; on a development machine, <code>./concordat token platform_admin</code> prints one (or
          <code>./concordat token clerk --subject demo-joanna-pryce</code> for a demo clerk) &mdash; sent as
          <code>Authorization: Bearer &hellip;</code>, or a partner organisation's API key sent as <code>X-Api-Key</code>.
          Who may do what: <code>docs/security.md</code>.
        </div>
        """;

    /// <summary>Where the reference lives.</summary>
    public const string Path = "/docs/";

    /// <summary>
    /// Maps the reference at <see cref="Path"/> (with its script beside it). The reference answers every path below its
    /// own, so it has a prefix of its own rather than the root, which belongs to the web application.
    /// </summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path.TrimEnd('/'), options =>
        {
            options.WithTitle("Concordat API")
                .AddHeaderContent(HowToSignIn)
                .DisableDefaultFonts()
                .DisableTelemetry();
            foreach (var service in ResourceNames.Services)
            {
                options.AddDocument(service, $"{char.ToUpperInvariant(service[0])}{service[1..]}", $"/openapi/{service}.json", isDefault: service == ResourceNames.Registry);
            }
        }).Public();
        return app;
    }
}
