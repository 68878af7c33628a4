using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.Testing;
using Concordat.Testing.Telemetry;
using Npgsql;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The thin real path through everything: a body registered through the gateway is stored by the
/// registry, announced through the outbox and RabbitMQ, and read back from the cycle's read model.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class ThinPathTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_body_registered_through_the_gateway_can_be_read_from_the_cycle_service()
    {
        var response = await platform.Gateway.PostAsJsonAsync("/api/registry/bodies", new { name = "Gloucestershire Conference", shortName = "GC", type = "strategic", scope = "geographic", tier = "county", roles = new[] { "deliberative" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var body = await Eventually.ReturnsAsync(async () =>
        {
            var read = await platform.Gateway.GetAsync($"/api/cycle/bodies/{id}");
            return read.IsSuccessStatusCode ? await read.Content.ReadFromJsonAsync<JsonDocument>() : null;
        }, what: "the body in the cycle service");

        Assert.Equal("Gloucestershire Conference", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("GC", body.RootElement.GetProperty("shortName").GetString());
    }

    [Fact]
    public async Task A_body_given_new_roles_and_then_dissolved_in_the_registry_is_seen_so_by_the_cycle_service()
    {
        var created = await platform.Gateway.PostAsJsonAsync("/api/registry/bodies", new { name = "Community Strategy Executive Board", type = "operational", scope = "geographic", tier = "county", roles = new[] { "deliberative" } });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var change = new HttpRequestMessage(HttpMethod.Put, $"/api/registry/bodies/{id}")
        {
            Content = JsonContent.Create(new { name = "Community Strategy Executive Board", type = "operational", scope = "geographic", tier = "county", roles = new[] { "executive" } }),
        };
        change.Headers.IfMatch.Add(created.Headers.ETag!);
        var changed = await platform.Gateway.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await Eventually.HoldsAsync(async () => await RolesInCycleAsync(id) == "executive", what: "the new roles in the cycle service");

        var dissolve = new HttpRequestMessage(HttpMethod.Post, $"/api/registry/bodies/{id}/dissolution") { Content = JsonContent.Create(new { dissolvedOn = "2026-12-31" }) };
        dissolve.Headers.IfMatch.Add(changed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await platform.Gateway.SendAsync(dissolve)).StatusCode);
        var known = await Eventually.ReturnsAsync(async () =>
        {
            var body = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{id}");
            return body.GetProperty("dissolvedOn").ValueKind == JsonValueKind.String ? body.GetProperty("dissolvedOn").GetString() : null;
        }, what: "the dissolution in the cycle service");
        Assert.Equal("2026-12-31", known);
    }

    [Fact]
    public async Task A_bad_registration_through_the_gateway_is_a_problem_and_leaves_nothing_behind()
    {
        var before = await CountAsync("registrydb", "SELECT count(*) FROM bodies") + await CountAsync("registrydb", "SELECT count(*) FROM outbox_messages");

        var response = await platform.Gateway.PostAsync("/api/registry/bodies", new StringContent("{\"shortName\":\"X\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        var after = await CountAsync("registrydb", "SELECT count(*) FROM bodies") + await CountAsync("registrydb", "SELECT count(*) FROM outbox_messages");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_through_the_registry_and_the_broker_into_the_cycle_consumer()
    {
        var response = await platform.Gateway.PostAsJsonAsync("/api/registry/bodies", new { name = "Cotswold LSP", type = "strategic", scope = "geographic", tier = "district" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        // With no correlation id given, the gateway uses the trace id, and says so on the response.
        var traceId = response.Headers.GetValues("X-Correlation-Id").Single();

        // Each process exports in its own batches, so wait for the whole trace rather than its last part.
        (string Service, SpanKind Kind)[] expected =
        [
            ("gateway", SpanKind.Server),
            ("registry", SpanKind.Server),
            ("registry", SpanKind.Producer),
            ("cycle", SpanKind.Consumer),
        ];
        var spans = await platform.Traces.WaitForAsync(
            received => expected.All(e => received.Any(s => s.TraceId == traceId && s.ServiceName == e.Service && s.Kind == e.Kind)),
            TimeSpan.FromSeconds(30));

        var trace = spans.Where(s => s.TraceId == traceId).ToList();
        Assert.All(expected, e => Assert.Contains(trace, s => s.ServiceName == e.Service && s.Kind == e.Kind));
    }

    [Fact]
    public async Task The_gateway_serves_each_services_openapi_document_with_the_public_address()
    {
        var document = await platform.Gateway.GetFromJsonAsync<JsonElement>("/openapi/registry.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/registry/bodies", out _));
        Assert.Equal(platform.Platform.Gateway.ToString().TrimEnd('/'), document.GetProperty("servers")[0].GetProperty("url").GetString()!.TrimEnd('/'));
    }

    private async Task<string?> RolesInCycleAsync(Guid id)
    {
        var response = await platform.Gateway.GetAsync($"/api/cycle/bodies/{id}");
        return response.IsSuccessStatusCode
            ? string.Join(',', (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()))
            : null;
    }

    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = platform.Database(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
