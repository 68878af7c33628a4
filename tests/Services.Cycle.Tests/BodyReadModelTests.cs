using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Registry;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Cycle.Tests;

public sealed class BodyReadModelTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _client = cycle.CreateClient();

    [Fact]
    public void The_shared_read_model_keeps_the_cycles_queue_names()
    {
        var queues = cycle.Services.GetRequiredService<Concordat.Messaging.QueueDepths>().Queues;

        string[] expected = ["cycle-body-changed", "cycle-body-dissolved", "cycle-body-registered", "cycle-body-roles-changed",
            "cycle-call-in-resolved", "cycle-decision-called-in", "cycle-membership-ended", "cycle-membership-started"];
        Assert.Equal(expected, queues.Where(q => !q.EndsWith("_error", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_registered_body_becomes_known_to_the_cycle()
    {
        var registered = CycleFactory.BodyRegistered("Gloucestershire Strategic Partnership");

        await cycle.PublishAsync(registered);

        var body = await WaitForBodyAsync(registered.BodyId);
        Assert.Equal("Gloucestershire Strategic Partnership", body.GetProperty("name").GetString());
        Assert.Equal("glos", body.GetProperty("instanceId").GetString());
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_applied_once()
    {
        var first = CycleFactory.BodyRegistered("Stroud District LSP");
        // A redelivery carries the same event id; were it applied again, the name would change.
        var redelivered = first with { Name = "applied twice" };

        using var watcher = new ConsumeWatcher(cycle.Services.GetRequiredService<IBus>());

        await cycle.PublishAsync(first);
        await watcher.WaitForAsync(first.EventId);
        await cycle.PublishAsync(redelivered);
        await watcher.WaitForAsync(first.EventId, times: 2);

        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{first.BodyId}");
        Assert.Equal("Stroud District LSP", body.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_newer_description_wins_whatever_order_the_events_arrive_in()
    {
        var registered = CycleFactory.BodyRegistered("Accountable Bodies Group");
        var rolesChanged = new BodyRolesChanged
        {
            EventId = Guid.CreateVersion7(),
            Source = registered.Source,
            InstanceId = "glos",
            OccurredAt = registered.OccurredAt.AddMinutes(5),
            Subject = registered.Subject,
            BodyId = registered.BodyId,
            Roles = ["authorising"],
            PreviousRoles = [],
        };
        var dissolved = new BodyDissolved
        {
            EventId = Guid.CreateVersion7(),
            Source = registered.Source,
            InstanceId = "glos",
            OccurredAt = registered.OccurredAt.AddMinutes(10),
            Subject = registered.Subject,
            BodyId = registered.BodyId,
            DissolvedOn = new DateOnly(2027, 3, 31),
        };
        using var watcher = new ConsumeWatcher(cycle.Services.GetRequiredService<IBus>());

        // The later facts are consumed first; the registration that describes the body with no roles comes last.
        await cycle.PublishAsync(dissolved);
        await cycle.PublishAsync(rolesChanged);
        await watcher.WaitForAsync(rolesChanged.EventId);
        await watcher.WaitForAsync(dissolved.EventId);
        await cycle.PublishAsync(registered with { Roles = ["deliberative"] });
        await watcher.WaitForAsync(registered.EventId);

        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{registered.BodyId}");
        Assert.Equal("Accountable Bodies Group", body.GetProperty("name").GetString());
        Assert.Equal(["authorising"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("2027-03-31", body.GetProperty("dissolvedOn").GetString());
    }

    [Fact]
    public async Task An_unknown_body_is_not_found_as_a_problem()
    {
        var response = await _client.GetAsync($"/api/cycle/bodies/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> WaitForBodyAsync(Guid id)
    {
        var body = await Eventually.ReturnsAsync(async () =>
        {
            var response = await _client.GetAsync($"/api/cycle/bodies/{id}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonDocument>() : null;
        }, what: $"body {id} in the cycle's read model");
        return body.RootElement;
    }
}
