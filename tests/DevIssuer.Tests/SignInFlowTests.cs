using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Concordat.DevIssuer.Tests;

/// <summary>The development provider as a client and a service see it: discovery, the sign-in page, code + PKCE, and refusals.</summary>
public sealed class SignInFlowTests(DevIssuerFactory factory) : IClassFixture<DevIssuerFactory>
{
    [Fact]
    public async Task Discovery_names_the_development_issuer_its_endpoints_and_its_key()
    {
        using var client = factory.Browser();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var keys = await client.GetFromJsonAsync<JsonElement>("/jwks");

        Assert.Equal(DevelopmentIssuer.DefaultIssuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal("http://localhost/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var key = Assert.Single(keys.GetProperty("keys").EnumerateArray());
        Assert.Equal(DevelopmentIssuer.Load(factory.KeyFolder).KeyId, key.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task The_sign_in_page_lists_the_demo_people_and_the_roles_and_says_it_is_for_development_only()
    {
        using var client = factory.Browser();

        using var response = await client.GetAsync(AuthorizeAddress(DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, Pkce.Create()));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Development only", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"radios__label\" for=\"person-joanna-pryce\">Joanna Pryce</label>", html, StringComparison.Ordinal);
        Assert.Contains("<code>demo-joanna-pryce</code>", html, StringComparison.Ordinal);
        Assert.Contains("clerk of the Gloucestershire Strategic Partnership (GSP), the Accountable Bodies Group (ABG)", html, StringComparison.Ordinal);
        Assert.Contains("for=\"person-martin-coles\"", html, StringComparison.Ordinal);
        Assert.Contains("for=\"person-platform-admin\"", html, StringComparison.Ordinal);
        Assert.Contains("for=\"role-scrutiny_officer\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_lists_people_under_their_kind_with_the_chairs_of_the_six_district_LSPs_together()
    {
        using var client = factory.Browser();

        using var response = await client.GetAsync(AuthorizeAddress(DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, Pkce.Create()));
        var html = await response.Content.ReadAsStringAsync();

        // Each kind is a heading naming its own group of radios, in the page's order.
        var headings = new[] { "Clerks and officers", "Chairs of countywide partnerships", "Chairs of district Local Strategic Partnerships", "Members", "Administrators" }
            .Select(h => html.IndexOf($"\">{h}</h3><div class=\"radios\" role=\"group\" aria-labelledby=\"group-", StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, headings);
        Assert.Equal(headings.Order(), headings);

        // The district chairs, under their heading (before the members'): whoever answers a referral to a district LSP.
        var district = html[headings[2]..headings[3]];
        foreach (var (key, lsp) in new[]
        {
            ("naomi-feltham", "Cheltenham Strategic Partnership"), ("rupert-lyle", "Cotswold Local Strategic Partnership"),
            ("kenneth-mayo", "Forest of Dean Local Strategic Partnership"), ("elaine-boxwell", "Gloucester Partnership"),
            ("rosalind-kemp", "Stroud Local Strategic Partnership"), ("clive-hemming", "Tewkesbury Local Strategic Partnership"),
        })
        {
            Assert.Contains($"for=\"person-{key}\"", district, StringComparison.Ordinal);
            Assert.Contains($"chair of the {lsp}. Signs in as <code>demo-{key}</code> with the roles chair, member.", district, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("person-mark-ellison", district, StringComparison.Ordinal);
        // Still one choice across the page.
        Assert.Equal(17, html.Split("name=\"person\"").Length - 1);
    }

    [Fact]
    public async Task A_district_LSP_chair_signs_in_with_their_own_subject_and_roles()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();

        var code = await SignInAsync(client, "elaine-boxwell", DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce);
        using var response = await client.PostAsync("/token", WebTokenRequest(code, DevIssuerFactory.WebRedirect, pkce.Verifier));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var access = new JsonWebToken(answer.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("demo-elaine-boxwell", access.Subject);
        Assert.Equal(["chair", "member"], access.Claims.Where(c => c.Type == ConcordatClaims.Role).Select(c => c.Value).Order());
    }

    [Fact]
    public async Task Code_and_PKCE_give_an_access_token_the_services_accept_and_an_id_token_for_the_client()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();

        var code = await SignInAsync(client, "joanna-pryce", DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce, nonce: "n-0S6_WzA2Mj");
        using var tokens = await client.PostAsync("/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFactory.WebRedirect), ("code_verifier", pkce.Verifier),
            ("client_id", DevIssuerFactory.WebClient), ("client_secret", DevIssuerFactory.WebSecret)));
        var answer = await tokens.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        Assert.Equal("Bearer", answer.GetProperty("token_type").GetString());
        var idToken = new JsonWebToken(answer.GetProperty("id_token").GetString());
        Assert.Equal([DevIssuerFactory.WebClient], idToken.Audiences);
        Assert.Equal("n-0S6_WzA2Mj", idToken.GetClaim("nonce").Value);
        Assert.Equal("demo-joanna-pryce", idToken.Subject);

        var me = await AsServiceAsync(answer.GetProperty("access_token").GetString()!);
        Assert.Equal("demo-joanna-pryce", me.GetProperty("subject").GetString());
        Assert.Equal("Joanna Pryce", me.GetProperty("name").GetString());
        Assert.Equal(["clerk"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_public_client_signs_in_with_PKCE_alone_and_roles_chosen_on_the_page_replace_the_persons_own()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();

        var code = await SignInAsync(client, "pct-administrator", DevIssuerFactory.PublicClient, DevIssuerFactory.PublicRedirect, pkce, roles: ["partner", "member"]);
        using var tokens = await client.PostAsync("/token", Form(
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFactory.PublicRedirect), ("code_verifier", pkce.Verifier),
            ("client_id", DevIssuerFactory.PublicClient)));
        var answer = await tokens.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var me = await AsServiceAsync(answer.GetProperty("access_token").GetString()!);
        Assert.Equal(["partner", "member"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(Concordat.DemoData.DemoIds.For("organisations", "pct").ToString(), me.GetProperty("organisation").GetString());
    }

    [Fact]
    public async Task A_wrong_verifier_is_refused_and_the_code_is_then_spent()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();
        var code = await SignInAsync(client, "joanna-pryce", DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce);

        using var wrong = await client.PostAsync("/token", WebTokenRequest(code, DevIssuerFactory.WebRedirect, Pkce.Create().Verifier));
        using var again = await client.PostAsync("/token", WebTokenRequest(code, DevIssuerFactory.WebRedirect, pkce.Verifier));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("invalid_grant", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_code_is_refused_at_another_redirect_address_or_with_a_wrong_secret()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();
        var first = await SignInAsync(client, "joanna-pryce", DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce);
        var second = await SignInAsync(client, "joanna-pryce", DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce);

        using var elsewhere = await client.PostAsync("/token", WebTokenRequest(first, "http://localhost:5080/elsewhere", pkce.Verifier));
        using var badSecret = await client.PostAsync("/token", Form(
            ("grant_type", "authorization_code"), ("code", second), ("redirect_uri", DevIssuerFactory.WebRedirect), ("code_verifier", pkce.Verifier),
            ("client_id", DevIssuerFactory.WebClient), ("client_secret", "guessed")));

        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badSecret.StatusCode);
        Assert.Equal("invalid_client", (await badSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unregistered_redirect_address_is_shown_as_an_error_and_never_redirected_to()
    {
        using var client = factory.Browser();

        using var response = await client.GetAsync(AuthorizeAddress(DevIssuerFactory.WebClient, "https://attacker.example/callback", Pkce.Create()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("not registered", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_PKCE_is_sent_back_to_the_client_as_an_error()
    {
        using var client = factory.Browser();
        var address = QueryHelpers.AddQueryString("/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = DevIssuerFactory.WebClient, ["redirect_uri"] = DevIssuerFactory.WebRedirect, ["response_type"] = "code",
            ["scope"] = "openid profile", ["state"] = "xyz",
        });

        using var response = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("invalid_request", query["error"].ToString());
        Assert.Equal("xyz", query["state"].ToString());
    }

    [Fact]
    public async Task Choosing_nobody_shows_the_page_again_with_the_problem()
    {
        using var client = factory.Browser();
        var pkce = Pkce.Create();

        using var response = await client.PostAsync("/authorize", Form(AuthorizeParameters(DevIssuerFactory.WebClient, DevIssuerFactory.WebRedirect, pkce, null).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Choose who to sign in as", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void It_refuses_to_start_outside_Development()
    {
        using var production = new DevIssuerFactory { Environment = "Production" };

        var refusal = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        Assert.Contains("only in the Development environment", refusal.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<(string, string)> AuthorizeParameters(string clientId, string redirect, Pkce pkce, string? nonce) =>
        new (string, string?)[]
        {
            ("client_id", clientId), ("redirect_uri", redirect), ("response_type", "code"), ("scope", "openid profile"), ("state", "state-1"),
            ("nonce", nonce), ("code_challenge", pkce.Challenge), ("code_challenge_method", "S256"),
        }.Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!));

    private static string AuthorizeAddress(string clientId, string redirect, Pkce pkce) =>
        QueryHelpers.AddQueryString("/authorize", AuthorizeParameters(clientId, redirect, pkce, "nonce-1").Select(p => KeyValuePair.Create(p.Item1, (string?)p.Item2)));

    /// <summary>Posts the page's form as a person choosing <paramref name="person"/>; returns the code from the redirect.</summary>
    private static async Task<string> SignInAsync(
        HttpClient client, string person, string clientId, string redirect, Pkce pkce, string? nonce = null, string[]? roles = null)
    {
        var fields = AuthorizeParameters(clientId, redirect, pkce, nonce).Append(("person", person)).Concat((roles ?? []).Select(r => ("roles", r)));
        using var response = await client.PostAsync("/authorize", Form(fields.ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(redirect + "?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    private static FormUrlEncodedContent WebTokenRequest(string code, string redirect, string verifier) => Form(
        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect), ("code_verifier", verifier),
        ("client_id", DevIssuerFactory.WebClient), ("client_secret", DevIssuerFactory.WebSecret));

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary><c>GET /auth/me</c> with <paramref name="token"/> on a host that validates tokens exactly as every service does (ServiceDefaults).</summary>
    private async Task<JsonElement> AsServiceAsync(string token)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:Issuer"] = DevelopmentIssuer.DefaultIssuer;
        builder.Configuration["Auth:Audience"] = DevelopmentIssuer.DefaultAudience;
        builder.Configuration["Auth:SigningKeysFile"] = DevelopmentIssuer.Load(factory.KeyFolder).SigningKeysFile;
        builder.AddServiceDefaults("a-service");
        await using var app = builder.Build();
        app.UseAuthenticationAndAuthorization();
        app.MapAuthMe();
        await app.StartAsync();

        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.GetAsync("/auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
