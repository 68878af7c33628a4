using System.Net;
using System.Net.Http.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.Testing;

namespace Concordat.Registry.Tests;

public sealed class AuthenticationTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task A_valid_token_says_who_the_caller_is()
    {
        var token = factory.Tokens.Token(new TokenRequest
        {
            Subject = "alice",
            Roles = ["clerk", "member"],
            Bodies = ["body-1"],
            Organisation = "org-1",
            Name = "Alice Clerk",
        });

        var response = await GetMeAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<AuthenticationExtensions.Caller>();
        Assert.Equal("alice", me!.Subject);
        Assert.Equal(["clerk", "member"], me.Roles);
        Assert.Equal(["body-1"], me.Bodies);
        Assert.Equal("org-1", me.Organisation);
        Assert.Equal("Alice Clerk", me.Name);
    }

    [Fact]
    public async Task Without_a_token_the_caller_is_refused_with_a_problem()
    {
        var response = await GetMeAsync(token: null);

        await AssertRefusedAsync(response, "This needs a bearer token");
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = factory.Tokens.Token(new TokenRequest
        {
            Roles = ["clerk"],
            IssuedAt = DateTime.UtcNow.AddHours(-2),
            Lifetime = TimeSpan.FromMinutes(30),
        });

        await AssertRefusedAsync(await GetMeAsync(token));
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        using var stranger = new TestIssuer();

        await AssertRefusedAsync(await GetMeAsync(stranger.Token()));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = factory.Tokens.Token(new TokenRequest { Roles = ["clerk"], Audience = "someone-else" });

        await AssertRefusedAsync(await GetMeAsync(token));
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var token = factory.Tokens.Token(new TokenRequest { Roles = ["clerk"], Issuer = "https://elsewhere.example" });

        await AssertRefusedAsync(await GetMeAsync(token));
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        await AssertRefusedAsync(await GetMeAsync(TestIssuer.UnsignedToken()));
    }

    [Fact]
    public async Task An_HS256_token_signed_with_the_public_key_as_secret_is_refused()
    {
        await AssertRefusedAsync(await GetMeAsync(factory.Tokens.SignedWithPublicKeyAsSecret()));
    }

    [Fact]
    public async Task An_invalid_token_is_refused_even_where_no_authentication_is_required()
    {
        using var client = factory.CreateClient(TestIssuer.UnsignedToken());

        await AssertRefusedAsync(await client.GetAsync("/api/registry/bodies"));
    }

    private async Task<HttpResponseMessage> GetMeAsync(string? token)
    {
        using var client = factory.CreateClient(token);
        return await client.GetAsync("/auth/me");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string detail = "The bearer token is not valid")
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(401, problem!.Status);
        Assert.StartsWith(detail, problem.Detail, StringComparison.Ordinal);
    }
}
