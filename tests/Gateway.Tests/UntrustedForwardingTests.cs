using System.Diagnostics;
using System.Net;

namespace Concordat.Gateway.Tests;

/// <summary>The gateway as deployed with no proxy in front: <c>Gateway:TrustedProxies</c> left empty.</summary>
public sealed class GatewayWithoutTrustedProxies : GatewayFactory
{
    public const int AnonymousBurst = 3;
    public const int PermitsPerSecond = 1;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway:RateLimits:Anonymous:PermitsPerSecond"] = $"{PermitsPerSecond}",
        ["Gateway:RateLimits:Anonymous:Burst"] = $"{AnonymousBurst}",
    };
}

public sealed class UntrustedForwardingTests(GatewayWithoutTrustedProxies gateway) : IClassFixture<GatewayWithoutTrustedProxies>
{
    [Fact]
    public async Task With_no_trusted_proxy_a_client_naming_a_new_address_each_time_is_still_limited_by_its_own()
    {
        using var client = gateway.CreateClient();
        var clock = Stopwatch.StartNew();

        var served = 0;
        while (true)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/cycle/bodies");
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{served % 250}");
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(++served < 1_000, "1,000 requests in a row were served: the forwarded address was believed.");
        }

        var mostAllowed = GatewayWithoutTrustedProxies.AnonymousBurst
            + (GatewayWithoutTrustedProxies.PermitsPerSecond * ((int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1));
        Assert.InRange(served, GatewayWithoutTrustedProxies.AnonymousBurst, mostAllowed);
    }

    [Fact]
    public async Task A_forwarded_address_from_an_untrusted_client_is_not_passed_on_to_the_services()
    {
        using var client = gateway.CreateClient();
        var path = $"/api/registry/bodies/{Guid.NewGuid():N}";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.7");
        // Identified, so the anonymous budget another test here spends on this address does not matter.
        request.Headers.Add(RequestClient.ApiKeyHeader, Concordat.ServiceDefaults.PartnerApiKey.Generate().Value);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["127.0.0.1"], gateway.Backend.ForwardedForAt(path));
    }
}
