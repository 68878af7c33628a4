using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.Registry.Tests;

/// <summary>Makes registry records through the API, as a clerk's tool would, for tests to build on.</summary>
public sealed class RegistryClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<JsonElement> CreateAsync(string path, object request)
    {
        var response = await http.PostAsJsonAsync(path, request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} gave {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<Guid> OrganisationAsync(string name, string kind = "district_council") =>
        (await CreateAsync("/api/registry/organisations", new { name, kind })).GetProperty("id").GetGuid();

    public async Task<Guid> PersonAsync(string name, bool elected, Guid? organisation = null, string? title = null) =>
        (await CreateAsync("/api/registry/people", new
        {
            name,
            elected,
            affiliations = organisation is { } o ? new[] { new { organisationId = o, title } } : [],
        })).GetProperty("id").GetGuid();

    public async Task<Guid> BodyAsync(string name, string[]? roles = null, Guid? supportingOrganisationId = null, string? termsReviewDue = null, string tier = "county") =>
        (await CreateAsync("/api/registry/bodies", new
        {
            name,
            type = "strategic",
            scope = "geographic",
            tier,
            roles = roles ?? [],
            supportingOrganisationId,
            termsReviewDue,
        })).GetProperty("id").GetGuid();

    public async Task<Guid> SeatAsync(Guid body, object seat) =>
        (await CreateAsync($"/api/registry/bodies/{body}/seats", seat)).GetProperty("id").GetGuid();

    public Task<HttpResponseMessage> JoinAsync(Guid body, Guid person, string role = "member", Guid? seat = null, Guid? onBehalfOfBody = null, Guid? onBehalfOfOrganisation = null, string? startsOn = null) =>
        http.PostAsJsonAsync("/api/registry/memberships", new
        {
            bodyId = body,
            personId = person,
            seatId = seat,
            role,
            onBehalfOfBodyId = onBehalfOfBody,
            onBehalfOfOrganisationId = onBehalfOfOrganisation,
            startsOn,
        });

    /// <summary>A request carrying <c>If-Match</c>.</summary>
    public static HttpRequestMessage Conditional(HttpMethod method, string path, string? etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return request;
    }

    public static async Task<string> RuleOfAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("rule").GetString()!;
    }
}
