using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;

namespace Concordat.Registry.Tests;

/// <summary>
/// The registry's OpenAPI document describes what it answers: real requests to every operation (reads with the ids of
/// real records, writes that succeed and writes that are refused), each answer checked against the served document
/// by a JSON Schema validator (<see cref="OpenApiContract"/>).
/// </summary>
public sealed partial class OpenApiContractTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly HttpClient _client = registry.CreateClient();

    [Fact]
    public async Task Every_answer_is_one_the_document_describes()
    {
        var contract = await OpenApiContract.LoadAsync(_client);
        var api = new RegistryClient(_client);
        var failures = new List<string>();
        async Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null, string? etag = null)
        {
            using var request = RegistryClient.Conditional(method, path, etag, body);
            var response = await _client.SendAsync(request);
            failures.AddRange(await contract.CheckAsync(method.Method, path, response));
            return response;
        }

        var organisation = await Send(HttpMethod.Post, "/api/registry/organisations", new { name = "Contract District Council", kind = "district_council", website = "https://example.org" });
        var organisationId = (await organisation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var person = await Send(HttpMethod.Post, "/api/registry/people", new { name = "Casey Contract", elected = true, email = "casey@example.org", affiliations = new[] { new { organisationId, title = "Leader" } } });
        var personId = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var bodyId = await api.BodyAsync("Contract Partnership", ["authorising"], organisationId);
        var seatId = await api.SeatAsync(bodyId, new { title = "Member", places = 3 });
        var membership = await Send(HttpMethod.Post, "/api/registry/memberships", new { bodyId, personId, seatId, role = "member", startsOn = "2026-01-01" });
        var membershipId = (await membership.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Send(HttpMethod.Post, "/api/registry/organisations", new { name = "Refused", kind = "council" });
        await Send(HttpMethod.Post, "/api/registry/people", new { elected = false });
        var ids = new Dictionary<string, Guid>
        {
            ["organisations"] = organisationId, ["people"] = personId, ["bodies"] = bodyId, ["seats"] = seatId, ["memberships"] = membershipId,
        };

        // Every read, with the id of a real record where the path takes one.
        var operations = contract.Operations.ToList();
        foreach (var (method, template) in operations.Where(o => o.Method == "GET"))
        {
            await Send(HttpMethod.Get, Fill(template, ids));
        }

        // Every write refused for an empty or unreadable body, or an unknown record: still an answer the document gives.
        foreach (var (method, template) in operations.Where(o => o.Method != "GET"))
        {
            var path = Fill(template, ids);
            await Send(new HttpMethod(method), path.Replace(bodyId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), new { });
        }

        if (Environment.GetEnvironmentVariable("CONCORDAT_OPENAPI_OUT") is { Length: > 0 } folder)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "registry.json"), await _client.GetStringAsync("/openapi/v1.json"));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers the document does not describe:\n" + string.Join("\n", failures.Distinct()));
    }

    [Fact]
    public async Task The_document_leaves_a_client_nothing_to_guess()
    {
        var contract = await OpenApiContract.LoadAsync(_client);

        var omissions = contract.Omissions();

        Assert.True(omissions.Count == 0, string.Join("\n", omissions));
    }

    [Theory]
    [InlineData("OrganisationRequest", "kind,name")]
    [InlineData("PersonRequest", "name")]
    [InlineData("BodyRequest", "name,scope,tier,type")]
    [InlineData("SeatRequest", "places,title")]
    public async Task A_request_property_is_required_only_when_the_api_requires_it(string schema, string required)
    {
        var contract = await OpenApiContract.LoadAsync(_client);

        Assert.Equal(required, string.Join(',', contract.RequiredOf(schema)));
    }

    private static string Fill(string template, Dictionary<string, Guid> ids)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var before = i > 0 ? segments[i - 1] : "";
            segments[i] = Parameter().Replace(segments[i], m => m.Value == "{collection}" ? "people"
                : ids.TryGetValue(before, out var id) ? id.ToString()
                : ids["bodies"].ToString());
        }

        return string.Join('/', segments);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
