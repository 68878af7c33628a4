using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// A partner's API key through the running gateway: issued by a platform administrator, accepted by the
/// gateway and the services, and once revoked refused at the gateway without reaching the service, and by
/// the cycle service, within their cache time.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class ApiKeyEndToEndTests(PlatformFixture platform)
{
    /// <summary>The gateway trusts the registry's "valid" for <c>Auth:ApiKeyCacheSeconds</c> (5 s by default).</summary>
    private static readonly TimeSpan GatewayCacheTime = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_key_issued_through_the_gateway_works_there_until_revoked_and_then_never_reaches_the_service()
    {
        var organisation = (await CreatedAsync(await platform.Gateway.PostAsJsonAsync(
            "/api/registry/organisations", new { name = "Gloucestershire Constabulary", kind = "police" }))).GetProperty("id").GetGuid();
        var issued = await CreatedAsync(await platform.Gateway.PostAsJsonAsync(
            $"/api/registry/organisations/{organisation}/api-keys", new { name = "Crime data feed" }));
        var key = issued.GetProperty("key").GetString()!;
        var keyId = issued.GetProperty("apiKey").GetProperty("id").GetGuid();
        using var partner = new HttpClient { BaseAddress = platform.Platform.Gateway };
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var atCycle = new HttpClient { BaseAddress = platform.Platform.AddressOf("cycle") };
        atCycle.DefaultRequestHeaders.Add("X-Api-Key", key);

        var me = await partner.GetFromJsonAsync<JsonElement>("/auth/me");
        var read = await partner.GetAsync($"/api/registry/organisations/{organisation}");
        var meAtCycle = await atCycle.GetFromJsonAsync<JsonElement>("/auth/me");
        Assert.Equal("partner", me.GetProperty("roles")[0].GetString());
        Assert.Equal(organisation.ToString(), me.GetProperty("organisation").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(organisation.ToString(), meAtCycle.GetProperty("organisation").GetString());

        var revoked = await platform.Gateway.PostAsync($"/api/registry/api-keys/{keyId}/revocation", content: null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        // The registry refuses it at once; the gateway once its short trust in the registry's last answer runs out.
        await Task.Delay(GatewayCacheTime + TimeSpan.FromSeconds(1));
        var refused = await partner.GetAsync("/api/registry/bodies");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
        // The cycle service, which asks the registry as the gateway does, has let go of it too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await atCycle.GetAsync("/auth/me")).StatusCode);
        // In the refused request's trace the registry answered the gateway's key check, and served nothing else.
        var traceId = refused.Headers.GetValues("X-Correlation-Id").Single();
        await platform.Traces.WaitForAsync(
            spans => spans.Any(s => s.TraceId == traceId && s.ServiceName == "registry" && PathOf(s).StartsWith("/internal/", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(platform.Traces.Spans, s => s.TraceId == traceId && s.ServiceName == "registry" && PathOf(s).StartsWith("/api/", StringComparison.Ordinal));
    }

    private static string PathOf(Concordat.Testing.Telemetry.ReceivedSpan span) =>
        span.Attributes.TryGetValue("url.path", out var path) ? path : "";

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
