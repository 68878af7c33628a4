using System.Net;

namespace Concordat.Gateway.Tests;

/// <summary>People get the web application at the gateway's root; machines keep the API address spaces.</summary>
public sealed class WebRouteTests(DefaultGateway gateway) : IClassFixture<DefaultGateway>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/bodies")]
    [InlineData("/registry")]
    public async Task An_address_no_api_route_takes_goes_to_the_web_application(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Backend.ArrivedAt(path));
    }

    [Fact]
    public async Task The_web_applications_pages_may_use_their_own_styles_and_scripts_and_nothing_else()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/decisions");

        Assert.Equal(SecurityHeaders.WebPagePolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.WebPagePolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_sign_in_provider_forms_go_only_to_this_origin_and_a_provider_that_is_no_address_stops_the_start()
    {
        Assert.Equal(SecurityHeaders.WebPagePolicy, SecurityHeaders.WebPagePolicyFor(""));
        Assert.Throws<InvalidOperationException>(() => SecurityHeaders.WebPagePolicyFor("login.council.example"));
        Assert.Throws<InvalidOperationException>(() => SecurityHeaders.WebPagePolicyFor("javascript:alert(1)"));
    }

    [Theory]
    [InlineData("/api/nothing/here")]
    [InlineData("/openapi/nothing.json")]
    [InlineData("/asyncapi/nothing.json")]
    [InlineData("/internal/anything")]
    public async Task A_mistyped_api_address_is_a_404_problem_not_a_page(string path)
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, gateway.Backend.ArrivedAt(path));
    }

    [Fact]
    public async Task The_api_routes_still_win_over_the_web_application()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/registry/bodies");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, gateway.Backend.ArrivedAt("/api/registry/bodies"));
    }
}

/// <summary>A gateway told where people sign in, as the app host and the manifests tell it.</summary>
public sealed class GatewayWithSignInProvider : GatewayFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [SecurityHeaders.SignInProviderSetting] = "https://login.council.example/realms/staff/",
    };
}

/// <summary>Signing out posts a form whose answer redirects to the provider: the pages' policy lets it go there, and only there.</summary>
public sealed class SignOutPolicyTests(GatewayWithSignInProvider gateway) : IClassFixture<GatewayWithSignInProvider>
{
    [Fact]
    public async Task The_pages_may_send_forms_on_to_the_sign_in_providers_origin_and_nowhere_else()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' https://login.council.example;", policy, StringComparison.Ordinal);
        Assert.Equal(SecurityHeaders.WebPagePolicy, policy.Replace(" https://login.council.example", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_apis_keep_their_own_policy()
    {
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/registry/bodies");

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
