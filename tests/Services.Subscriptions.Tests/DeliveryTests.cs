using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Subscriptions;
using Concordat.Messaging;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using Concordat.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using StandardWebhooks;

namespace Concordat.Subscriptions.Tests;

/// <summary>
/// Deliveries to a real HTTP receiver on loopback: signed CloudEvents, the retry schedule on the test clock, 410, Retry-After,
/// rotation, isolation of a slow endpoint, and replay. Each test subscribes to its own body, so tests do not see each other's events.
/// </summary>
[Collection(DeliveryTestGroup.Name)]
public sealed class DeliveryTests(DeliveryScene scene)
{
    private SubscriptionsFactory Service => scene.Service;

    private Receiver Receiver => scene.Receiver;

    private async Task<(Guid Id, string Secret, Guid Body, string Path)> SubscribedAsync(Answer? answer = null, object? extra = null)
    {
        var body = Guid.CreateVersion7();
        var path = body.ToString("N");
        var (id, secret) = await SubscriptionsFactory.RegisterAsync(Service.Partner(scene.Organisation), new
        {
            url = Receiver.Url(path, answer),
            eventTypes = new[] { "org.concordat.cycle.*" },
            bodyIds = new[] { body },
        });
        return (id, secret, body, path);
    }

    private Task<IReadOnlyList<Received>> ReceivedAsync(string path, int count, double seconds = 15) =>
        Eventually.ReturnsAsync(() => Task.FromResult(Receiver.At(path) is { } got && got.Count >= count ? got : null), TimeSpan.FromSeconds(seconds), $"{count} deliveries at {path}");

    private async Task<Delivery> DeliveryAsync(Guid endpoint) =>
        await Service.InDatabaseAsync(db => db.Deliveries.AsNoTracking().SingleAsync(d => d.EndpointId == endpoint));

