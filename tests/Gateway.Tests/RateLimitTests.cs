using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.Gateway.Tests;

/// <summary>
/// Low limits, and the test's own client acting as the trusted proxy (loopback) that says in
/// <c>X-Forwarded-For</c> which address each request comes from: every test uses addresses of its own, so
/// no two tests share a bucket.
/// </summary>
public sealed class RateLimitedGateway : GatewayFactory
{
    public const int IdentifiedBurst = 5;
    public const int AnonymousBurst = 3;
    public const int AddressBurst = 20;
    public const int PermitsPerSecond = 1;

    private static int s_lastAddress;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway:TrustedProxies:0"] = "127.0.0.1",
        ["Gateway:RateLimits:Identified:PermitsPerSecond"] = $"{PermitsPerSecond}",
        ["Gateway:RateLimits:Identified:Burst"] = $"{IdentifiedBurst}",
        ["Gateway:RateLimits:Anonymous:PermitsPerSecond"] = $"{PermitsPerSecond}",
        ["Gateway:RateLimits:Anonymous:Burst"] = $"{AnonymousBurst}",
        ["Gateway:RateLimits:PerAddress:PermitsPerSecond"] = $"{PermitsPerSecond}",
        ["Gateway:RateLimits:PerAddress:Burst"] = $"{AddressBurst}",
    };

    /// <summary>A client address no other test uses (from the documentation range 203.0.113.0/24 and onwards).</summary>
    public static string NextAddress()
    {
        var n = Interlocked.Increment(ref s_lastAddress);
        return $"203.0.{113 + (n / 250)}.{1 + (n % 250)}";
    }
}

public sealed class RateLimitTests(RateLimitedGateway gateway) : IClassFixture<RateLimitedGateway>
{
    private readonly HttpClient _client = gateway.CreateClient();

    [Fact]
    public async Task A_burst_above_the_limit_is_refused_with_a_429_problem_and_a_retry_after_of_at_least_a_second()
    {
        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey: NewKey());

        var refused = burst.Refused;
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.True(retryAfter >= 1, $"Retry-After was {retryAfter}");
    }

    [Fact]
    public async Task A_client_is_served_its_whole_burst_and_no_more_than_the_limit_allows()
    {
        var clock = Stopwatch.StartNew();
        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey: NewKey());

        Assert.InRange(burst.Served, RateLimitedGateway.IdentifiedBurst, MostAllowed(RateLimitedGateway.IdentifiedBurst, clock.Elapsed));
    }

    [Fact]
    public async Task Refused_requests_never_reach_the_backend()
    {
        var apiKey = NewKey();

        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey);

        Assert.Equal(burst.Served, gateway.Backend.ArrivedWithKey(apiKey));
    }

    [Fact]
    public async Task Another_client_with_its_own_key_is_served_while_one_is_refused()
    {
        var address = RateLimitedGateway.NextAddress();
        var other = NewKey();
        await BurstUntilRefusedAsync(address, apiKey: NewKey());

        // The other client is at the same address, in the same moment: its own bucket is full.
        for (var i = 0; i < RateLimitedGateway.IdentifiedBurst; i++)
        {
            using var response = await _client.SendAsync(Get("/api/registry/bodies", address, other));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_anonymous_client_is_known_by_its_address_so_another_address_is_served()
    {
        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey: null);

        using var response = await _client.SendAsync(Get("/api/registry/bodies", RateLimitedGateway.NextAddress(), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_identifies_a_client_apart_from_its_address()
    {
        var address = RateLimitedGateway.NextAddress();
        await BurstUntilRefusedAsync(address, apiKey: null);

        var request = Get("/api/registry/bodies", address, apiKey: null);
        request.Headers.Authorization = new("Bearer", NewKey());
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Addresses_a_client_writes_before_the_trusted_proxys_entry_buy_it_no_new_budget()
    {
        var address = RateLimitedGateway.NextAddress();
        var clock = Stopwatch.StartNew();

        // Each request claims a different origin to the left of what the trusted proxy saw.
        var n = 0;
        var burst = await BurstUntilRefusedAsync(() => Get("/api/registry/bodies", $"198.51.100.{++n % 250}, {address}", apiKey: null));

        Assert.InRange(burst.Served, RateLimitedGateway.AnonymousBurst, MostAllowed(RateLimitedGateway.AnonymousBurst, clock.Elapsed));
    }

    [Fact]
    public async Task Inventing_a_new_api_key_for_every_request_does_not_escape_the_limit_of_the_address()
    {
        var address = RateLimitedGateway.NextAddress();
        var clock = Stopwatch.StartNew();

        var burst = await BurstUntilRefusedAsync(() => Get("/api/registry/bodies", address, NewKey()));

        Assert.InRange(burst.Served, RateLimitedGateway.AddressBurst, MostAllowed(RateLimitedGateway.AddressBurst, clock.Elapsed));
    }

    [Fact]
    public async Task The_services_are_told_the_client_address_the_trusted_proxy_saw_not_what_the_client_claimed()
    {
        var address = RateLimitedGateway.NextAddress();
        var path = $"/api/registry/bodies/{Guid.NewGuid():N}";

        using var response = await _client.SendAsync(Get(path, $"198.51.100.9, {address}", apiKey: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([address], gateway.Backend.ForwardedForAt(path));
    }

    [Fact]
    public async Task Health_is_never_limited()
    {
        var address = RateLimitedGateway.NextAddress();
        await BurstUntilRefusedAsync(address, apiKey: null);

        for (var i = 0; i < RateLimitedGateway.AddressBurst + 5; i++)
        {
            foreach (var path in new[] { "/health/live", "/health/ready" })
            {
                using var response = await _client.SendAsync(Get(path, address, apiKey: null));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Refusals_are_counted_by_kind_of_client_and_never_by_client()
    {
        using var refusals = gateway.CountRefusals();

        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey: NewKey());
        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), apiKey: null);

        Assert.Equal(1, refusals.Of("identified"));
        Assert.Equal(1, refusals.Of("anonymous"));
        Assert.Equal([GatewayMetrics.ClientKindTag], refusals.TagNames);
    }

    /// <summary>
    /// What a token bucket can have served by now: its burst, plus what it refilled while the test ran
    /// (rounded up, and one more for a refill landing between the clock's reading and the request).
    /// </summary>
    private static int MostAllowed(int burst, TimeSpan elapsed) =>
        burst + (RateLimitedGateway.PermitsPerSecond * ((int)Math.Ceiling(elapsed.TotalSeconds) + 1));

    private Task<Burst> BurstUntilRefusedAsync(string address, string? apiKey) =>
        BurstUntilRefusedAsync(() => Get("/api/registry/bodies", address, apiKey));

    /// <summary>Sends requests one after another until one is refused; the limit must refuse well within 1,000.</summary>
    private async Task<Burst> BurstUntilRefusedAsync(Func<HttpRequestMessage> request)
    {
        for (var served = 0; served < 1_000; served++)
        {
            var response = await _client.SendAsync(request());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return new Burst(served, response);
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException("1,000 requests in a row were served: nothing limited them.");
    }

    private static HttpRequestMessage Get(string path, string forwardedFor, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (apiKey is not null)
        {
            request.Headers.Add(RequestClient.ApiKeyHeader, apiKey);
        }

        return request;
    }

    private static string NewKey() => Concordat.ServiceDefaults.PartnerApiKey.Generate().Value;

    private sealed record Burst(int Served, HttpResponseMessage Refused);
}
