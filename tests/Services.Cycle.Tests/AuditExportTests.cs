using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Audit;
using Concordat.Contracts.Registry;
using Concordat.LocalServers;
using Concordat.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

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

    [Theory]
    [InlineData("/api/cycle/audit?record_type=%00", "record_type")]
    [InlineData("/api/cycle/audit?subject=%00", "subject")]
    [InlineData("/api/cycle/audit.csv?record_type=%00", "record_type")]
    [InlineData("/api/cycle/audit.csv?subject=%00", "subject")]
    public async Task A_NUL_in_an_audit_filter_is_a_field_error_before_any_csv_is_sent(string query, string field)
    {
        var response = await cycle.CreateClient().GetAsync(query);

        AssertProblem(HttpStatusCode.BadRequest, response);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task An_export_that_fails_after_it_started_is_aborted_so_the_client_sees_a_failed_download()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.MapGet("/export", (HttpContext context) => Results.Stream(
            stream => AuditExport.StreamOrAbortAsync(context, async () =>
            {
                await stream.WriteAsync("id,occurred_at\n"u8.ToArray());
                await stream.FlushAsync();
                throw new InvalidOperationException("The database went away mid-export.");
            }),
            AuditExport.CsvMediaType));
        await app.StartAsync();

        using var response = await app.GetTestClient().GetAsync("/export", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
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
