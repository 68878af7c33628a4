using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Subscriptions.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.Tests;

/// <summary>Registering and managing endpoints: the secret once, each organisation its own, input checked, SSRF refused, Idempotency-Key.</summary>
public sealed class EndpointTests(SubscriptionsFactory service) : IClassFixture<SubscriptionsFactory>
{
    private static object Valid(string url = "http://localhost:9/hook") => new { url, eventTypes = new[] { "org.concordat.cycle.decision.published.v1" } };

    [Fact]
    public async Task The_signing_secret_is_given_once_and_never_again()
    {
        var partner = service.Partner(Guid.CreateVersion7());

        var (id, secret) = await SubscriptionsFactory.RegisterAsync(partner, Valid());

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var shown = await partner.GetStringAsync($"/api/subscriptions/endpoints/{id}");
        var listed = await partner.GetStringAsync("/api/subscriptions/endpoints");
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        var stored = await service.InDatabaseAsync(db => db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.DoesNotContain(secret[6..], stored.ProtectedSecret, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_cannot_see_or_change_another_organisations_endpoint()
    {
        var (id, _) = await SubscriptionsFactory.RegisterAsync(service.Partner(Guid.CreateVersion7()), Valid());
        var other = service.Partner(Guid.CreateVersion7());

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/subscriptions/endpoints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/subscriptions/endpoints/{id}/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/subscriptions/endpoints/{id}/secret-rotation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/subscriptions/endpoints/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/subscriptions/endpoints/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/subscriptions/endpoints"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await service.CreateClient().GetAsync($"/api/subscriptions/endpoints/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_registers_for_a_named_organisation_and_a_partner_only_for_its_own()
    {
        var organisation = Guid.CreateVersion7();

        using var withoutOrganisation = await service.CreateClient().PostAsJsonAsync("/api/subscriptions/endpoints", Valid());
        using var forAnother = await service.Partner(organisation).PostAsJsonAsync("/api/subscriptions/endpoints",
            new { url = "http://localhost:9/hook", eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = Guid.CreateVersion7() });
        var (id, _) = await SubscriptionsFactory.RegisterAsync(service.CreateClient(),
            new { url = "http://localhost:9/hook", eventTypes = new[] { "org.concordat.cycle.*" }, organisationId = organisation });

        Assert.Equal(HttpStatusCode.BadRequest, withoutOrganisation.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forAnother.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.Partner(organisation).GetAsync($"/api/subscriptions/endpoints/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_nothing_is_stored()
    {
        var organisation = Guid.CreateVersion7();
        var partner = service.Partner(organisation);

        using var response = await partner.PostAsJsonAsync("/api/subscriptions/endpoints", new
        {
            url = "ftp://example.org/hook",
            eventTypes = new[] { "org.concordat.cycle.decision.published.v1", "org.concordat.nothing.*" },
            themes = new[] { "" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.True(errors.TryGetProperty("eventTypes[1]", out _));
        Assert.True(errors.TryGetProperty("themes[0]", out _));
        Assert.False(errors.TryGetProperty("eventTypes[0]", out _));
        Assert.False(await service.InDatabaseAsync(db => db.Endpoints.AnyAsync(e => e.OrganisationId == organisation)));
    }

    [Fact]
    public async Task An_endpoint_must_name_event_types()
    {
        using var response = await service.Partner(Guid.CreateVersion7()).PostAsJsonAsync("/api/subscriptions/endpoints", new { url = "https://example.org/hook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("eventTypes", out _));
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook", "loopback")]
    [InlineData("http://127.10.0.1/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data", "metadata")]
    [InlineData("http://169.254.10.1/hook", "link-local")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://172.16.0.1/hook", "private")]
    [InlineData("http://172.31.255.255/hook", "private")]
    [InlineData("http://192.168.1.1/hook", "private")]
    [InlineData("http://[fc00::1]/hook", "unique-local")]
    [InlineData("http://[fd12:3456::1]/hook", "unique-local")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("http://0.0.0.0/hook", "unspecified")]
    public async Task Each_internal_address_class_is_refused_at_registration(string url, string addressClass)
    {
        using var response = await service.Partner(Guid.CreateVersion7()).PostAsJsonAsync("/api/subscriptions/endpoints", Valid(url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("url")[0].GetString();
        Assert.Contains(addressClass, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_unless_the_operator_allows_the_host()
    {
        var strict = new SubscriptionsOptions { AllowHttp = true };
        var allowing = new SubscriptionsOptions { AllowHttp = true, AllowedHosts = ["localhost"] };

        Assert.Contains("loopback", await UrlSafety.CheckAsync("http://localhost:8080/hook", strict, default), StringComparison.Ordinal);
        Assert.Null(await UrlSafety.CheckAsync("http://localhost:8080/hook", allowing, default));
    }

    [Fact]
    public async Task Only_https_unless_the_operator_allows_http()
    {
        var strict = new SubscriptionsOptions { AllowedHosts = ["example.org"] };

        Assert.Equal("The URL must be https.", await UrlSafety.CheckAsync("http://example.org/hook", strict, default));
        Assert.Null(await UrlSafety.CheckAsync("https://example.org/hook", strict, default));
    }

    [Theory]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    public async Task At_delivery_a_host_resolving_to_a_refused_address_is_not_connected_to(string url)
    {
        using var client = new Deliveries.WebhookClient(new FixedOptions(new SubscriptionsOptions()));
        using var request = new HttpRequestMessage(HttpMethod.Post, url);

        var (status, outcome, _, _, _) = await client.SendAsync(request, TimeSpan.FromSeconds(5), default);

        Assert.Null(status);
        Assert.Equal("refused_address", outcome);
    }

    [Fact]
    public async Task Reusing_an_Idempotency_Key_gives_the_same_answer_and_with_another_body_422()
    {
        var organisation = Guid.CreateVersion7();
        var partner = service.Partner(organisation);
        var key = Guid.NewGuid().ToString();

        using var first = await Send(partner, key, Valid());
        using var again = await Send(partner, key, Valid());
        using var different = await Send(partner, key, Valid("http://localhost:10/other"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.StatusCode);
        Assert.Equal(1, await service.InDatabaseAsync(db => db.Endpoints.CountAsync(e => e.OrganisationId == organisation)));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions/endpoints") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}

/// <summary>Settings that do not change.</summary>
internal sealed class FixedOptions(SubscriptionsOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<SubscriptionsOptions>
{
    public SubscriptionsOptions CurrentValue => value;

    public SubscriptionsOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<SubscriptionsOptions, string?> listener) => null;
}
