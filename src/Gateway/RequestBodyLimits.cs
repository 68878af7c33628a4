using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Concordat.Gateway;

/// <summary>
/// A maximum request body size (<c>Gateway:MaxRequestBodyBytes</c>), larger on the paths that need it
/// (<c>Gateway:RouteBodyLimits</c>, e.g. the registry's import). A body over the limit is answered with 413
/// problem details before any of it is forwarded, whether its length was declared or it arrives chunked.
/// </summary>
public static class RequestBodyLimits
{
    public const string Section = "Gateway";

    public static WebApplicationBuilder AddRequestBodyLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestBodyLimitOptions>()
            .Bind(builder.Configuration.GetSection(Section))
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.RouteBodyLimits.Values.All(r => r.MaxRequestBodyBytes > 0 && r.PathPrefix.StartsWith('/')),
                "Gateway:MaxRequestBodyBytes and each Gateway:RouteBodyLimits entry need a positive size; each entry's PathPrefix starts with '/'.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<IOptions<RequestBodyLimitOptions>>().Value;
        app.Use(async (context, next) =>
        {
            var limit = limits.For(context.Request.Path);
            // Kestrel enforces this on every read of the body, with a BadHttpRequestException (413) that the
            // problem details handler answers; YARP reads through it too.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maximum)
            {
                maximum.MaxRequestBodySize = limit;
            }

            if (context.Request.ContentLength > limit)
            {
                await RefuseAsync(context, limit);
                return;
            }

            if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                // A body of undeclared length (chunked) could only be found too large part-way through forwarding
                // it, so read it here, up to the limit (in memory, then a temporary file), and forward it from there.
                context.Request.EnableBuffering();
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                context.Request.Body.Position = 0;
            }

            await next(context);
        });
        return app;
    }

    private static async Task RefuseAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
                Title = "The request body is too large.",
                Detail = $"The body is {context.Request.ContentLength} bytes; {context.Request.Path} accepts at most {limit} bytes.",
            },
        });
    }
}

/// <summary>The body size limits in the <c>Gateway</c> section.</summary>
public sealed class RequestBodyLimitOptions
{
    public const long Mebibyte = 1024 * 1024;

    /// <summary>Every request body, unless a <see cref="RouteBodyLimits">route's limit</see> says otherwise.</summary>
    public long MaxRequestBodyBytes { get; set; } = Mebibyte;

    /// <summary>Larger (or smaller) limits by path, each under a name so configuration sources can change one entry.</summary>
    public Dictionary<string, RouteBodyLimit> RouteBodyLimits { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["registry-import"] = new() { PathPrefix = "/api/registry/import", MaxRequestBodyBytes = 10 * Mebibyte },
    };

    /// <summary>The limit for <paramref name="path"/>: the entry with the longest matching prefix (whole segments), else the default.</summary>
    public long For(PathString path) =>
        RouteBodyLimits.Values
            .Where(r => path.StartsWithSegments(r.PathPrefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.PathPrefix.Length)
            .Select(r => (long?)r.MaxRequestBodyBytes)
            .FirstOrDefault() ?? MaxRequestBodyBytes;
}

/// <summary>A body size limit for the paths under <see cref="PathPrefix"/> (whole segments: <c>/api/registry/import</c> and <c>/api/registry/import/…</c>).</summary>
public sealed class RouteBodyLimit
{
    public string PathPrefix { get; set; } = "";

    public long MaxRequestBodyBytes { get; set; }
}