    private static HeaderDictionary Headers(Received received) => new(received.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));

    private static Dictionary<string, string> WithSignature(Received received, string signature) =>
        new(received.Headers) { ["webhook-signature"] = signature };

    [Fact]
    public async Task A_delivery_is_a_CloudEvent_whose_signature_verifies_and_a_tampered_body_does_not()
    {
        var (_, secret, body, path) = await SubscribedAsync();
        var decision = Events.Decision(body);

        await Service.PublishAsync(decision);
        var received = (await ReceivedAsync(path, 1))[0];

        new StandardWebhook(secret).Verify(received.Body, Headers(received));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
            new StandardWebhook(secret).Verify(received.Body.Replace("approved", "rejected", StringComparison.Ordinal), Headers(received)));
        Assert.StartsWith("application/cloudevents+json", received.Headers["content-type"], StringComparison.Ordinal);
        var cloudEvent = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("1.0", cloudEvent.GetProperty("specversion").GetString());
        Assert.Equal(decision.EventId.ToString(), cloudEvent.GetProperty("id").GetString());
        Assert.Equal("org.concordat.cycle.decision.published.v1", cloudEvent.GetProperty("type").GetString());
        Assert.Equal(decision.Subject, cloudEvent.GetProperty("subject").GetString());
        Assert.Equal(decision.DecisionId, cloudEvent.GetProperty("data").GetProperty("decisionId").GetGuid());
    }

    [Fact]
    public async Task The_payload_is_the_public_form_without_who_published_it()
    {
        var (_, _, body, path) = await SubscribedAsync();

        await Service.PublishAsync(Events.Decision(body));
        var received = (await ReceivedAsync(path, 1))[0];

        var data = JsonDocument.Parse(received.Body).RootElement.GetProperty("data");
        Assert.False(data.TryGetProperty("publishedBy", out _));
        Assert.False(data.TryGetProperty("eventId", out _));
        Assert.DoesNotContain("Jane Clerk", received.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_and_says_so()
    {
        var (id, _, body, path) = await SubscribedAsync(new Answer(410));

        await Service.PublishAsync(Events.Decision(body));
        await ReceivedAsync(path, 1);

        var endpoint = await Eventually.ReturnsAsync(async () =>
            await Service.InDatabaseAsync(db => db.Endpoints.AsNoTracking().SingleAsync(e => e.Id == id)) is { State: EndpointState.Disabled } disabled ? disabled : null);
        Assert.Equal(EndpointDisabled.Gone, endpoint.DisabledReason);
        Assert.True(await Service.InDatabaseAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.MessageType == typeof(EndpointDisabled).FullName && m.Subject == $"endpoints/{id}")));
        await Service.PublishAsync(Events.Decision(body));
        await Task.Delay(500);
        Assert.Single(Receiver.At(path));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Retry_After_is_honoured(int status)
    {
        var (id, _, body, path) = await SubscribedAsync(new Answer(status, RetryAfter: "120"));
        await Service.PublishAsync(Events.Decision(body));
        await ReceivedAsync(path, 1);
        var first = await Eventually.ReturnsAsync(async () => await DeliveryAsync(id) is { Attempts: 1 } d ? d : null);

        Assert.Equal(first.LastAttemptAt!.Value.AddSeconds(120), first.NextAttemptAt!.Value, TimeSpan.FromSeconds(1));
        Service.Clock.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(300);
        Assert.Single(Receiver.At(path));

        Receiver.Answer(path, new Answer(204));
        Service.Clock.Advance(TimeSpan.FromSeconds(61));
        await ReceivedAsync(path, 2);
    }

    [Fact]
    public async Task After_a_rotation_a_delivery_carries_two_signatures_and_each_secret_verifies()
    {
        var (id, oldSecret, body, path) = await SubscribedAsync();
        using var rotated = await Service.Partner(scene.Organisation).PostAsync($"/api/subscriptions/endpoints/{id}/secret-rotation", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        await Service.PublishAsync(Events.Decision(body));
        var received = (await ReceivedAsync(path, 1))[0];

        var signatures = received.Headers["webhook-signature"].Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.NotEqual(oldSecret, newSecret);
        // StandardWebhooks 1.1.2 checks only the first signature of a header holding two (docs/subscriptions.md), so each is handed to it alone.
        new StandardWebhook(newSecret).Verify(received.Body, Headers(received with { Headers = WithSignature(received, signatures[0]) }));
        new StandardWebhook(oldSecret).Verify(received.Body, Headers(received with { Headers = WithSignature(received, signatures[1]) }));
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
            new StandardWebhook(oldSecret).Verify(received.Body, Headers(received with { Headers = WithSignature(received, signatures[0]) })));
    }

    [Fact]
    public async Task A_slow_endpoint_and_a_dead_one_do_not_delay_a_fast_one()
    {
        var body = Guid.CreateVersion7();
        var partner = Service.Partner(scene.Organisation);
        var slow = $"slow-{body:N}";
        var fast = $"fast-{body:N}";
        await SubscriptionsFactory.RegisterAsync(partner, new { url = Receiver.Url(slow, new Answer(204, TimeSpan.FromSeconds(9))), eventTypes = new[] { "org.concordat.cycle.*" }, bodyIds = new[] { body } });
        await SubscriptionsFactory.RegisterAsync(partner, new { url = Receiver.Url(fast), eventTypes = new[] { "org.concordat.cycle.*" }, bodyIds = new[] { body } });
        // Nothing listens on port 1: every attempt fails to connect.
        var (dead, _) = await SubscriptionsFactory.RegisterAsync(partner, new { url = "http://localhost:1/dead", eventTypes = new[] { "org.concordat.cycle.*" }, bodyIds = new[] { body } });

        var started = Receiver.Now;
        for (var i = 0; i < 10; i++)
        {
            await Service.PublishAsync(Events.Decision(body));
        }

        var got = await ReceivedAsync(fast, 10, 5);
        Assert.True(got.Max(r => r.At) - started < TimeSpan.FromSeconds(3), $"the fast endpoint's 10 took {got.Max(r => r.At) - started}");
        Assert.Empty(Receiver.At(slow));
        Assert.True(await Service.InDatabaseAsync(db => db.Attempts.AnyAsync(a => a.EndpointId == dead && a.Outcome == "unreachable")));
    }

    [Fact]
    public async Task A_partner_replays_everything_since_a_time_after_an_outage()
    {
        var (id, _, body, path) = await SubscribedAsync();
        var partner = Service.Partner(scene.Organisation);
        var before = Events.Decision(body, at: Service.Clock.GetUtcNow().AddHours(-2));
        var during = new[] { Events.Decision(body, at: Service.Clock.GetUtcNow().AddMinutes(-30)), Events.Decision(body, at: Service.Clock.GetUtcNow().AddMinutes(-20)) };
        foreach (var decision in during.Prepend(before))
        {
            await Service.PublishAsync(decision);
        }

        await ReceivedAsync(path, 3);

        using var replay = await partner.PostAsJsonAsync($"/api/subscriptions/endpoints/{id}/replay", new { since = Service.Clock.GetUtcNow().AddHours(-1) });
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(2, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").GetInt32());

        var all = await ReceivedAsync(path, 5);
        var replayed = all.Skip(3).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()!).Order().ToList();
        Assert.Equal(during.Select(d => d.EventId.ToString()).Order().ToList(), replayed);
    }

    [Fact]
    public async Task One_message_is_redelivered_with_its_webhook_id()
    {
        var (id, _, body, path) = await SubscribedAsync();
        await Service.PublishAsync(Events.Decision(body));
        var first = (await ReceivedAsync(path, 1))[0];
        var delivery = await Eventually.ReturnsAsync(async () => await DeliveryAsync(id) is { State: DeliveryState.Succeeded } d ? d : null);

        using var redelivered = await Service.Partner(scene.Organisation).PostAsync($"/api/subscriptions/endpoints/{id}/deliveries/{delivery.Id}/redelivery", null);

        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        var again = (await ReceivedAsync(path, 2))[1];
        Assert.Equal(first.Headers["webhook-id"], again.Headers["webhook-id"]);
    }

    [Fact]
    public async Task The_delivery_log_gives_each_attempts_status_duration_and_at_most_1_KB_of_the_answer()
    {
        var (id, _, body, path) = await SubscribedAsync(new Answer(500, Body: new string('x', 5000)));
        await Service.PublishAsync(Events.Decision(body));
        await ReceivedAsync(path, 1);

        var log = await Eventually.ReturnsAsync(async () =>
        {
            var entries = await Service.Partner(scene.Organisation).GetFromJsonAsync<JsonElement>($"/api/subscriptions/endpoints/{id}/deliveries");
            return entries.GetArrayLength() == 1 && entries[0].GetProperty("attemptLog").GetArrayLength() == 1 ? entries[0].GetRawText() : null;
        });

        var attempt = JsonDocument.Parse(log).RootElement.GetProperty("attemptLog")[0];
        Assert.Equal(500, attempt.GetProperty("statusCode").GetInt32());
        Assert.Equal("failed", attempt.GetProperty("outcome").GetString());
        Assert.True(attempt.GetProperty("durationMs").GetInt32() >= 0);
        Assert.Equal(1024, attempt.GetProperty("responseBody").GetString()!.Length);
    }

    [Fact]
    public async Task Filters_by_area_and_theme_use_the_issue_the_decision_is_about()
    {
        var body = Guid.CreateVersion7();
        var area = Guid.CreateVersion7();
        var partner = Service.Partner(scene.Organisation);
        var inArea = $"area-{body:N}";
        var otherTheme = $"theme-{body:N}";
        await SubscriptionsFactory.RegisterAsync(partner, new { url = Receiver.Url(inArea), eventTypes = new[] { "org.concordat.cycle.decision.published.v1" }, areaIds = new[] { area } });
        await SubscriptionsFactory.RegisterAsync(partner, new { url = Receiver.Url(otherTheme), eventTypes = new[] { "org.concordat.cycle.decision.published.v1" }, areaIds = new[] { area }, themes = new[] { "climate" } });
        var issue = Events.Issue(body, area, "education");
        await Service.PublishAsync(issue);
        await Eventually.HoldsAsync(() => Service.InDatabaseAsync(db => db.Issues.AnyAsync(i => i.Id == issue.IssueId)));

        await Service.PublishAsync(Events.Decision(body, issue.IssueId));

        await ReceivedAsync(inArea, 1);
        await Task.Delay(500);
        Assert.Empty(Receiver.At(otherTheme));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_retried_as_a_failure()
    {
        var target = $"target-{Guid.NewGuid():N}";
        var (id, _, body, path) = await SubscribedAsync(new Answer(307, Location: Receiver.Url(target)));

        await Service.PublishAsync(Events.Decision(body));
        await ReceivedAsync(path, 1);

        var delivery = await Eventually.ReturnsAsync(async () => await DeliveryAsync(id) is { Attempts: 1 } d ? d : null);
        Assert.Equal(307, delivery.LastStatusCode);
        Assert.Equal(DeliveryState.Pending, delivery.State);
        Assert.Empty(Receiver.At(target));
    }

    [Fact]
    public async Task A_paused_endpoint_gets_its_deliveries_when_resumed()
    {
        var (id, _, body, path) = await SubscribedAsync();
        var partner = Service.Partner(scene.Organisation);
        using var paused = await partner.PostAsync($"/api/subscriptions/endpoints/{id}/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);

        await Service.PublishAsync(Events.Decision(body));
        await Eventually.HoldsAsync(() => Service.InDatabaseAsync(db => db.Deliveries.AnyAsync(d => d.EndpointId == id)));
        await Task.Delay(300);
        Assert.Empty(Receiver.At(path));

        using var resumed = await partner.PostAsync($"/api/subscriptions/endpoints/{id}/resume", null);
        await ReceivedAsync(path, 1);
    }
}

/// <summary>One service and one receiver for the delivery tests, which run one after another: some move the shared clock.</summary>
public sealed class DeliveryScene : IAsyncLifetime
{
    public SubscriptionsFactory Service { get; } = new();

    public Receiver Receiver { get; private set; } = null!;

    public Guid Organisation { get; } = Guid.CreateVersion7();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Service).InitializeAsync();
        Receiver = await Receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await ((IAsyncLifetime)Service).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DeliveryTestGroup : ICollectionFixture<DeliveryScene>
{
    public const string Name = "Deliveries";
}
