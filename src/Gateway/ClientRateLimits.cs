using System.Globalization;
using System.Threading.RateLimiting;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Concordat.Gateway;

/// <summary>
/// Rate limits per client (<see cref="RequestClient"/>: the validated token's identity, else the address), with
/// ASP.NET Core's limiter: a token bucket per client, and a ceiling per address that every request also counts
/// against. Must run after authentication, which is what makes the identity trustworthy. A refused request gets 429 as
/// problem details with <c>Retry-After</c> in whole seconds, and is never forwarded. <c>/health/*</c> is never limited.
/// A web page's own files (its styles, scripts and icons) count only against the address's ceiling, not the client's
/// budget: a person opening one page fetches several, and the anonymous budget is sized for pages and API calls.
/// Limits are read at start from <c>Gateway:RateLimits</c> and are per gateway replica.
/// </summary>
public static class ClientRateLimits
{
    public const string Section = "Gateway:RateLimits";

    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientRateLimitOptions>()
            .Bind(builder.Configuration.GetSection(Section))
            .Validate(o => o.Identified.IsValid && o.Anonymous.IsValid && o.PerAddress.IsValid && o.RefusedCredentials.IsValid,
                $"Every budget under {Section} needs PermitsPerSecond and Burst of at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RefuseAsync;
        });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<ClientRateLimitOptions>>((options, limits) => options.GlobalLimiter = Limiter(limits.Value));
        builder.Services.AddSingleton<IRefusedCredentialsLimit, RefusedCredentialsLimit>();
        return builder;
    }

    /// <summary>
    /// Two buckets per request, both of which must have a token: its client's, and its address's. The second
    /// bounds everything from one place, however many valid identities it holds (an identity provider may let
    /// anyone register), and however many anonymous requests it adds.
    /// </summary>
    private static PartitionedRateLimiter<HttpContext> Limiter(ClientRateLimitOptions limits) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (IsHealth(context))
                {
                    return RateLimitPartition.GetNoLimiter("health");
                }

                if (IsPageAsset(context.Request.Path))
                {
                    return RateLimitPartition.GetNoLimiter("page-assets");
                }

                var client = RequestClient.Of(context);
                var budget = client.IsIdentified ? limits.Identified : limits.Anonymous;
                return RateLimitPartition.GetTokenBucketLimiter(client.PartitionKey, _ => budget.TokenBucket());
            }),
            PartitionedRateLimiter.Create<HttpContext, string>(context => IsHealth(context)
                ? RateLimitPartition.GetNoLimiter("health")
                : RateLimitPartition.GetTokenBucketLimiter(RequestClient.AddressOf(context), _ => limits.PerAddress.TokenBucket())));

    // Kubernetes probes the gateway every few seconds; a limited probe would take a healthy replica out of service.
    private static bool IsHealth(HttpContext context) => context.Request.Path.StartsWithSegments("/health");

    private static readonly HashSet<string> PageAssetExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".css", ".js", ".mjs", ".map", ".svg", ".png", ".ico", ".woff", ".woff2", ".webmanifest",
    };

    /// <summary>
    /// A file a web page loads with it, by its extension, outside the machines' address spaces (an API answer is never
    /// one, whatever its path ends with). Only the web application answers these, mostly from its fingerprinted,
    /// cached static assets.
    /// </summary>
    internal static bool IsPageAsset(PathString path) =>
        path.HasValue
        && !GatewayRoutes.ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
        && PageAssetExtensions.Contains(Path.GetExtension(path.Value!));

    private static ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken) =>
        RefuseAsync(rejected.HttpContext, rejected.Lease, client => $"This {client.Kind} client has used its request budget for now.");

    /// <summary>Answers 429 as problem details with <c>Retry-After</c>, and counts the refusal.</summary>
    internal static async ValueTask RefuseAsync(HttpContext context, RateLimitLease lease, Func<RequestClient, string> why)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        // The token bucket says when the next token arrives; HTTP counts in whole seconds, and 0 would invite a retry storm.
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var client = RequestClient.Of(context);
        context.RequestServices.GetRequiredService<GatewayMetrics>().RateLimited(client);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                Title = "Too many requests.",
                Detail = $"{why(client)} Try again in {seconds} s.",
            },
        });
    }
}

/// <summary>The <c>Gateway:RateLimits</c> section: one budget per kind of client, and one per address.</summary>
public sealed class ClientRateLimitOptions
{
    /// <summary>A client with a valid bearer token, one bucket per subject (or machine client): a partner's system or an officer's session.</summary>
    public RequestBudget Identified { get; set; } = new() { PermitsPerSecond = 20, Burst = 100 };

    /// <summary>A client known only by its address: the public reading published decisions.</summary>
    public RequestBudget Anonymous { get; set; } = new() { PermitsPerSecond = 5, Burst = 20 };

    /// <summary>
    /// The ceiling for everything from one address, identified or not. Above one identified client's budget,
    /// so that several partners' systems behind one council's address are not squeezed.
    /// </summary>
    public RequestBudget PerAddress { get; set; } = new() { PermitsPerSecond = 100, Burst = 400 };

    /// <summary>
    /// Requests refused for a token or key that does not validate, per address. They never reach the other buckets (there
    /// is no identity to key them on), so without this a flood of forged tokens would be answered without limit.
    /// </summary>
    public RequestBudget RefusedCredentials { get; set; } = new() { PermitsPerSecond = 5, Burst = 20 };
}

/// <summary>
/// The <see cref="ClientRateLimitOptions.RefusedCredentials"/> budget: each refused token or key takes a token from its
/// address's bucket; when the bucket is empty the answer is 429 rather than 401, still never forwarded.
/// </summary>
internal sealed class RefusedCredentialsLimit(IOptions<ClientRateLimitOptions> limits) : IRefusedCredentialsLimit, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetTokenBucketLimiter(RequestClient.AddressOf(context), _ => limits.Value.RefusedCredentials.TokenBucket()));

    public async ValueTask<bool> TryCountAsync(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return true;
        }

        await ClientRateLimits.RefuseAsync(context, lease, _ => "Too many requests from this address presented a token or key that is not valid.");
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>A token bucket: a client may send <see cref="Burst"/> requests at once, then <see cref="PermitsPerSecond"/> a second.</summary>
public sealed class RequestBudget
{
    public int PermitsPerSecond { get; set; }

    public int Burst { get; set; }

    internal bool IsValid => PermitsPerSecond >= 1 && Burst >= 1;

    // No queue: a request over the limit is answered at once rather than held open at the edge.
    internal TokenBucketRateLimiterOptions TokenBucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
