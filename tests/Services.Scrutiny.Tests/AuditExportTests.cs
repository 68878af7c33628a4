using System.Net;
using System.Text.Json;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

/// <summary>Scrutiny keeps its own audit trail and exports it to platform administrators only.</summary>
public sealed class AuditExportTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    [Fact]
    public void Every_endpoint_declares_its_access()
    {
        var undeclared = scrutiny.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AccessPolicy>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(undeclared.Count == 0, "No access declared:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task A_platform_administrator_can_export_scrutinys_audit_trail()
    {
        var page = await scrutiny.CreateClient().GetAsync("/api/scrutiny/audit");
        var csv = await scrutiny.CreateClient().GetAsync("/api/scrutiny/audit.csv");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var json = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("items").ValueKind);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/scrutiny/audit?record_type=%00", "record_type")]
    [InlineData("/api/scrutiny/audit?subject=%00", "subject")]
    [InlineData("/api/scrutiny/audit.csv?record_type=%00", "record_type")]
    [InlineData("/api/scrutiny/audit.csv?subject=%00", "subject")]
    public async Task A_NUL_in_an_audit_filter_is_a_field_error_before_any_csv_is_sent(string query, string field)
    {
        var response = await scrutiny.CreateClient().GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
    }

    [Fact]
    public async Task Without_a_token_scrutinys_audit_trail_is_refused_as_a_401_problem()
    {
        using var anonymous = scrutiny.CreateClient(token: null);

        var response = await anonymous.GetAsync("/api/scrutiny/audit");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
