using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.Testing;

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
    public const int RefusedCredentialsBurst = 4;

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
        ["Gateway:RateLimits:RefusedCredentials:PermitsPerSecond"] = $"{PermitsPerSecond}",
        ["Gateway:RateLimits:RefusedCredentials:Burst"] = $"{RefusedCredentialsBurst}",
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
        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), NewToken());

        await AssertTooManyRequestsAsync(burst.Refused);
    }

    [Fact]
    public async Task A_client_is_served_its_whole_burst_and_no_more_than_the_limit_allows()
    {
        var clock = Stopwatch.StartNew();
        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), NewToken());

        Assert.InRange(burst.Served, RateLimitedGateway.IdentifiedBurst, MostAllowed(RateLimitedGateway.IdentifiedBurst, clock.Elapsed));
    }

    [Fact]
    public async Task Refused_requests_never_reach_the_backend()
    {
        var token = NewToken();

        var burst = await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), token);

        Assert.Equal(burst.Served, gateway.Backend.ArrivedWithToken(token));
    }

    [Fact]
    public async Task Two_signed_in_clients_at_one_address_have_a_bucket_each()
    {
        var address = RateLimitedGateway.NextAddress();
        var (alice, bob) = (NewToken(), NewToken());

        // Interleaved, so each is served its own whole burst while the other spends its.
        for (var i = 0; i < RateLimitedGateway.IdentifiedBurst; i++)
        {
            using var forAlice = await _client.SendAsync(Get("/api/registry/bodies", address, alice));
            using var forBob = await _client.SendAsync(Get("/api/registry/bodies", address, bob));
            Assert.Equal(HttpStatusCode.OK, forAlice.StatusCode);
            Assert.Equal(HttpStatusCode.OK, forBob.StatusCode);
        }
    }

    [Fact]
    public async Task One_client_over_its_limit_is_refused_while_another_at_the_same_address_is_still_served()
    {
        var address = RateLimitedGateway.NextAddress();
        var other = NewToken();

        var burst = await BurstUntilRefusedAsync(address, NewToken());

        await AssertTooManyRequestsAsync(burst.Refused);
        for (var i = 0; i < RateLimitedGateway.IdentifiedBurst; i++)
        {
            using var response = await _client.SendAsync(Get("/api/registry/bodies", address, other));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_fresh_token_for_every_request_does_not_escape_the_limit_of_its_subject()
    {
        var subject = NewSubject();
        var clock = Stopwatch.StartNew();

        var burst = await BurstUntilRefusedAsync(() => Get(
            "/api/registry/bodies", RateLimitedGateway.NextAddress(), gateway.Tokens.Token(new TokenRequest { Subject = subject, Roles = ["partner"] })));

        Assert.InRange(burst.Served, RateLimitedGateway.IdentifiedBurst, MostAllowed(RateLimitedGateway.IdentifiedBurst, clock.Elapsed));
    }

    [Fact]
    public async Task A_machine_clients_tokens_without_a_subject_share_the_bucket_of_its_client_id()
    {
        var clientId = "partner-system-" + Guid.NewGuid().ToString("N");
        var clock = Stopwatch.StartNew();

        var burst = await BurstUntilRefusedAsync(() => Get(
            "/api/registry/bodies", RateLimitedGateway.NextAddress(), gateway.Tokens.Token(new TokenRequest { Subject = null, ClientId = clientId, Roles = ["partner"] })));

        Assert.InRange(burst.Served, RateLimitedGateway.IdentifiedBurst, MostAllowed(RateLimitedGateway.IdentifiedBurst, clock.Elapsed));
    }

    [Fact]
    public async Task An_anonymous_client_is_known_by_its_address_so_another_address_is_served()
    {
        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), token: null);

        using var response = await _client.SendAsync(Get("/api/registry/bodies", RateLimitedGateway.NextAddress(), token: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_page_s_styles_and_scripts_are_served_to_an_anonymous_person_beyond_the_anonymous_budget()
    {
        var address = RateLimitedGateway.NextAddress();
        await BurstUntilRefusedAsync(address, token: null);

        // The page's own files still arrive: a person whose budget went on pages is not left with an unstyled one.
        foreach (var asset in (string[])["/govuk-frontend/govuk-frontend.min.css", "/site.js", "/favicon.svg", "/_framework/blazor.web.js"])
        {
            using var response = await _client.SendAsync(Get(asset, address, token: null));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_page_s_files_still_count_against_the_address_ceiling()
    {
        var address = RateLimitedGateway.NextAddress();
        var clock = Stopwatch.StartNew();

        var burst = await BurstUntilRefusedAsync(() => Get("/site.css", address, token: null));

        await AssertTooManyRequestsAsync(burst.Refused);
        Assert.InRange(burst.Served, RateLimitedGateway.AddressBurst, MostAllowed(RateLimitedGateway.AddressBurst, clock.Elapsed));
    }

    [Fact]
    public async Task An_api_address_that_ends_like_a_file_is_still_an_api_call_within_the_client_s_budget()
    {
        var address = RateLimitedGateway.NextAddress();
        var clock = Stopwatch.StartNew();

        var burst = await BurstUntilRefusedAsync(() => Get("/api/registry/bodies.css", address, token: null));

        Assert.InRange(burst.Served, RateLimitedGateway.AnonymousBurst, MostAllowed(RateLimitedGateway.AnonymousBurst, clock.Elapsed));
    }

    [Fact]
    public async Task A_valid_bearer_token_identifies_a_client_apart_from_its_address()
    {
        var address = RateLimitedGateway.NextAddress();
        await BurstUntilRefusedAsync(address, token: null);

        using var response = await _client.SendAsync(Get("/api/registry/bodies", address, NewToken()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Each_partner_api_key_is_a_client_of_its_own_apart_from_its_address()
    {
        var address = RateLimitedGateway.NextAddress();
        var (mine, theirs) = (NewKey(), NewKey());

        var burst = await BurstUntilRefusedAsync(() => WithKey(Get("/api/registry/bodies", address, token: null), mine));

        // The key's holder gets the identified budget (not the address's anonymous one), and the partner
        // with the other key, at the same address, is still served.
        Assert.True(burst.Served >= RateLimitedGateway.IdentifiedBurst, $"served {burst.Served}");
        await AssertTooManyRequestsAsync(burst.Refused);
        using var other = await _client.SendAsync(WithKey(Get("/api/registry/bodies", address, token: null), theirs));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("signed by another key")]
    [InlineData("expired")]
    [InlineData("for another audience")]
    [InlineData("unsigned (alg none)")]
    [InlineData("HS256 with the public key as secret")]
    public async Task A_token_that_does_not_validate_is_refused_with_a_401_problem_and_never_reaches_the_backend(string kind)
    {
        using var stranger = new TestIssuer();
        var claims = new TokenRequest { Subject = NewSubject(), Roles = ["platform_admin"] };
        var token = kind switch
        {
            // Same issuer name and audience, but signed with another key: a forgery, or a token from the wrong issuer.
            "signed by another key" => stranger.Token(claims),
            "expired" => gateway.Tokens.Token(claims with { IssuedAt = DateTime.UtcNow.AddHours(-2), Lifetime = TimeSpan.FromMinutes(30) }),
            "for another audience" => gateway.Tokens.Token(claims with { Audience = "someone-else" }),
            "unsigned (alg none)" => TestIssuer.UnsignedToken(claims.Subject!),
            _ => gateway.Tokens.SignedWithPublicKeyAsSecret(claims),
        };

        using var response = await _client.SendAsync(Get("/api/registry/bodies", RateLimitedGateway.NextAddress(), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal(0, gateway.Backend.ArrivedWithToken(token));
    }

    [Fact]
    public async Task A_flood_of_forged_tokens_from_one_address_is_throttled_with_a_429_problem()
    {
        using var stranger = new TestIssuer();
        var address = RateLimitedGateway.NextAddress();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;

        for (var i = 0; i < 3 * RateLimitedGateway.RefusedCredentialsBurst && refused is null; i++)
        {
            var response = await _client.SendAsync(Get("/api/registry/bodies", address, stranger.Token(new TokenRequest { Subject = NewSubject(), Roles = ["platform_admin"] })));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        await AssertTooManyRequestsAsync(refused);
        Assert.All(statuses.SkipLast(1), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.InRange(statuses.Count - 1, RateLimitedGateway.RefusedCredentialsBurst, 2 * RateLimitedGateway.RefusedCredentialsBurst);
        using var honest = await _client.SendAsync(Get("/api/registry/bodies", RateLimitedGateway.NextAddress(), stranger.Token(new TokenRequest { Subject = NewSubject() })));
        Assert.Equal(HttpStatusCode.Unauthorized, honest.StatusCode);
    }

    [Fact]
    public async Task Addresses_a_client_writes_before_the_trusted_proxys_entry_buy_it_no_new_budget()
    {
        var address = RateLimitedGateway.NextAddress();
        var clock = Stopwatch.StartNew();

        // Each request claims a different origin to the left of what the trusted proxy saw.
        var n = 0;
        var burst = await BurstUntilRefusedAsync(() => Get("/api/registry/bodies", $"198.51.100.{++n % 250}, {address}", token: null));

        Assert.InRange(burst.Served, RateLimitedGateway.AnonymousBurst, MostAllowed(RateLimitedGateway.AnonymousBurst, clock.Elapsed));
    }

    [Fact]
    public async Task The_services_are_told_the_client_address_the_trusted_proxy_saw_not_what_the_client_claimed()
    {
        var address = RateLimitedGateway.NextAddress();
        var path = $"/api/registry/bodies/{Guid.NewGuid():N}";

        using var response = await _client.SendAsync(Get(path, $"198.51.100.9, {address}", token: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([address], gateway.Backend.ForwardedForAt(path));
    }

    [Fact]
    public async Task Health_is_never_limited()
    {
        var address = RateLimitedGateway.NextAddress();
        await BurstUntilRefusedAsync(address, token: null);

        for (var i = 0; i < RateLimitedGateway.AddressBurst + 5; i++)
        {
            foreach (var path in new[] { "/health/live", "/health/ready" })
            {
                using var response = await _client.SendAsync(Get(path, address, token: null));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Refusals_are_counted_by_kind_of_client_and_never_by_client()
    {
        using var refusals = gateway.CountRefusals();

        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), NewToken());
        await BurstUntilRefusedAsync(RateLimitedGateway.NextAddress(), token: null);

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

    private Task<Burst> BurstUntilRefusedAsync(string address, string? token) =>
        BurstUntilRefusedAsync(() => Get("/api/registry/bodies", address, token));

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

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage refused)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.True(retryAfter >= 1, $"Retry-After was {retryAfter}");
    }

    private static HttpRequestMessage Get(string path, string forwardedFor, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>A valid token for a subject no other test uses, so no two tests share a bucket.</summary>
    private string NewToken() => gateway.Tokens.Token(new TokenRequest { Subject = NewSubject(), Roles = ["partner"] });

    private static string NewSubject() => "user-" + Guid.NewGuid().ToString("N");

    /// <summary>A well-formed partner key; the test backend answers the gateway's key check as the registry would.</summary>
    private static string NewKey() => Concordat.ServiceDefaults.PartnerApiKey.Generate().Value;

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private sealed record Burst(int Served, HttpResponseMessage Refused);
}
