using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Npgsql;

namespace Concordat.Registry.Tests;

/// <summary>Partner API keys: issued once by a platform administrator, stored as a hash, revoked at once.</summary>
public sealed class ApiKeysTests(RegistryFactory factory) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task An_issued_key_is_shown_once_and_listings_never_show_it()
    {
        var organisation = await OrganisationAsync();

        var issued = await IssueAsync(organisation, "Police data feed");
        var listing = await SendAsync(HttpMethod.Get, $"/api/registry/organisations/{organisation}/api-keys", AdminToken());
        var single = await SendAsync(HttpMethod.Get, $"/api/registry/api-keys/{issued.Id}", AdminToken());

        Assert.StartsWith("cnc_" + issued.KeyId + "_", issued.Key);
        Assert.Equal(PartnerApiKey.Length, issued.Key.Length);
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var listed = await listing.Content.ReadAsStringAsync();
        Assert.DoesNotContain(issued.Key[(4 + PartnerApiKey.KeyIdLength + 1)..], listed, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Key[(4 + PartnerApiKey.KeyIdLength + 1)..], await single.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var entry = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal("Police data feed", entry.GetProperty("name").GetString());
        Assert.Equal(issued.KeyId, entry.GetProperty("keyId").GetString());
        Assert.Equal("active", entry.GetProperty("state").GetString());
        Assert.Equal("admin-1", entry.GetProperty("createdBy").GetString());
        Assert.False(entry.TryGetProperty("secretHash", out _));
    }

    [Fact]
    public async Task The_database_holds_only_the_hash_of_a_key()
    {
        var organisation = await OrganisationAsync();
        var issued = await IssueAsync(organisation, "Hash check");

        await using var connection = new NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT secret_hash, row_to_json(api_keys)::text FROM api_keys WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", issued.Id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var stored = (byte[])reader[0];
        var row = reader.GetString(1);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Key)), stored);
        Assert.DoesNotContain(issued.Key[(4 + PartnerApiKey.KeyIdLength + 1)..], row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_authenticates_its_partner_organisation()
    {
        var organisation = await OrganisationAsync();
        var issued = await IssueAsync(organisation, "Dashboard");

        var response = await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<AuthenticationExtensions.Caller>();
        Assert.Equal("api-key:" + issued.KeyId, me!.Subject);
        Assert.Equal(["partner"], me.Roles);
        Assert.Equal(organisation.ToString(), me.Organisation);
        Assert.Contains(me.Claims, c => c.Type == "amr" && c.Value == "api_key");
    }

    [Fact]
    public async Task A_key_also_works_in_the_authorization_header()
    {
        var issued = await IssueAsync(await OrganisationAsync(), "Header variant");
        using var client = factory.CreateClient(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", issued.Key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_revoked_a_moment_ago_no_longer_works()
    {
        var issued = await IssueAsync(await OrganisationAsync(), "Soon revoked");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key)).StatusCode);

        var revoked = await SendAsync(HttpMethod.Post, $"/api/registry/api-keys/{issued.Id}/revocation", AdminToken());
        var next = await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal("revoked", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await AssertRefusedAsync(next);
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation()
    {
        var issued = await IssueAsync(await OrganisationAsync(), "Twice revoked");

        var first = await (await SendAsync(HttpMethod.Post, $"/api/registry/api-keys/{issued.Id}/revocation", AdminToken("admin-1"))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await SendAsync(HttpMethod.Post, $"/api/registry/api-keys/{issued.Id}/revocation", AdminToken("admin-2"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("admin-1", again.GetProperty("revokedBy").GetString());
        Assert.Equal(first.GetProperty("revokedAt").GetDateTimeOffset(), again.GetProperty("revokedAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("cnc_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_garbled_key_is_refused_even_where_no_authentication_is_required(string key)
    {
        await AssertRefusedAsync(await SendAsync(HttpMethod.Get, "/api/registry/bodies", apiKey: key));
    }

    [Fact]
    public async Task A_key_with_a_tampered_secret_is_refused()
    {
        var issued = await IssueAsync(await OrganisationAsync(), "Tampered");
        var tampered = issued.Key[..^1] + (issued.Key[^1] == 'A' ? 'B' : 'A');

        await AssertRefusedAsync(await SendAsync(HttpMethod.Get, "/auth/me", apiKey: tampered));
    }

    [Fact]
    public async Task A_clerk_cannot_issue_keys()
    {
        var organisation = await OrganisationAsync();

        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{organisation}/api-keys",
            factory.Tokens.Token(new TokenRequest { Roles = ["clerk"] }), body: new { name = "Sneaky" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_partner_key_cannot_issue_keys()
    {
        var organisation = await OrganisationAsync();
        var issued = await IssueAsync(organisation, "Partner");

        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{organisation}/api-keys", apiKey: issued.Key, body: new { name = "Another" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Issuing_without_a_token_is_refused()
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{await OrganisationAsync()}/api-keys", body: new { name = "Anonymous" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Issuing_for_an_unknown_organisation_is_a_not_found_problem()
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{Guid.NewGuid()}/api-keys", AdminToken(), new { name = "Nobody's" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_a_not_found_problem()
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/registry/api-keys/{Guid.NewGuid()}/revocation", AdminToken());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"expiresAt":"2001-01-01T00:00:00Z","name":"Expired already"}""")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"x","expiresAt":"tomorrow"}""")]
    public async Task A_bad_request_to_issue_a_key_is_a_validation_problem(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{await OrganisationAsync()}/api-keys", AdminToken(), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_past_its_expiry_is_refused()
    {
        var organisation = await OrganisationAsync();
        var issued = await IssueAsync(organisation, "Short-lived", DateTimeOffset.UtcNow.AddSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key)).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3));

        await AssertRefusedAsync(await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key));
    }

    [Fact]
    public async Task A_used_key_shows_when_it_was_last_used()
    {
        var issued = await IssueAsync(await OrganisationAsync(), "Used");

        await SendAsync(HttpMethod.Get, "/auth/me", apiKey: issued.Key);
        var key = await (await SendAsync(HttpMethod.Get, $"/api/registry/api-keys/{issued.Id}", AdminToken())).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(JsonValueKind.String, key.GetProperty("lastUsedAt").ValueKind);
    }

    private string AdminToken(string subject = "admin-1") =>
        factory.Tokens.Token(new TokenRequest { Subject = subject, Roles = ["platform_admin"] });

    private async Task<Guid> OrganisationAsync()
    {
        using var client = factory.CreateClient();
        return await new RegistryClient(client).OrganisationAsync("Partner " + Guid.NewGuid().ToString("N")[..8]);
    }

    private async Task<IssuedKey> IssueAsync(Guid organisation, string name, DateTimeOffset? expiresAt = null)
    {
        var response = await SendAsync(HttpMethod.Post, $"/api/registry/organisations/{organisation}/api-keys", AdminToken(), new { name, expiresAt });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var issued = JsonDocument.Parse(body).RootElement;
        var details = issued.GetProperty("apiKey");
        return new IssuedKey(details.GetProperty("id").GetGuid(), details.GetProperty("keyId").GetString()!, issued.GetProperty("key").GetString()!);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, string? apiKey = null)
    {
        using var client = factory.CreateClient(token: null);
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body as HttpContent ?? (body is null ? null : JsonContent.Create(body)),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == ApiKeyAuthenticationHandler.SchemeName);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("The API key is not valid", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private sealed record IssuedKey(Guid Id, string KeyId, string Key);
}
