using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concordat.ServiceKit;
using Concordat.Contracts.Registry;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>Import into, and export from, a registry holding <see cref="SampleRegistry"/>.</summary>
public sealed class TransferTests(SeededRegistry seeded) : IClassFixture<SeededRegistry>
{
    private readonly RegistryFactory _registry = seeded.Registry;
    private readonly HttpClient _client = seeded.Registry.CreateClient();

    [Fact]
    public async Task Importing_an_export_again_changes_nothing_no_version_no_event()
    {
        var before = await TransferRequests.SnapshotAsync(_registry);
        var json = await _client.GetStringAsync("/api/registry/export.json");

        var summary = await TransferRequests.ImportJsonAsync(_client, json);
        foreach (var collection in TransferRequests.Collections)
        {
            var csv = await _client.GetByteArrayAsync($"/api/registry/export/{collection}.csv");
            var counts = await TransferRequests.ImportCsvAsync(_client, collection, csv);
            Assert.Equal(0, counts.GetProperty(collection).GetProperty("created").GetInt32());
            Assert.Equal(0, counts.GetProperty(collection).GetProperty("updated").GetInt32());
        }

        Assert.Equal(0, TransferRequests.Sum(summary, "created") + TransferRequests.Sum(summary, "updated"));
        Assert.Equal(TransferRequests.Sum(JsonDocument.Parse(json).RootElement, null), TransferRequests.Sum(summary, "unchanged"));
        Assert.Equal(before, await TransferRequests.SnapshotAsync(_registry));
    }

