using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concordat.Registry.Tests;

/// <summary>
/// Input no request should be able to turn into a 500 (issue 11): control characters in stored text, <c>null</c> in a
/// list of objects, a lone surrogate, NUL in a query, a uniqueness race. Each is a 4xx problem naming what is wrong.
/// </summary>
public sealed partial class HostileInputTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly RegistryClient _api = new(registry.CreateClient());

    public static TheoryData<string, string> TextFields => new()
    {
        { "organisation name", "name" },
        { "organisation short name", "shortName" },
        { "person name", "person.name" },
        { "affiliation title", "affiliations[0].title" },
        { "subject", "subject" },
        { "body name", "body.name" },
        { "coverage", "coverage" },
        { "terms of reference", "termsOfReference" },
        { "seat title", "title" },
        { "substitute rule", "substituteRule" },
        { "agreement title", "agreement.title" },
        { "agreement purpose", "purpose" },
        { "desired outcome", "desiredOutcomes[0]" },
        { "api key name", "key.name" },
    };

    [Theory]
    [MemberData(nameof(TextFields))]
    public async Task A_NUL_in_stored_text_is_a_field_error_not_a_500(string what, string field)
    {
        var (path, body, key) = await RequestWithAsync(field, "before\0after");

        var response = await _api.Http.PostAsync(path, Json(body));

        var errors = await FieldErrorsAsync(response, what);
        Assert.True(errors.TryGetProperty(key, out var messages), $"{what}: no error for '{key}' in {errors}");
        Assert.Contains("U+0000", messages[0].GetString());
    }

    [Fact]
    public async Task Line_breaks_and_tabs_are_kept_in_multi_line_text_and_refused_in_one_line_text()
    {
        var organisation = await _api.OrganisationAsync("Line Break Council");
        var multiLine = await _api.Http.PostAsJsonAsync("/api/registry/bodies", new
        {
            name = "Multi-line Partnership", type = "strategic", scope = "geographic", tier = "county",
            termsOfReference = "1. Agree the strategy.\r\n2. Review it.\tYearly.", supportingOrganisationId = organisation,
        });
        var oneLine = await _api.Http.PostAsJsonAsync("/api/registry/bodies", new { name = "Two\nLines", type = "strategic", scope = "geographic", tier = "county" });
        var bell = await _api.Http.PostAsJsonAsync("/api/registry/bodies", new { name = "Bell", type = "strategic", scope = "geographic", tier = "county", termsOfReference = "ring \u0007" });

        Assert.Equal(HttpStatusCode.Created, multiLine.StatusCode);
        Assert.Equal("1. Agree the strategy.\r\n2. Review it.\tYearly.", (await multiLine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("termsOfReference").GetString());
        Assert.True((await FieldErrorsAsync(oneLine, "a name with a line break")).TryGetProperty("name", out _));
        Assert.True((await FieldErrorsAsync(bell, "terms with a bell character")).TryGetProperty("termsOfReference", out _));
    }

    public static TheoryData<string, string> NullElements => new()
    {
        { "/api/registry/people", """{"name":"Null Affiliation","elected":false,"affiliations":[null]}""" },
        { "/api/registry/agreements", """{"title":"Null party","kind":"protocol","purpose":"p","parties":[null]}""" },
        { "/api/registry/agreements", """{"title":"Null signatory","kind":"protocol","purpose":"p","parties":[],"signatories":[null]}""" },
        { "/api/registry/bodies", """{"name":"Null role","type":"strategic","scope":"geographic","tier":"county","roles":[null]}""" },
        { "/api/registry/agreements", """{"title":"Null outcome","kind":"protocol","purpose":"p","parties":[],"desiredOutcomes":[null]}""" },
    };

    [Theory]
    [MemberData(nameof(NullElements))]
    public async Task A_null_element_in_a_list_is_a_field_error_naming_the_element(string path, string json)
    {
        var response = await _api.Http.PostAsync(path, Json(json));

        var errors = await FieldErrorsAsync(response, json);
        Assert.Contains(errors.EnumerateObject(), e => e.Name.EndsWith("[0]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lone_surrogate_is_refused_by_the_api_and_the_import_alike()
    {
        const string Organisation = """{"name":"a\ud800b","kind":"police"}""";
        const string Document = """{"format":"concordat-registry/1","organisations":[{"id":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b","name":"a\ud800b","kind":"police"}]}""";
        const string Name = """{"format":"concordat-registry/1","a\ud800b":[]}""";

        var api = await _api.Http.PostAsync("/api/registry/organisations", Json(Organisation));
        var import = await _api.Http.PostAsync("/api/registry/import", Json(Document));
        var importName = await _api.Http.PostAsync("/api/registry/import", Json(Name));

        await AssertProblemAsync(HttpStatusCode.BadRequest, api);
        Assert.True((await FieldErrorsAsync(import, "import")).TryGetProperty("organisations[1].name", out _));
        await AssertProblemAsync(HttpStatusCode.BadRequest, importName);
    }

    [Theory]
    [InlineData("/api/registry/people")]
    [InlineData("/api/registry/organisations")]
    [InlineData("/api/registry/bodies")]
    public async Task A_NUL_in_a_public_search_is_a_field_error_for_anyone(string list)
    {
        using var anonymous = registry.CreateClient(token: null);

        var response = await anonymous.GetAsync($"{list}?q=%00");

        Assert.True((await FieldErrorsAsync(response, list)).TryGetProperty("q", out _));
    }

    [Theory]
    [InlineData("/api/registry/audit?record_type=%00", "record_type")]
    [InlineData("/api/registry/audit?subject=%00", "subject")]
    [InlineData("/api/registry/audit.csv?record_type=%00", "record_type")]
    [InlineData("/api/registry/audit.csv?subject=a%01b", "subject")]
    [InlineData("/api/registry/audit?record_type=person&record_id=%00", "record_id")]
    public async Task A_control_character_in_an_audit_filter_is_refused_before_the_export_starts(string query, string field)
    {
        var response = await _api.Http.GetAsync(query);

        Assert.True((await FieldErrorsAsync(response, query)).TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    public async Task A_search_for_a_wildcard_character_matches_it_literally(string wildcard)
    {
        var marker = $"Literal {Guid.NewGuid():N}";
        await _api.OrganisationAsync($"{marker} 100{wildcard} Council");
        await _api.OrganisationAsync($"{marker} Plain Council");

        var found = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/organisations?limit=200&q={Uri.EscapeDataString(wildcard)}");
        var names = found.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).Where(n => n.StartsWith(marker, StringComparison.Ordinal)).ToList();

        Assert.Equal([$"{marker} 100{wildcard} Council"], names);
    }

    [Fact]
    public async Task Two_people_registered_at_once_with_one_subject_get_one_201_and_one_409_subject_taken()
    {
        for (var round = 0; round < 8; round++)
        {
            var subject = $"race-{Guid.NewGuid():N}";
            var person = new { name = "Racing person", elected = false, subject };

            var answers = await Task.WhenAll(
                _api.Http.PostAsJsonAsync("/api/registry/people", person),
                _api.Http.PostAsJsonAsync("/api/registry/people", person));

            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
            var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.Created);
            Assert.Equal("subject-taken", await RegistryClient.RuleOfAsync(refused));
        }
    }

    public static TheoryData<string, string, string> Unreadable => new()
    {
        { "POST", "/api/registry/organisations", """{"name":"Kind of nothing","kind":"nonsense"}""" },
        { "POST", "/api/registry/organisations", """{"name":"Duty","kind":"police","dutyToCooperate":"perhaps"}""" },
        { "POST", "/api/registry/people", """{"name":"Wrong list","elected":false,"affiliations":[{"organisationId":"not-a-uuid"}]}""" },
        { "POST", "/api/registry/people", """[]""" },
        { "POST", "/api/registry/memberships", """{"bodyId":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b","personId":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b","role":"member","startsOn":"2026-13-45"}""" },
        { "GET", "/api/registry/people?organisation=abc", "" },
        { "GET", "/api/registry/people?elected=perhaps", "" },
        { "GET", "/api/registry/bodies?role=juggling", "" },
        { "GET", "/api/registry/memberships?current_on=yesterday", "" },
        { "GET", "/api/registry/organisations?limit=99999999999", "" },
        { "GET", "/api/registry/audit?since=yesterday", "" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task No_error_names_a_dotnet_type(string method, string path, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = json.Length == 0 ? null : Json(json) };

        var response = await _api.Http.SendAsync(request);

        var body = await AssertProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.False(DotnetType().IsMatch(body), $"{method} {path}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out _), $"{method} {path} should name the field: {body}");
    }

    /// <summary>A request whose <paramref name="field"/> holds <paramref name="text"/>, and the error key it should give.</summary>
    private async Task<(string Path, string Body, string Key)> RequestWithAsync(string field, string text)
    {
        var value = JsonSerializer.Serialize(text);
        var organisation = await _api.OrganisationAsync($"Hostile {Guid.NewGuid():N}");
        var body = await _api.BodyAsync($"Hostile body {Guid.NewGuid():N}", supportingOrganisationId: organisation);
        return field switch
        {
            "name" => ("/api/registry/organisations", $$"""{"name":{{value}},"kind":"police"}""", "name"),
            "shortName" => ("/api/registry/organisations", $$"""{"name":"Org","shortName":{{value}},"kind":"police"}""", "shortName"),
            "person.name" => ("/api/registry/people", $$"""{"name":{{value}},"elected":false}""", "name"),
            "affiliations[0].title" => ("/api/registry/people", $$"""{"name":"P","elected":false,"affiliations":[{"organisationId":"{{organisation}}","title":{{value}}}]}""", field),
            "subject" => ("/api/registry/people", $$"""{"name":"P","elected":false,"subject":{{value}}}""", field),
            "body.name" => ("/api/registry/bodies", $$"""{"name":{{value}},"type":"strategic","scope":"geographic","tier":"county"}""", "name"),
            "coverage" or "termsOfReference" => ("/api/registry/bodies", $$"""{"name":"B","type":"strategic","scope":"geographic","tier":"county","{{field}}":{{value}}}""", field),
            "title" or "substituteRule" => ($"/api/registry/bodies/{body}/seats", $$"""{"title":{{(field == "title" ? value : "\"Seat\"")}},"places":1,"substituteRule":{{(field == "substituteRule" ? value : "null")}}}""", field),
            "agreement.title" => ("/api/registry/agreements", $$"""{"title":{{value}},"kind":"protocol","purpose":"p","parties":[{"organisationId":"{{organisation}}"}]}""", "title"),
            "purpose" => ("/api/registry/agreements", $$"""{"title":"A","kind":"protocol","purpose":{{value}},"parties":[{"organisationId":"{{organisation}}"}]}""", "purpose"),
            "desiredOutcomes[0]" => ("/api/registry/agreements", $$"""{"title":"A","kind":"protocol","purpose":"p","desiredOutcomes":[{{value}}],"parties":[{"organisationId":"{{organisation}}"}]}""", field),
            "key.name" => ($"/api/registry/organisations/{organisation}/api-keys", $$"""{"name":{{value}}}""", "name"),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> AssertProblemAsync(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    private static async Task<JsonElement> FieldErrorsAsync(HttpResponseMessage response, string what)
    {
        var body = await AssertProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors), $"{what}: no field errors in {body}");
        return errors.Clone();
    }

    [GeneratedRegex(@"\b(System|Microsoft|Concordat)\.[A-Z]|Nullable|Guid\b|DateOnly|DateTimeOffset|Int32|\w+Request\b|`1")]
    private static partial Regex DotnetType();
}
