namespace Concordat.Testing.Tests;

/// <summary>
/// The draft-03 validator refuses what it should, so a test that finds no errors in the open-data export
/// has checked something.
/// </summary>
public sealed class JsonSchemaDraft3Tests
{
    private const string Organization = JsonSchemaDraft3.PopoloSchemaBase + "organization.json#";
    private const string Person = JsonSchemaDraft3.PopoloSchemaBase + "person.json#";
    private const string Membership = JsonSchemaDraft3.PopoloSchemaBase + "membership.json#";
    private const string Post = JsonSchemaDraft3.PopoloSchemaBase + "post.json#";
    private const string Count = JsonSchemaDraft3.PopoloSchemaBase + "count.json#";

    private static readonly JsonSchemaDraft3 Popolo = JsonSchemaDraft3.Popolo();

    [Fact]
    public void Every_Popolo_schema_loads_with_its_references_resolved()
    {
        Assert.Contains("http://www.popoloproject.com/schemas/organization.json", Popolo.SchemaIds);
        Assert.Contains("http://www.popoloproject.com/schemas/person.json", Popolo.SchemaIds);
        Assert.Contains("http://www.popoloproject.com/schemas/membership.json", Popolo.SchemaIds);
        Assert.Contains("http://www.popoloproject.com/schemas/post.json", Popolo.SchemaIds);
        Assert.Contains("http://www.popoloproject.com/schemas/identifier.json", Popolo.SchemaIds);
    }