    [Theory]
    [InlineData("json", """{"format":"concordat-registry/1","organisations":[{"name":"Stroud District Council","kind":"district_council"},{"kind":"parish"}]}""", "organisations[2].name", "organisations[2].kind")]
    [InlineData("json", """{"format":"concordat-registry/1","people":[{"name":"Jo Bloggs","elected":"perhaps","email":"jo"}]}""", "people[1].elected", "people[1].email")]
    [InlineData("json", """{"format":"concordat-registry/1","memberships":[{"bodyId":"0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b","personId":"{leader}","startsOn":"2026-01-01"}]}""", "memberships[1].bodyId", null)]
    [InlineData("json", """{"format":"concordat-registry/1","seats":[{"bodyId":"{gsp}","title":"Vice-chair","places":0},{"bodyId":"{gsp}","title":"Adviser","places":1,"holders":"anyone"}]}""", "seats[1].places", "seats[2].holders")]
    [InlineData("people", "name,elected\nJo Bloggs,true\nSam Smith,maybe\n", "people[3].elected", null)]
    [InlineData("memberships", "bodyId,personId,role,startsOn,endsOn\n{gsp},{leader},member,2026-02-30,\n{gsp},{leader},treasurer,2026-01-01,2025-01-01\n", "memberships[2].startsOn", "memberships[3].role")]
    [InlineData("bodies", "name,type,scope,tier,status\nStroud LSP,strategic,geographic,district,dissolved\n", "bodies[2].dissolvedOn", null)]
    [InlineData("organisations", "name,kind,colour\nStroud District Council,district_council,green\n", "organisations[1].colour", null)]
    public async Task An_invalid_row_is_refused_naming_its_collection_row_and_field_and_nothing_is_stored(string format, string body, string field, string? another)
    {
        var before = await TransferRequests.SnapshotAsync(_registry);
        body = body.Replace("{gsp}", seeded.Sample.Gsp.ToString(), StringComparison.Ordinal)
            .Replace("{leader}", seeded.Sample.Leader.ToString(), StringComparison.Ordinal);

        var response = format == "json"
            ? await _client.PostAsync("/api/registry/import", TransferRequests.Json(body))
            : await _client.PostAsync($"/api/registry/import/{format}", TransferRequests.Csv(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for {field}: {errors}");
        Assert.True(another is null || errors.TryGetProperty(another, out _), $"expected an error for {another}: {errors}");
        Assert.Equal(before, await TransferRequests.SnapshotAsync(_registry));
    }

    [Fact]
    public async Task A_membership_breaking_a_seat_rule_is_refused_naming_the_rule_and_row_and_nothing_is_stored()
    {
        var before = await TransferRequests.SnapshotAsync(_registry);
        var councillor = Guid.CreateVersion7();
        var import = new
        {
            format = "concordat-registry/1",
            organisations = new[] { new { name = "Stroud District Council", kind = "district_council" } },
            people = new[] { new { id = councillor, name = "Cllr Doina Cornell", elected = true } },
            memberships = new object[]
            {
                new { bodyId = seeded.Sample.Gsp, personId = councillor, seatId = seeded.Sample.LeaderSeat, onBehalfOfOrganisationId = seeded.Sample.County, role = "substitute", startsOn = "2026-01-01" },
                new { bodyId = seeded.Sample.Gsp, personId = councillor, seatId = seeded.Sample.ChairSeat, role = "chair", voting = true, startsOn = "2026-01-01" },
            },
        };

        var response = await _client.PostAsJsonAsync("/api/registry/import", import);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("seat-requires-non-elected", problem.GetProperty("rule").GetString());
        Assert.Equal("https://concordat.org/problems/registry/seat-requires-non-elected", problem.GetProperty("type").GetString());
        Assert.Equal("memberships", problem.GetProperty("collection").GetString());
        Assert.Equal(2, problem.GetProperty("row").GetInt32());
        Assert.Contains("Independent chair", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await TransferRequests.SnapshotAsync(_registry));
    }

    [Theory]
    [InlineData("relationship-cycle")]
    [InlineData("relationship-exists")]
    [InlineData("membership-terms-fixed")]
    [InlineData("seat-body-fixed")]
    [InlineData("body-dissolved")]
    public async Task A_change_the_registry_forbids_is_refused_naming_its_rule_and_nothing_is_stored(string rule)
    {
        var before = await TransferRequests.SnapshotAsync(_registry);
        var document = JsonNode.Parse(await _client.GetStringAsync("/api/registry/export.json"))!;
        var sample = seeded.Sample;
        JsonNode Row(string collection, Func<JsonNode, bool> which) => document[collection]!.AsArray().Single(r => which(r!))!;
        static Guid Id(JsonNode row, string field) => row[field]!.GetValue<Guid>();
        switch (rule)
        {
            case "relationship-cycle":
                // The forum is part of the GSP; the GSP cannot be part of the forum.
                document["relationships"]!.AsArray().Add(new JsonObject { ["fromBodyId"] = sample.Gsp, ["kind"] = "part_of", ["toBodyId"] = sample.Forum });
                break;
            case "relationship-exists":
                var represented = Row("relationships", r => r["kind"]!.GetValue<string>() == "represented_on");
                document["relationships"]!.AsArray().Add(new JsonObject { ["fromBodyId"] = Id(represented, "fromBodyId"), ["kind"] = "represented_on", ["toBodyId"] = sample.Gsp });
                break;
            case "membership-terms-fixed":
                Row("memberships", m => Id(m, "personId") == sample.Leader && Id(m, "seatId") == sample.LeaderSeat)["role"] = "vice_chair";
                break;
            case "seat-body-fixed":
                // Without the seat's memberships, which would no longer be of the seat's body (400 before 409).
                Row("seats", s => Id(s, "id") == sample.ChairSeat)["bodyId"] = sample.Forum;
                document.AsObject().Remove("memberships");
                break;
            case "body-dissolved":
                var forum = Row("bodies", b => Id(b, "id") == sample.Forum);
                forum["status"] = "active";
                forum["dissolvedOn"] = null;
                break;
        }

        var response = await _client.PostAsync("/api/registry/import", TransferRequests.Json(document.ToJsonString()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal(before, await TransferRequests.SnapshotAsync(_registry));
    }

    [Fact]
    public async Task Changing_a_body_by_import_updates_only_it_and_announces_the_change_and_the_roles()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/api/registry/export.json"))!;
        var gsp = document["bodies"]!.AsArray().Single(b => b!["id"]!.GetValue<Guid>() == seeded.Sample.Gsp)!;
        gsp["name"] = "Gloucestershire Conference";
        gsp["roles"] = new JsonArray("deliberative", "authorising", "executive");
        var events = await TransferRequests.CountEventsAsync(_registry);

        var summary = await TransferRequests.ImportJsonAsync(_client, document.ToJsonString());

        Assert.Equal(1, summary.GetProperty("bodies").GetProperty("updated").GetInt32());
        Assert.Equal(1, TransferRequests.Sum(summary, "updated"));
        var announced = await TransferRequests.CountEventsAsync(_registry);
        Assert.Equal(events[nameof(BodyChanged)] + 1, announced[nameof(BodyChanged)]);
        Assert.Equal(events[nameof(BodyRolesChanged)] + 1, announced[nameof(BodyRolesChanged)]);
        Assert.Equal(events.Values.Sum() + 2, announced.Values.Sum());
        using var scope = _registry.Services.CreateScope();
        var body = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Bodies.SingleAsync(b => b.Id == seeded.Sample.Gsp);
        Assert.Equal("Gloucestershire Conference", body.Name);
        Assert.Equal(new[] { CycleRole.Deliberative, CycleRole.Authorising, CycleRole.Executive }, body.Roles);
    }

    [Fact]
    public async Task Ending_a_membership_by_import_announces_that_it_ends()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/api/registry/export.json"))!;
        var leader = document["memberships"]!.AsArray()
            .Single(m => m!["personId"]!.GetValue<Guid>() == seeded.Sample.Leader && m["seatId"]!.GetValue<Guid>() == seeded.Sample.LeaderSeat)!;
        leader["endsOn"] = "2026-05-31";
        var events = await TransferRequests.CountEventsAsync(_registry);

        var summary = await TransferRequests.ImportJsonAsync(_client, document.ToJsonString());

        Assert.Equal(1, summary.GetProperty("memberships").GetProperty("updated").GetInt32());
        Assert.Equal(1, TransferRequests.Sum(summary, "updated"));
        var announced = await TransferRequests.CountEventsAsync(_registry);
        Assert.Equal(events[nameof(MembershipEnded)] + 1, announced[nameof(MembershipEnded)]);
        Assert.Equal(events.Values.Sum() + 1, announced.Values.Sum());
    }

    [Fact]
    public async Task Dissolving_a_body_by_import_ends_its_current_memberships_and_announces_it_as_the_api_does()
    {
        // A body of its own with a running membership, so the shared sample stays as the other tests expect it.
        var (body, person, membership) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        object Forum(string status, string? dissolvedOn) => new { id = body, name = "Stroud Youth Forum", type = "consultative", scope = "thematic", tier = "district", roles = new[] { "deliberative" }, status, dissolvedOn };
        await TransferRequests.ImportJsonAsync(_client, JsonSerializer.Serialize(new
        {
            format = "concordat-registry/1",
            bodies = new[] { Forum("active", null) },
            people = new[] { new { id = person, name = "Jo Bloggs" } },
            memberships = new[] { new { id = membership, bodyId = body, personId = person, role = "member", startsOn = "2026-01-01" } },
        }));
        var events = await TransferRequests.CountEventsAsync(_registry);

        var summary = await TransferRequests.ImportJsonAsync(_client, JsonSerializer.Serialize(new { format = "concordat-registry/1", bodies = new[] { Forum("dissolved", "2026-06-30") } }));

        Assert.Equal(1, summary.GetProperty("bodies").GetProperty("updated").GetInt32());
        var ended = await _client.GetFromJsonAsync<JsonElement>($"/api/registry/memberships/{membership}");
        Assert.Equal("2026-06-30", ended.GetProperty("endsOn").GetString());
        var announced = await TransferRequests.CountEventsAsync(_registry);
        Assert.Equal(events[nameof(BodyDissolved)] + 1, announced[nameof(BodyDissolved)]);
        Assert.Equal(events[nameof(MembershipEnded)] + 1, announced[nameof(MembershipEnded)]);
        Assert.Equal(events.Values.Sum() + 2, announced.Values.Sum());
    }

    [Fact]
    public async Task The_import_and_the_api_refuse_the_same_length_of_terms_of_reference()
    {
        var longest = new string('x', Body.TermsOfReferenceMaxLength);
        object Described(string terms) => new { name = "Stroud Youth Forum", type = "consultative", scope = "thematic", tier = "district", termsOfReference = terms };
        async Task<HttpStatusCode> ImportAsync(string terms) =>
            (await _client.PostAsJsonAsync("/api/registry/import", new { format = "concordat-registry/1", bodies = new[] { Described(terms) } })).StatusCode;
        async Task<HttpStatusCode> RegisterAsync(string terms) => (await _client.PostAsJsonAsync("/api/registry/bodies", Described(terms))).StatusCode;

        Assert.Equal(HttpStatusCode.BadRequest, await RegisterAsync(longest + "x"));
        Assert.Equal(HttpStatusCode.BadRequest, await ImportAsync(longest + "x"));
        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(longest));
        Assert.Equal(HttpStatusCode.OK, await ImportAsync(longest));
    }

    [Fact]
    public async Task Csv_rows_without_an_id_are_created_and_refer_to_what_the_registry_holds()
    {
        var csv = $"name,elected,email,affiliations\n\"Bloggs, Jo\",yes,jo.bloggs@example.org,{seeded.Sample.County}|Director of Public Health; {seeded.Sample.Cheltenham}\n";

        var summary = await TransferRequests.ImportCsvAsync(_client, "people", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(1, summary.GetProperty("people").GetProperty("created").GetInt32());
        using var scope = _registry.Services.CreateScope();
        var person = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().People.SingleAsync(p => p.Name == "Bloggs, Jo");
        Assert.Equal(7, person.Id.Version);
        Assert.True(person.Elected);
        Assert.Collection(
            person.Affiliations,
            a => Assert.Equal((seeded.Sample.County, "Director of Public Health"), (a.OrganisationId, a.Title)),
            a => Assert.Equal((seeded.Sample.Cheltenham, (string?)null), (a.OrganisationId, a.Title)));
    }

    [Theory]
    [InlineData("application/json", "{\"format\":")]
    [InlineData("application/json", "[1, 2")]
    [InlineData("text/csv", "id,name\n\"unterminated,x\n")]
    [InlineData("text/csv", "id,name,kind\n,Stroud,district_council,extra\n")]
    [InlineData("text/csv", "")]
    public async Task Malformed_json_or_csv_is_a_bad_request_not_a_server_error(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8, contentType);

        var response = await _client.PostAsync(contentType == "text/csv" ? "/api/registry/import/organisations" : "/api/registry/import", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_csv_file_that_is_not_utf8_is_a_bad_request()
    {
        // "Siân" in Windows-1252, as a spreadsheet's plain "CSV" would save it.
        byte[] latin1 = [.. "name,elected\nSi"u8, 0xE2, .. "n Ellis,no\n"u8];

        var response = await _client.PostAsync("/api/registry/import/people", TransferRequests.Csv(latin1));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_with_413()
    {
        var tooLarge = new byte[TransferApi.MaxUploadBytes + 1];
        Array.Fill(tooLarge, (byte)' ');

        var response = await _client.PostAsync("/api/registry/import", new ByteArrayContent(tooLarge) { Headers = { { "Content-Type", "application/json" } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_collection_is_not_found_as_a_problem()
    {
        var response = await _client.GetAsync("/api/registry/export/committees.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_import_and_export()
    {
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/registry/export.json", out _));
        Assert.True(paths.TryGetProperty("/api/registry/export/{collection}.csv", out _));
        Assert.True(paths.GetProperty("/api/registry/import").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty("/api/registry/import/{collection}").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _));
    }

    [Fact]
    public async Task The_export_holds_live_records_only_in_the_documented_shape()
    {
        var export = await _client.GetFromJsonAsync<JsonElement>("/api/registry/export.json");

        Assert.Equal("concordat-registry/1", export.GetProperty("format").GetString());
        var names = export.GetProperty("organisations").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("Gloucestershire County Council", names);
        Assert.DoesNotContain("Government Office for the South West", names);
        using var scope = _registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        Assert.Equal(await db.Memberships.CountAsync(m => m.RemovedAt == null), export.GetProperty("memberships").GetArrayLength());
        Assert.True(await db.Memberships.AnyAsync(m => m.RemovedAt != null));
        Assert.Equal(await db.Relationships.CountAsync(r => r.RemovedAt == null), export.GetProperty("relationships").GetArrayLength());
        Assert.True(await db.Relationships.AnyAsync(r => r.RemovedAt != null));
        var forum = export.GetProperty("bodies").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == seeded.Sample.Forum);
        Assert.Equal("dissolved", forum.GetProperty("status").GetString());
        Assert.Equal("2025-03-31", forum.GetProperty("dissolvedOn").GetString());
    }
}

/// <summary>JSON: export the sample, import it into an empty registry, export that: the same document.</summary>
public sealed class TransferJsonRoundTripTests(SeededRegistry source, EmptyRegistry target)
    : IClassFixture<SeededRegistry>, IClassFixture<EmptyRegistry>
{
    [Fact]
    public async Task A_json_export_imported_into_an_empty_registry_exports_the_same_data_and_announces_it()
    {
        var sourceClient = source.Registry.CreateClient();
        var targetClient = target.Registry.CreateClient();
        var exported = await sourceClient.GetStringAsync("/api/registry/export.json");

        var summary = await TransferRequests.ImportJsonAsync(targetClient, exported);
        var reexported = await targetClient.GetStringAsync("/api/registry/export.json");

        Assert.Equal(TransferRequests.Sum(JsonDocument.Parse(exported).RootElement, null), TransferRequests.Sum(summary, "created"));
        Assert.True(JsonNode.DeepEquals(TransferRequests.WithoutTime(exported), TransferRequests.WithoutTime(reexported)), $"expected\n{exported}\nbut the new registry exported\n{reexported}");
        var events = await TransferRequests.CountEventsAsync(target.Registry);
        Assert.Equal(3, events[nameof(BodyRegistered)]);
        Assert.Equal(1, events[nameof(BodyDissolved)]);
        Assert.Equal(6, events[nameof(MembershipStarted)]);
        Assert.Equal(0, events[nameof(BodyChanged)] + events[nameof(MembershipEnded)]);
    }
}

/// <summary>CSV: export each collection of the sample, import them in turn into an empty registry, export again: the same files.</summary>
public sealed class TransferCsvRoundTripTests(SeededRegistry source, EmptyRegistry target)
    : IClassFixture<SeededRegistry>, IClassFixture<EmptyRegistry>
{
    [Fact]
    public async Task Csv_exports_imported_collection_by_collection_into_an_empty_registry_export_the_same_files()
    {
        var sourceClient = source.Registry.CreateClient();
        var targetClient = target.Registry.CreateClient();
        var export = await sourceClient.GetFromJsonAsync<JsonElement>("/api/registry/export.json");
        var files = new Dictionary<string, byte[]>();
        foreach (var collection in TransferRequests.Collections)
        {
            files[collection] = await sourceClient.GetByteArrayAsync($"/api/registry/export/{collection}.csv");
        }

        foreach (var collection in TransferRequests.Collections)
        {
            var summary = await TransferRequests.ImportCsvAsync(targetClient, collection, files[collection]);
            Assert.Equal(export.GetProperty(collection).GetArrayLength(), summary.GetProperty(collection).GetProperty("created").GetInt32());
        }

        foreach (var collection in TransferRequests.Collections)
        {
            var again = await targetClient.GetByteArrayAsync($"/api/registry/export/{collection}.csv");
            Assert.Equal(Encoding.UTF8.GetString(files[collection]), Encoding.UTF8.GetString(again));
        }

        Assert.True(JsonNode.DeepEquals(
            TransferRequests.WithoutTime(await sourceClient.GetStringAsync("/api/registry/export.json")),
            TransferRequests.WithoutTime(await targetClient.GetStringAsync("/api/registry/export.json"))));
    }
}

/// <summary>A registry service on its own, empty database.</summary>
public sealed class EmptyRegistry : IAsyncLifetime
{
    public RegistryFactory Registry { get; } = new();

    public Task InitializeAsync() => Registry.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Registry).DisposeAsync();
}

/// <summary>A registry service holding <see cref="SampleRegistry"/>.</summary>
public sealed class SeededRegistry : IAsyncLifetime
{
    public RegistryFactory Registry { get; } = new();

    public SampleRegistry Sample { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        Sample = await SampleRegistry.SeedAsync(Registry);
    }

    public Task DisposeAsync() => ((IAsyncLifetime)Registry).DisposeAsync();
}

/// <summary>
/// A small Gloucestershire, arranged through the model as the API would leave it: every collection, removed records,
/// an ended membership, a dissolved body with its history, and text that CSV must carry (commas, quotes, line breaks,
/// <c>;</c> and <c>|</c> inside list items, accents, a value a spreadsheet would take for a formula).
/// </summary>
public sealed record SampleRegistry(Guid County, Guid Cheltenham, Guid Leader, Guid Gsp, Guid Forum, Guid ChairSeat, Guid LeaderSeat)
{
    public static async Task<SampleRegistry> SeedAsync(RegistryFactory registry)
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = DateTimeOffset.UtcNow;

        var county = Organisation.Register(new("Gloucestershire County Council", "GCC", OrganisationKind.CountyCouncil, true, new Uri("https://www.gloucestershire.gov.uk/")), now);
        var cheltenham = Organisation.Register(new("Cheltenham Borough Council", null, OrganisationKind.DistrictCouncil, true, null), now);
        var vcs = Organisation.Register(new("Gloucestershire Association for Voluntary and Community Action (\"GAVCA\")", "GAVCA", OrganisationKind.VoluntarySector, false, null), now);
        var police = Organisation.Register(new("Gloucestershire Constabulary", null, OrganisationKind.Police, true, null), now);
        var removed = Organisation.Register(new("Government Office for the South West", "GOSW", OrganisationKind.GovernmentOffice, false, null), now);
        removed.Remove(now);
        db.Organisations.AddRange(county, cheltenham, vcs, police, removed);

        var chair = Person.Register(new("Dame Prudence Hale", false, "chair@example.org", []), now);
        var leader = Person.Register(new("Cllr Mark Hawthorne", true, null, [new Affiliation { OrganisationId = county.Id, Title = "Leader; Cabinet Member|Finance" }]), now);
        var clerk = Person.Register(new("Siân Ellis", false, "sian.ellis@example.org",
            [new Affiliation { OrganisationId = county.Id, Title = "Partnership Officer" }, new Affiliation { OrganisationId = cheltenham.Id }]), now);
        var representative = Person.Register(new("Cllr Steve Jordan", true, null, [new Affiliation { OrganisationId = cheltenham.Id, Title = "Leader" }]), now);
        db.People.AddRange(chair, leader, clerk, representative);

        var gsp = Body.Register(new(
            "Gloucestershire Strategic Partnership", "GSP", BodyType.Strategic, BodyScope.Geographic, "Gloucestershire", Tier.County,
            "Sets the vision for the county, \"Gloucestershire 2026\".\nMeets quarterly.", new Uri("https://example.org/gsp/terms"),
            new DateOnly(2027, 3, 31), county.Id, [CycleRole.Authorising, CycleRole.Deliberative]), now);
        var lsp = Body.Register(new(
            "Cheltenham Strategic Partnership", null, BodyType.Strategic, BodyScope.Geographic, "Cheltenham", Tier.District, null, null, null,
            cheltenham.Id, [CycleRole.Deliberative, CycleRole.Delivery]), now);
        var forum = Body.Register(new(
            "Community Cohesion Forum", null, BodyType.Consultative, BodyScope.Thematic, "Community cohesion", Tier.County, null, null, null,
            null, [CycleRole.Deliberative]), now);
        db.Bodies.AddRange(gsp, lsp, forum);

        var chairSeat = Seat.Define(gsp.Id, new("Independent chair", 1, true, SeatHolder.NonElected, true, Representation.Nobody, false, false, null), now);
        var leaderSeat = Seat.Define(gsp.Id, new("Leader of each council", 7, true, SeatHolder.Elected, false, Representation.Organisation, true, true, "A cabinet member, named in advance"), now);
        var lspSeat = Seat.Define(gsp.Id, new("One representative of each district LSP", 6, true, SeatHolder.Anyone, false, Representation.Body, true, false, null), now);
        var forumSeat = Seat.Define(forum.Id, new("Member", 20, true, SeatHolder.Anyone, false, Representation.Nobody, false, false, null), now);
        db.Seats.AddRange(chairSeat, leaderSeat, lspSeat, forumSeat);

        var entered = Membership.Start(new(gsp.Id, chairSeat.Id, clerk.Id, null, null, MembershipRole.Chair, true, new(2024, 1, 1), null), clerk, now);
        entered.Remove(now);
        db.Memberships.AddRange(
            Membership.Start(new(gsp.Id, lspSeat.Id, representative.Id, null, lsp.Id, MembershipRole.Member, true, new(2022, 6, 1), new(2024, 5, 31)), representative, now),
            Membership.Start(new(gsp.Id, chairSeat.Id, chair.Id, null, null, MembershipRole.Chair, true, new(2024, 4, 1), null), chair, now),
            Membership.Start(new(gsp.Id, leaderSeat.Id, leader.Id, county.Id, null, MembershipRole.Member, true, new(2023, 5, 10), null), leader, now),
            Membership.Start(new(gsp.Id, leaderSeat.Id, representative.Id, cheltenham.Id, null, MembershipRole.Substitute, true, new(2024, 9, 1), null), representative, now),
            Membership.Start(new(gsp.Id, null, clerk.Id, null, null, MembershipRole.Clerk, false, new(2024, 4, 1), null), clerk, now),
            Membership.Start(new(forum.Id, forumSeat.Id, clerk.Id, null, null, MembershipRole.Member, true, new(2021, 1, 1), new(2025, 3, 31)), clerk, now),
            entered);
        forum.Dissolve(new DateOnly(2025, 3, 31), now);

        var withdrawn = BodyRelationship.Relate(lsp.Id, RelationshipKind.ReportsTo, gsp.Id, now);
        withdrawn.Remove(now);
        db.Relationships.AddRange(
            BodyRelationship.Relate(lsp.Id, RelationshipKind.RepresentedOn, gsp.Id, now),
            BodyRelationship.Relate(forum.Id, RelationshipKind.PartOf, gsp.Id, now),
            withdrawn);

        db.Agreements.Add(Agreement.Record(new(
            "Gloucestershire Compact", AgreementKind.Compact, "How the statutory partners and the voluntary and community sector work together.",
            ["- fewer repeat referrals", "Funding; three-year terms", "Shared training | joint"], false, new DateOnly(2026, 9, 30), AgreementStatus.InForce,
            [new AgreementParty { OrganisationId = vcs.Id }, new AgreementParty { OrganisationId = county.Id }, new AgreementParty { BodyId = gsp.Id }],
            [new Signatory { PersonId = chair.Id, SignedOn = new(2024, 5, 1) }, new Signatory { PersonId = leader.Id, OnBehalfOfOrganisationId = county.Id, SignedOn = new(2024, 5, 2) }]), now));

        await db.SaveChangesAsync();
        return new SampleRegistry(county.Id, cheltenham.Id, leader.Id, gsp.Id, forum.Id, chairSeat.Id, leaderSeat.Id);
    }
}

internal static class TransferRequests
{
    /// <summary>In the order an import of separate files must follow: what is referred to first.</summary>
    public static readonly string[] Collections = ["organisations", "people", "bodies", "seats", "memberships", "relationships", "agreements"];

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Csv(byte[] csv) => new(csv) { Headers = { { "Content-Type", "text/csv; charset=utf-8" } } };

    public static async Task<JsonElement> ImportJsonAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/api/registry/import", Json(json));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> ImportCsvAsync(HttpClient client, string collection, byte[] csv)
    {
        var response = await client.PostAsync($"/api/registry/import/{collection}", Csv(csv));
        Assert.True(response.IsSuccessStatusCode, $"{collection}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The sum of one count over every collection of a summary; with <paramref name="count"/> null, the rows of an export.</summary>
    public static int Sum(JsonElement summaryOrExport, string? count) => summaryOrExport.EnumerateObject()
        .Where(c => c.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        .Sum(c => count is null ? c.Value.GetArrayLength() : c.Value.GetProperty(count).GetInt32());

    public static JsonNode WithoutTime(string export)
    {
        var document = JsonNode.Parse(export)!.AsObject();
        document.Remove("exportedAt");
        return document;
    }

    /// <summary>Every record's id, version and last change, and the outbox's size: equal snapshots mean nothing changed.</summary>
    public static async Task<string> SnapshotAsync(RegistryFactory registry)
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var rows = new List<string>();
        rows.AddRange(await RowsAsync(db.Organisations));
        rows.AddRange(await RowsAsync(db.People));
        rows.AddRange(await RowsAsync(db.Bodies));
        rows.AddRange(await RowsAsync(db.Seats));
        rows.AddRange(await RowsAsync(db.Memberships));
        rows.AddRange(await RowsAsync(db.Relationships));
        rows.AddRange(await RowsAsync(db.Agreements));
        rows.Sort(StringComparer.Ordinal);
        rows.Add($"outbox {await db.Set<Messaging.OutboxMessage>().CountAsync()}");
        return string.Join('\n', rows);
    }

    public static async Task<Dictionary<string, int>> CountEventsAsync(RegistryFactory registry)
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var types = await db.Set<Messaging.OutboxMessage>().Select(m => m.MessageType).ToListAsync();
        string[] names = [nameof(BodyRegistered), nameof(BodyChanged), nameof(BodyRolesChanged), nameof(BodyDissolved), nameof(MembershipStarted), nameof(MembershipEnded)];
        return names.ToDictionary(n => n, n => types.Count(t => t == $"Concordat.Contracts.Registry.{n}"));
    }

    private static async Task<IEnumerable<string>> RowsAsync<TRecord>(IQueryable<TRecord> records)
        where TRecord : VersionedRecord =>
        (await records.Select(r => new { r.Id, r.Version, r.UpdatedAt, r.RemovedAt }).ToListAsync())
            .Select(r => $"{typeof(TRecord).Name} {r.Id} {r.Version} {r.UpdatedAt:O} {r.RemovedAt:O}");
}
