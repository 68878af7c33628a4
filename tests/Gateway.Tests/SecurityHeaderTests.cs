using System.Net;
using System.Net.Http.Headers;

namespace Concordat.Gateway.Tests;

/// <summary>What every answer from the gateway says to a browser, whatever produced it: a service, a refusal, a probe.</summary>
public sealed class SecurityHeaderTests(BodyLimitedGateway gateway) : IClassFixture<BodyLimitedGateway>
{
    private readonly HttpClient _client = gateway.CreateClient();

    public static TheoryData<string, string?, int> Answers => new()
    {
        { "/api/registry/bodies", null, 200 },
        { "/api/registry/bodies", "not-a-token", 401 },
        { "/api/registry/bodies/too-large", "413", 413 },
        { "/health/live", null, 200 },
        { "/openapi/registry.json", null, 200 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_api_security_headers(string path, string? variant, int status)
    {
        using var request = new HttpRequestMessage(variant == "413" ? HttpMethod.Post : HttpMethod.Get, path);
        if (variant == "413")
        {
            request.Content = new ByteArrayContent(new byte[BodyLimitedGateway.DefaultLimit + 1]);
        }
        else if (variant is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", variant);
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"), "The Server header names the software for an attacker.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
