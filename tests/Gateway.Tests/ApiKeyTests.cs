using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.Registry.Client;
using Concordat.ServiceDefaults;

namespace Concordat.Gateway.Tests;

/// <summary>The gateway checking partner API keys with the registry, trusting a good answer for one second.</summary>
public sealed class KeyCheckingGateway : GatewayFactory
{
    public const int CacheSeconds = 1;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:ApiKeyCacheSeconds"] = $"{CacheSeconds}",
    };
}

public sealed class ApiKeyTests(KeyCheckingGateway gateway) : IClassFixture<KeyCheckingGateway>
{
    private readonly HttpClient _client = gateway.CreateClient();

    [Fact]
    public async Task A_good_key_is_forwarded_unchanged()
    {
        var key = PartnerApiKey.Generate().Value;

        using var response = await GetAsync("/api/registry/bodies", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Backend.ArrivedWithKey(key));
    }

    [Fact]
    public async Task A_good_key_says_who_the_partner_is()
    {
        using var response = await GetAsync("/auth/me", PartnerApiKey.Generate().Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("partner", me.GetProperty("roles")[0].GetString());
        Assert.Equal(Backend.PartnerOrganisation.ToString(), me.GetProperty("organisation").GetString());
    }

    [Theory]
    [InlineData("made-up")]
    [InlineData("cnc_0123456789ab_short")]
    public async Task A_malformed_key_is_refused_and_never_forwarded(string key)
    {
        using var response = await GetAsync("/api/registry/bodies", key);

        await AssertRefusedAsync(response);
        Assert.Equal(0, gateway.Backend.ArrivedWithKey(key));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_within_the_cache_time_and_never_forwarded()
    {
        var key = PartnerApiKey.Generate().Value;
        using (var before = await GetAsync("/api/registry/bodies", key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        gateway.Backend.Revoke(key);
        await Task.Delay(TimeSpan.FromSeconds(KeyCheckingGateway.CacheSeconds) + TimeSpan.FromMilliseconds(200));
        using var after = await GetAsync("/api/registry/bodies", key);

        await AssertRefusedAsync(after);
        Assert.Equal(1, gateway.Backend.ArrivedWithKey(key));
    }

    [Fact]
    public async Task The_internal_key_check_is_not_reachable_through_the_gateway()
    {
        // Signed in, so the answer is about the route, not about the caller (anonymous callers get 401 for any
        // path the gateway does not publish).
        using var request = new HttpRequestMessage(HttpMethod.Post, IApiKeyVerificationApi.Path)
        {
            Content = JsonContent.Create(new ApiKeyVerificationRequest(PartnerApiKey.Generate().Value)),
        };
        request.Headers.Authorization = new("Bearer", gateway.Tokens.Token(new TokenRequest { Roles = ["platform_admin"] }));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, key);
        return await _client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == ApiKeyAuthenticationHandler.SchemeName);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }
}