    [Fact]
    public void The_copy_of_the_Popolo_schemas_matches_the_shared_one()
    {
        var copy = Directory.GetFiles(JsonSchemaDraft3.PopoloFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Superset(new HashSet<string?> { "organization.json", "person.json", "membership.json", "post.json" }, copy.ToHashSet());

        // Where the project's shared folder is beside the repository (a developer's machine), the copy must be the same files.
        if (Directory.Exists(JsonSchemaDraft3.SharedPopoloFolder))
        {
            var shared = Directory.GetFiles(JsonSchemaDraft3.SharedPopoloFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(shared, copy);
            foreach (var file in shared)
            {
                Assert.Equal(
                    File.ReadAllBytes(Path.Combine(JsonSchemaDraft3.SharedPopoloFolder, file!)),
                    File.ReadAllBytes(Path.Combine(JsonSchemaDraft3.PopoloFolder, file!)));
            }
        }
    }

    [Fact]
    public void A_complete_valid_organization_passes()
    {
        const string json = """
            {
              "id": "0196f2a0-0000-7000-8000-000000000001", "name": "Gloucestershire Strategic Partnership",
              "classification": "partnership_body_strategic", "parent_id": null,
              "other_names": [{ "name": "GSP", "note": "short name" }],
              "identifiers": [{ "identifier": "0196f2a0-0000-7000-8000-000000000001", "scheme": "concordat:test" }],
              "founding_date": "2008", "dissolution_date": "2026-03-31",
              "links": [{ "url": "https://example.org/gsp/terms-of-reference.pdf", "note": "terms of reference" }],
              "created_at": "2026-11-23T07:45:01Z", "updated_at": "2026-11-23T07:45:01.123+00:00"
            }
            """;

        Assert.Empty(Popolo.Validate(json, Organization));
    }

    [Fact]
    public void A_missing_required_property_is_refused_through_a_reference()
    {
        var errors = Popolo.Validate("""{ "identifiers": [{ "scheme": "concordat:test" }] }""", Organization);

        var error = Assert.Single(errors);
        Assert.Contains("$.identifiers[0]", error, StringComparison.Ordinal);
        Assert.Contains("\"identifier\" is missing", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": 42 }""", "$.name")]
    [InlineData("""{ "name": ["Gloucestershire"] }""", "$.name")]
    [InlineData("""{ "identifiers": { "identifier": "x" } }""", "$.identifiers")]
    [InlineData("""{ "identifiers": [42] }""", "$.identifiers[0]")]
    [InlineData("""{ "identifiers": [{ "identifier": null }] }""", "$.identifiers[0].identifier")]
    [InlineData("""{ "links": [{ "url": "https://example.org", "note": false }] }""", "$.links[0].note")]
    [InlineData("""[]""", "$")]
    public void A_value_of_the_wrong_type_is_refused(string json, string path)
    {
        var error = Assert.Single(Popolo.Validate(json, Organization));

        Assert.StartsWith(path + ":", error, StringComparison.Ordinal);
        Assert.Contains("is not of type", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_union_type_admits_each_of_its_members()
    {
        Assert.Empty(Popolo.Validate("""{ "name": null, "classification": "county_council" }""", Organization));
    }

    [Fact]
    public void An_integer_must_be_whole()
    {
        Assert.Empty(Popolo.Validate("""{ "option": "yes", "value": 3 }""", Count));

        Assert.Single(Popolo.Validate("""{ "option": "yes", "value": 3.5 }""", Count));
    }

    [Theory]
    [InlineData("23/11/2026")]
    [InlineData("2026-11-23T10:00:00Z")]
    [InlineData("2026-1-23")]
    [InlineData("2026-11-23\n")]
    [InlineData("")]
    public void A_date_that_breaks_the_pattern_is_refused(string date)
    {
        var errors = Popolo.Validate($$"""{ "dissolution_date": {{System.Text.Json.JsonSerializer.Serialize(date)}} }""", Organization);

        Assert.Contains("does not match the pattern", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026")]
    [InlineData("2026-11")]
    [InlineData("2026-11-23")]
    public void A_date_of_any_precision_the_pattern_allows_passes(string date)
    {
        Assert.Empty(Popolo.Validate($$"""{ "founding_date": "{{date}}" }""", Organization));
    }

    [Fact]
    public void A_membership_date_may_carry_a_time_but_a_post_date_may_not()
    {
        const string start = """{ "start_date": "2026-11-23T10:00:00Z" }""";

        Assert.Empty(Popolo.Validate(start, Membership));
        Assert.Single(Popolo.Validate(start, Post));
    }

    [Theory]
    [InlineData("links", "url", "not a uri")]
    [InlineData("links", "url", "/relative/path")]
    [InlineData("links", "url", "https://example.org/a b")]
    [InlineData("sources", "url", "")]
    public void A_url_that_is_not_a_uri_is_refused(string list, string property, string value)
    {
        var error = Assert.Single(Popolo.Validate($$"""{ "{{list}}": [{ "{{property}}": "{{value}}" }] }""", Organization));

        Assert.Contains("is not a valid uri", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-23 07:45:01Z")]
    [InlineData("2026-13-23T07:45:01Z")]
    [InlineData("2026-11-23T07:45:01")]
    public void A_time_that_is_not_a_date_time_is_refused(string value)
    {
        var error = Assert.Single(Popolo.Validate($$"""{ "created_at": "{{value}}" }""", Post));

        Assert.Contains("is not a valid date-time", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("Jo Bloggs <jo@example.org>")]
    [InlineData("jo @example.org")]
    public void An_email_that_is_not_an_address_is_refused(string value)
    {
        Assert.Single(Popolo.Validate($$"""{ "email": "{{value}}" }""", Person));

        Assert.Empty(Popolo.Validate("""{ "email": "jo@example.org" }""", Person));
    }

    [Fact]
    public void Every_error_is_reported_not_only_the_first()
    {
        var errors = Popolo.Validate("""{ "person_id": 1, "organization_id": 2, "end_date": "soon" }""", Membership);

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Undeclared_properties_pass_by_default_as_Popolo_allows_them()
    {
        Assert.Empty(Popolo.Validate("""{ "on_behalf_id": "x" }""", Membership));
    }

    [Fact]
    public void Undeclared_properties_are_refused_when_asked()
    {
        var strict = JsonSchemaDraft3.Popolo(disallowUndeclaredProperties: true);

        var error = Assert.Single(strict.Validate("""{ "on_behalf_id": "x", "on_behalf_of_id": "y" }""", Membership));

        Assert.Contains("\"on_behalf_id\" is not declared", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalProperties_false_refuses_an_undeclared_property()
    {
        var schema = JsonSchemaDraft3.Load([
            """{ "id": "urn:test:closed#", "type": "object", "properties": { "name": { "type": "string" } }, "additionalProperties": false }""",
        ]);

        Assert.Empty(schema.Validate("""{ "name": "GSP" }""", "urn:test:closed#"));
        var error = Assert.Single(schema.Validate("""{ "name": "GSP", "colour": "green" }""", "urn:test:closed#"));
        Assert.Contains("\"colour\" is not allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalProperties_as_a_schema_validates_each_undeclared_property()
    {
        var schema = JsonSchemaDraft3.Load([
            """{ "id": "urn:test:counts#", "type": "object", "properties": { "name": { "type": "string" } }, "additionalProperties": { "type": "integer" } }""",
        ]);

        Assert.Empty(schema.Validate("""{ "name": "GSP", "members": 12 }""", "urn:test:counts#"));
        Assert.StartsWith("$.members:", Assert.Single(schema.Validate("""{ "name": "GSP", "members": "twelve" }""", "urn:test:counts#")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "id": "urn:test:s#", "minimum": 1 }""")]
    [InlineData("""{ "id": "urn:test:s#", "properties": { "a": { "enum": ["x"] } } }""")]
    [InlineData("""{ "id": "urn:test:s#", "properties": { "a": { "format": "ip-address" } } }""")]
    [InlineData("""{ "id": "urn:test:s#", "type": [{ "type": "string" }, "null"] }""")]
    [InlineData("""{ "id": "urn:test:s#", "items": [{ "type": "string" }] }""")]
    [InlineData("""{ "id": "urn:test:s#", "properties": { "a": { "id": "urn:test:inner#" } } }""")]
    [InlineData("""{ "type": "object" }""")]
    public void A_schema_using_what_the_validator_cannot_check_is_refused_at_load(string schema)
    {
        Assert.Throws<NotSupportedException>(() => JsonSchemaDraft3.Load([schema]));
    }

    [Fact]
    public void A_reference_to_a_schema_not_loaded_is_refused_at_load()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JsonSchemaDraft3.Load([
            """{ "id": "urn:test:a#", "properties": { "b": { "$ref": "urn:test:b#" } } }""",
        ]));

        Assert.Contains("urn:test:b#", error.Message, StringComparison.Ordinal);
    }
}
