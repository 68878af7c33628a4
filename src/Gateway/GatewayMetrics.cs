using System.Diagnostics.Metrics;

namespace Concordat.Gateway;

/// <summary>The gateway's own measurements, on meter <c>Concordat.Gateway</c> (exported with the other <c>Concordat.*</c> meters).</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Concordat.Gateway";
    public const string RateLimitedName = "concordat.gateway.rate_limited";

    /// <summary>The tag saying what kind of client was refused; never which client, which would be a secret and unbounded.</summary>
    public const string ClientKindTag = "client.kind";

    private readonly Counter<long> _rateLimited;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rateLimited = meter.CreateCounter<long>(
            RateLimitedName, unit: "{request}", description: "Requests refused with 429 because their client was over its rate limit.");
    }

    public void RateLimited(RequestClient client) =>
        _rateLimited.Add(1, new KeyValuePair<string, object?>(ClientKindTag, client.Kind));
}
