using System.Net;
using System.Text.Json;
using Concordat.Contracts.Registry;
using Concordat.LocalServers;
using Concordat.Messaging;
using Concordat.Testing;

namespace Concordat.Cycle.Tests;

/// <summary>The cycle keeps its own audit trail and exports it to platform administrators, as the registry does.</summary>
public sealed class AuditExportTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_body_learnt_from_an_event_is_in_the_cycles_audit_trail_attributed_to_that_event()
    {
        var registered = CycleFactory.BodyRegistered("Cotswold Leaders Board");

        await cycle.PublishAsync(registered);
        await WaitForBodyAsync(registered.BodyId);

        var page = await PageAsync($"record_type=known_body&record_id={registered.BodyId}");
        var entry = Assert.Single(page.Items);
        Assert.Equal("event:BodyRegistered", entry.Subject);
        Assert.Equal("consume BodyRegistered", entry.Operation);
        Assert.Equal(registered.EventId.ToString(), entry.CorrelationId);
        Assert.Equal(AuditActions.Created, entry.Action);
        Assert.Equal("Cotswold Leaders Board", entry.Changes.GetProperty("name").GetProperty("new").GetString());
    }

    [Fact]
    public async Task The_cycles_audit_trail_downloads_as_csv_for_an_auditor()
    {
        var registered = CycleFactory.BodyRegistered("Forest of Dean Partnership");

        await cycle.PublishAsync(registered);
        await WaitForBodyAsync(registered.BodyId);
        var response = await cycle.CreateClient().GetAsync($"/api/cycle/audit.csv?record_type=known_body&record_id={registered.BodyId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("id,occurred_at,subject,", csv.TrimStart('\uFEFF'));
        Assert.Contains(",event:BodyRegistered,", csv);
        Assert.Contains("Forest of Dean Partnership", csv);
    }

    [Fact]
    public async Task Without_a_token_the_cycles_audit_trail_is_refused_as_a_401_problem()
    {
        using var anonymous = cycle.CreateClient(token: null);

        var page = await anonymous.GetAsync("/api/cycle/audit");
        var csv = await anonymous.GetAsync("/api/cycle/audit.csv");

        AssertProblem(HttpStatusCode.Unauthorized, page);
        AssertProblem(HttpStatusCode.Unauthorized, csv);
    }

    [Fact]
    public async Task Only_a_platform_administrator_may_read_the_cycles_audit_trail()
    {
        using var clerk = cycle.CreateClient(cycle.Tokens.Token(new TokenRequest { Subject = "clerk-of-a-body", Roles = ["clerk"] }));

        var page = await clerk.GetAsync("/api/cycle/audit");
        var csv = await clerk.GetAsync("/api/cycle/audit.csv");

        AssertProblem(HttpStatusCode.Forbidden, page);
        AssertProblem(HttpStatusCode.Forbidden, csv);
    }

    [Fact]
    public async Task A_page_size_out_of_range_is_a_problem_not_an_error()
    {
        var response = await cycle.CreateClient().GetAsync("/api/cycle/audit?limit=0");

        AssertProblem(HttpStatusCode.BadRequest, response);
    }

    private static void AssertProblem(HttpStatusCode expected, HttpResponseMessage response)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<AuditPage> PageAsync(string filter)
    {
        var response = await cycle.CreateClient().GetAsync($"/api/cycle/audit?{filter}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/cycle/audit?{filter} gave {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<AuditPage>(text, Json)!;
    }

    /// <summary>The body and its audit entry commit together, so once the body is readable its entry is too.</summary>
    private async Task WaitForBodyAsync(Guid id)
    {
        using var client = cycle.CreateClient();
        await Eventually.HoldsAsync(
            async () => (await client.GetAsync($"/api/cycle/bodies/{id}")).IsSuccessStatusCode,
            what: $"body {id} in the cycle's read model");
    }
}
