using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Concordat.Registry.Tests;

/// <summary>
/// The API as an integrator meets it from its documents: error members are named as the JSON names them, an unknown
/// word is a field error that lists the allowed words, and a value the API accepts is one the import accepts too.
/// </summary>
public sealed class ApiContractTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly HttpClient _client = registry.CreateClient();

    [Theory]
    [InlineData("/api/registry/organisations", """{"kind":"county_council"}""", "name")]
    [InlineData("/api/registry/organisations", """{"name":"A council"}""", "kind")]
    [InlineData("/api/registry/bodies", """{"name":"A body","type":"strategic","scope":"thematic","tier":"county","supportingOrganisationId":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b"}""", "supportingOrganisationId")]
    [InlineData("/api/registry/people", """{"name":"Jo Bloggs","elected":false,"affiliations":[{"organisationId":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b"}]}""", "affiliations")]
    public async Task Error_members_are_named_as_the_json_names_them(string path, string json, string field)
    {
        var errors = await FieldErrorsAsync(await PostAsync(path, json));

        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
        Assert.DoesNotContain(errors.EnumerateObject(), e => char.IsUpper(e.Name[0]));
    }

    [Theory]
    [InlineData("/api/registry/organisations", """{"name":"A council","kind":"council"}""", "kind", "county_council")]
    [InlineData("/api/registry/bodies", """{"name":"A body","type":"strategic","scope":"thematic","tier":"county","roles":["authorizing"]}""", "roles[0]", "authorising")]
    [InlineData("/api/registry/bodies", """{"name":"A body","type":"strategic","scope":"thematic","tier":"parish"}""", "tier", "neighbourhood")]
    public async Task An_unknown_word_is_a_field_error_listing_the_allowed_words(string path, string json, string field, string allowed)
    {
        var response = await PostAsync(path, json);
        var body = await response.Content.ReadAsStringAsync();

        var errors = await FieldErrorsAsync(response);
        Assert.True(errors.TryGetProperty(field, out var messages), $"expected an error for {field}: {body}");
        Assert.True(messages[0].GetString()!.Contains(allowed, StringComparison.Ordinal), $"expected {allowed} among the allowed values: {body}");
        Assert.DoesNotContain("Concordat.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("not valid JSON", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_word_in_the_query_is_a_field_error_listing_the_allowed_words()
    {
        var response = await _client.GetAsync("/api/registry/organisations?kind=council");

        var errors = await FieldErrorsAsync(response);
        Assert.True(errors.TryGetProperty("kind", out var messages), errors.ToString());
        Assert.True(messages[0].GetString()!.Contains("county_council", StringComparison.Ordinal), errors.ToString());
    }

    [Theory]
    [InlineData("jo bloggs@example.org")]
    [InlineData("jo@")]
    [InlineData("@example.org")]
    public async Task An_email_the_import_refuses_the_api_refuses_too(string email)
    {
        var api = await PostAsync("/api/registry/people", JsonSerializer.Serialize(new { name = "Jo Bloggs", elected = false, email }));
        var import = await PostAsync("/api/registry/import", JsonSerializer.Serialize(new
        {
            format = "concordat-registry/1",
            people = new[] { new { name = "Jo Bloggs", elected = false, email } },
        }));

        Assert.True((await FieldErrorsAsync(api)).TryGetProperty("email", out _));
        Assert.True((await FieldErrorsAsync(import)).TryGetProperty("people[1].email", out _));
    }

    [Theory]
    [InlineData("ftp://example.org/terms")]
    [InlineData("http://exa mple.org")]
    public async Task A_web_address_the_import_refuses_the_api_refuses_too(string website)
    {
        var api = await PostAsync("/api/registry/organisations", JsonSerializer.Serialize(new { name = "A council", kind = "county_council", website }));
        var import = await PostAsync("/api/registry/import", JsonSerializer.Serialize(new
        {
            format = "concordat-registry/1",
            organisations = new[] { new { name = "A council", kind = "county_council", website } },
        }));

        Assert.True((await FieldErrorsAsync(api)).TryGetProperty("website", out _));
        Assert.True((await FieldErrorsAsync(import)).TryGetProperty("organisations[1].website", out _));
    }

    [Fact]
    public async Task Terms_of_reference_the_api_refuses_as_too_long_the_import_refuses_too()
    {
        var termsOfReference = new string('x', 20_001);

        var api = await PostAsync("/api/registry/bodies", JsonSerializer.Serialize(new { name = "A body", type = "strategic", scope = "thematic", tier = "county", termsOfReference }));
        var import = await PostAsync("/api/registry/import", JsonSerializer.Serialize(new
        {
            format = "concordat-registry/1",
            bodies = new[] { new { name = "A body", type = "strategic", scope = "thematic", tier = "county", termsOfReference } },
        }));

        Assert.True((await FieldErrorsAsync(api)).TryGetProperty("termsOfReference", out _));
        Assert.True((await FieldErrorsAsync(import)).TryGetProperty("bodies[1].termsOfReference", out _));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json) =>
        _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> FieldErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var errors), $"no field errors in {body}");
        return errors.Clone();
    }
}
