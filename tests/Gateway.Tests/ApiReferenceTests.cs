using System.Net;

namespace Concordat.Gateway.Tests;

/// <summary>The gateway with its default settings.</summary>
public sealed class DefaultGateway : GatewayFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();
}

/// <summary>The API reference at <c>/docs</c>, and the documents it reads.</summary>
public sealed class ApiReferenceTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Fact]
    public async Task The_api_reference_at_docs_covers_each_services_document_and_says_how_to_get_a_token()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"openapi/registry.json\"", page, StringComparison.Ordinal);
        Assert.Contains("\"openapi/cycle.json\"", page, StringComparison.Ordinal);
        Assert.Contains("\"openapi/scrutiny.json\"", page, StringComparison.Ordinal);
        Assert.Contains("./concordat token platform_admin", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_script_is_served_by_the_gateway_itself_so_the_page_works_offline()
    {
        using var client = gateway.CreateClient();
        var page = await client.GetStringAsync("/docs/");
        var script = System.Text.RegularExpressions.Regex.Match(page, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;

        using var response = await client.GetAsync(new Uri(new Uri("http://gateway/docs/"), script).PathAndQuery);

        Assert.False(Uri.TryCreate(script, UriKind.Absolute, out var absolute) && absolute.Host != "gateway", $"the page loads its script from elsewhere: {script}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("javascript", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_services_document_is_fetched_from_the_service_found_by_service_discovery()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/openapi/cycle.json");

        // The backend stands at the address service discovery gives for every service.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Backend.ArrivedAt("/openapi/v1.json"));
    }

    [Fact]
    public async Task The_public_events_AsyncAPI_document_is_fetched_from_the_subscriptions_service()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/asyncapi/public.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Backend.ArrivedAt("/asyncapi/public.json"));
    }
}
