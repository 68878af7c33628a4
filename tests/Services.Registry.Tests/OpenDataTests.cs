using System.Net;
using System.Text.Json;
using Concordat.ServiceKit;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.OpenData;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
using Concordat.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>
/// The Popolo open data. The CRUD endpoints are written elsewhere, so each test arranges its records straight
/// into the registry's database with the model's own factory methods, then reads the public export.
/// </summary>
public sealed class OpenDataTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private const string Export = "/api/registry/open-data/popolo.json";

    // Popolo allows properties it does not declare; refusing them here catches a misspelt one.
    private static readonly JsonSchemaDraft3 Popolo = JsonSchemaDraft3.Popolo(disallowUndeclaredProperties: true);

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 30, 15, TimeSpan.Zero);

    private readonly HttpClient _client = registry.CreateClient();

    [Fact]
    public async Task The_export_holds_the_organisation_body_person_post_and_membership()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        var county = Item(export, "organizations", gsp.County.Id);
        Assert.Equal(gsp.County.Name, county.GetProperty("name").GetString());
        Assert.Equal("GCC", county.GetProperty("other_names")[0].GetProperty("name").GetString());
        Assert.Equal("https://www.gloucestershire.gov.uk/", county.GetProperty("links")[0].GetProperty("url").GetString());

        var body = Item(export, "organizations", gsp.Body.Id);
        Assert.Equal("Gloucestershire Strategic Partnership", body.GetProperty("name").GetString());
        Assert.Equal("https://example.org/gsp/terms-of-reference.pdf", body.GetProperty("links")[0].GetProperty("url").GetString());
        Assert.Equal("terms of reference", body.GetProperty("links")[0].GetProperty("note").GetString());
        Assert.False(body.TryGetProperty("dissolution_date", out _));

        var person = Item(export, "persons", gsp.Person.Id);
        Assert.Equal("Cllr Jo Bloggs", person.GetProperty("name").GetString());

        var post = Item(export, "posts", gsp.Seat.Id);
        Assert.Equal("Leader of each principal council", post.GetProperty("label").GetString());
        Assert.Equal(gsp.Body.Id.ToString(), post.GetProperty("organization_id").GetString());

        var membership = Item(export, "memberships", gsp.Membership.Id);
        Assert.Equal(gsp.Person.Id.ToString(), membership.GetProperty("person_id").GetString());
        Assert.Equal(gsp.Body.Id.ToString(), membership.GetProperty("organization_id").GetString());
        Assert.Equal(gsp.Seat.Id.ToString(), membership.GetProperty("post_id").GetString());
        Assert.Equal(gsp.County.Id.ToString(), membership.GetProperty("on_behalf_of_id").GetString());
        Assert.Equal("vice_chair", membership.GetProperty("role").GetString());
        Assert.Equal("2026-05-14", membership.GetProperty("start_date").GetString());
        Assert.Equal("2027-05-13", membership.GetProperty("end_date").GetString());
    }

    [Fact]
    public async Task The_document_has_the_four_Popolo_collections_and_nothing_else()
    {
        await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        Assert.Equal(["organizations", "persons", "memberships", "posts"], export.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Bodies_are_told_from_organisations_by_classification()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        Assert.Equal("county_council", Item(export, "organizations", gsp.County.Id).GetProperty("classification").GetString());
        Assert.Equal("partnership_body_strategic", Item(export, "organizations", gsp.Body.Id).GetProperty("classification").GetString());
        Assert.Equal("partnership_body_operational", Item(export, "organizations", gsp.Thematic.Id).GetProperty("classification").GetString());
    }

    [Fact]
    public void No_organisation_kind_is_classified_like_a_body()
    {
        var organisations = Enum.GetValues<OrganisationKind>().Select(PopoloExport.Classification).ToList();
        var bodies = Enum.GetValues<BodyType>().Select(PopoloExport.Classification).ToList();

        Assert.All(bodies, c => Assert.StartsWith(PopoloExport.BodyClassificationPrefix, c, StringComparison.Ordinal));
        Assert.All(organisations, c => Assert.False(c.StartsWith(PopoloExport.BodyClassificationPrefix, StringComparison.Ordinal), c));
        Assert.Contains("nhs_body", organisations);
        Assert.Equal(organisations.Count + bodies.Count, organisations.Concat(bodies).Distinct().Count());
    }

    [Fact]
    public async Task Every_item_validates_against_the_Popolo_schemas()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        var errors = new List<string>();
        foreach (var (collection, schema) in new[] { ("organizations", "organization"), ("persons", "person"), ("memberships", "membership"), ("posts", "post") })
        {
            var items = export.GetProperty(collection).EnumerateArray().ToList();
            Assert.NotEmpty(items);
            for (var i = 0; i < items.Count; i++)
            {
                errors.AddRange(Popolo.Validate(items[i], $"{JsonSchemaDraft3.PopoloSchemaBase}{schema}.json#").Select(e => $"{collection}[{i}] {e}"));
            }
        }

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        // What was validated includes every optional part the export writes.
        Assert.True(Item(export, "organizations", gsp.Thematic.Id).TryGetProperty("parent_id", out _));
        Assert.True(Item(export, "organizations", gsp.Dissolved.Id).TryGetProperty("dissolution_date", out _));
        Assert.True(Item(export, "organizations", gsp.Body.Id).TryGetProperty("description", out _));
        Assert.True(Item(export, "memberships", gsp.Membership.Id).TryGetProperty("end_date", out _));
        Assert.True(Item(export, "posts", gsp.DissolvedSeat.Id).TryGetProperty("end_date", out _));
    }

    [Fact]
    public async Task Identifiers_carry_the_Concordat_id_in_the_instance_scheme()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        foreach (var (collection, id) in new[] { ("organizations", gsp.County.Id), ("organizations", gsp.Body.Id), ("persons", gsp.Person.Id) })
        {
            var identifier = Assert.Single(Item(export, collection, id).GetProperty("identifiers").EnumerateArray());
            Assert.Equal(id.ToString(), identifier.GetProperty("identifier").GetString());
            Assert.Equal("concordat:test", identifier.GetProperty("scheme").GetString());
        }
    }

    [Fact]
    public async Task A_body_part_of_another_names_it_as_parent()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        Assert.Equal(gsp.Body.Id.ToString(), Item(export, "organizations", gsp.Thematic.Id).GetProperty("parent_id").GetString());
        Assert.False(Item(export, "organizations", gsp.Body.Id).TryGetProperty("parent_id", out _));
    }

    [Fact]
    public async Task A_dissolved_body_stays_with_its_dissolution_date_and_its_posts_end_then()
    {
        var gsp = await ArrangePartnershipAsync();

        var export = await GetExportAsync();

        var dissolved = Item(export, "organizations", gsp.Dissolved.Id);
        Assert.Equal("2026-03-31", dissolved.GetProperty("dissolution_date").GetString());
        Assert.Equal("2026-03-31", Item(export, "posts", gsp.DissolvedSeat.Id).GetProperty("end_date").GetString());
    }

    [Fact]
    public async Task A_removed_person_is_left_out_with_their_memberships()
    {
        var gsp = await ArrangePartnershipAsync();
        var removed = Person.Register(new PersonDetails("Former Member", false, "former@example.org", []), Now);
        var membership = Membership.Start(new MembershipTerms(gsp.Thematic.Id, null, removed.Id, null, null, MembershipRole.Member, true, new DateOnly(2025, 1, 1), null), removed, Now);
        removed.Remove(Now.AddDays(1));
        await SaveAsync(removed, membership);

        var export = await GetExportAsync();

        Assert.Null(Find(export, "persons", removed.Id));
        Assert.Null(Find(export, "memberships", membership.Id));
        Assert.NotNull(Find(export, "persons", gsp.Person.Id));
    }

    [Fact]
    public async Task Removed_records_of_every_kind_are_left_out()
    {
        var gsp = await ArrangePartnershipAsync();
        var organisation = Organisation.Register(new OrganisationDetails("Removed Agency", null, OrganisationKind.PublicAgency, false, null), Now);
        var body = Body.Register(Details("Removed Forum", BodyType.Consultative), Now);
        var seat = Seat.Define(gsp.Body.Id, new SeatDetails("Removed seat", 1, false, SeatHolder.Anyone, false, Representation.Nobody, false, false, null), Now);
        var membership = Membership.Start(new MembershipTerms(gsp.Body.Id, null, gsp.Person.Id, null, null, MembershipRole.Adviser, false, new DateOnly(2026, 1, 1), null), gsp.Person, Now);
        foreach (var record in new VersionedRecord[] { organisation, body, seat, membership })
        {
            record.Remove(Now.AddHours(1));
        }

        await SaveAsync(organisation, body, seat, membership);

        var export = await GetExportAsync();

        Assert.Null(Find(export, "organizations", organisation.Id));
        Assert.Null(Find(export, "organizations", body.Id));
        Assert.Null(Find(export, "posts", seat.Id));
        Assert.Null(Find(export, "memberships", membership.Id));
    }

    [Fact]
    public async Task Nothing_private_about_a_person_is_published()
    {
        var gsp = await ArrangePartnershipAsync();

        var response = await _client.GetAsync(Export);
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("jo.bloggs@example.org", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("email", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Leader of the Council", text, StringComparison.Ordinal);
        var person = Item(JsonDocument.Parse(text).RootElement, "persons", gsp.Person.Id);
        Assert.Equal(["id", "name", "identifiers", "created_at", "updated_at"], person.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Every_id_the_export_names_is_an_item_in_it()
    {
        var gsp = await ArrangePartnershipAsync();
        // A membership on behalf of a body, and one whose seat and represented organisation were later removed.
        var lsp = Body.Register(Details("Cotswold Local Strategic Partnership", BodyType.Strategic), Now);
        var gone = Organisation.Register(new OrganisationDetails("Abolished Council", null, OrganisationKind.DistrictCouncil, true, null), Now);
        var oldSeat = Seat.Define(gsp.Body.Id, new SeatDetails("Old seat", 1, true, SeatHolder.Anyone, false, Representation.Organisation, false, false, null), Now);
        var forLsp = Membership.Start(new MembershipTerms(gsp.Body.Id, null, gsp.Person.Id, null, lsp.Id, MembershipRole.Member, true, new DateOnly(2026, 6, 1), null), gsp.Person, Now);
        var orphan = Membership.Start(new MembershipTerms(gsp.Body.Id, oldSeat.Id, gsp.Person.Id, gone.Id, null, MembershipRole.Member, true, new DateOnly(2024, 6, 1), new DateOnly(2025, 5, 31)), gsp.Person, Now);
        gone.Remove(Now.AddDays(1));
        oldSeat.Remove(Now.AddDays(1));
        await SaveAsync(lsp, gone, oldSeat, forLsp, orphan);

        var export = await GetExportAsync();

        Assert.Equal(lsp.Id.ToString(), Item(export, "memberships", forLsp.Id).GetProperty("on_behalf_of_id").GetString());
        var kept = Item(export, "memberships", orphan.Id);
        Assert.False(kept.TryGetProperty("post_id", out _));
        Assert.False(kept.TryGetProperty("on_behalf_of_id", out _));
        var organizations = Ids(export, "organizations");
        var persons = Ids(export, "persons");
        var posts = Ids(export, "posts");
        Assert.All(export.GetProperty("organizations").EnumerateArray(), o => AssertNames(o, "parent_id", organizations));
        Assert.All(export.GetProperty("posts").EnumerateArray(), p => AssertNames(p, "organization_id", organizations));
        Assert.All(export.GetProperty("memberships").EnumerateArray(), m =>
        {
            AssertNames(m, "person_id", persons);
            AssertNames(m, "organization_id", organizations);
            AssertNames(m, "post_id", posts);
            AssertNames(m, "on_behalf_of_id", organizations);
        });
        Assert.Equal(organizations.Count, export.GetProperty("organizations").GetArrayLength());
    }

    [Fact]
    public async Task The_export_is_public_cacheable_and_answers_an_unchanged_request_with_304()
    {
        await ArrangePartnershipAsync();

        var first = await _client.GetAsync(Export);
        var etag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, Export);
        again.Headers.IfNoneMatch.Add(etag!);
        var second = await _client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(etag);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge: not null }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_change_to_the_registry_changes_the_ETag()
    {
        await ArrangePartnershipAsync();
        var before = (await _client.GetAsync(Export)).Headers.ETag;

        await SaveAsync(Person.Register(new PersonDetails("New Member", false, null, []), Now));
        using var request = new HttpRequestMessage(HttpMethod.Get, Export);
        request.Headers.IfNoneMatch.Add(before!);
        var after = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before, after.Headers.ETag);
    }

    private sealed record Partnership(
        Organisation County, Body Body, Body Thematic, Body Dissolved, Person Person, Seat Seat, Seat DissolvedSeat, Membership Membership);

    /// <summary>
    /// The GSP (part of nothing) with the Safer and Stronger Communities Partnership part of it, a dissolved
    /// forum, the county council, and its leader as vice-chair in the GSP's council seat on the council's behalf.
    /// </summary>
    private async Task<Partnership> ArrangePartnershipAsync()
    {
        var county = Organisation.Register(
            new OrganisationDetails("Gloucestershire County Council", "GCC", OrganisationKind.CountyCouncil, true, new Uri("https://www.gloucestershire.gov.uk/")), Now);
        var gsp = Body.Register(
            Details("Gloucestershire Strategic Partnership", BodyType.Strategic) with
            {
                ShortName = "GSP",
                TermsOfReference = "Sets the long-term vision for Gloucestershire and holds partners to the Sustainable Community Strategy.",
                TermsOfReferenceUrl = new Uri("https://example.org/gsp/terms-of-reference.pdf"),
                SupportingOrganisationId = county.Id,
            },
            Now);
        var thematic = Body.Register(Details("Gloucestershire Safer and Stronger Communities Partnership", BodyType.Operational), Now);
        var partOf = BodyRelationship.Relate(thematic.Id, RelationshipKind.PartOf, gsp.Id, Now);
        var dissolved = Body.Register(Details("Gloucestershire Community Forum", BodyType.Consultative), Now);
        var dissolvedSeat = Seat.Define(dissolved.Id, new SeatDetails("Chair", 1, true, SeatHolder.Anyone, true, Representation.Nobody, false, false, null), Now);
        Assert.Null(dissolved.Dissolve(new DateOnly(2026, 3, 31), Now));
        var leader = Person.Register(
            new PersonDetails("Cllr Jo Bloggs", true, "jo.bloggs@example.org", [new Affiliation { OrganisationId = county.Id, Title = "Leader of the Council" }]), Now);
        var seat = Seat.Define(gsp.Id, new SeatDetails("Leader of each principal council", 7, true, SeatHolder.Elected, false, Representation.Organisation, true, true, "the deputy leader"), Now);
        var terms = new MembershipTerms(gsp.Id, seat.Id, leader.Id, county.Id, null, MembershipRole.ViceChair, true, new DateOnly(2026, 5, 14), new DateOnly(2027, 5, 13));
        Assert.Null(MembershipRules.Admit(gsp, seat, leader, terms, []));
        var membership = Membership.Start(terms, leader, Now);
        await SaveAsync(county, gsp, thematic, partOf, dissolved, dissolvedSeat, leader, seat, membership);
        return new Partnership(county, gsp, thematic, dissolved, leader, seat, dissolvedSeat, membership);
    }

    private static BodyDetails Details(string name, BodyType type) =>
        new(name, null, type, BodyScope.Thematic, null, Tier.County, null, null, null, null, [CycleRole.Deliberative]);

    private async Task SaveAsync(params object[] records)
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.AddRange(records);
        await db.SaveChangesAsync();
    }

    private async Task<JsonElement> GetExportAsync()
    {
        var response = await _client.GetAsync(Export);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static JsonElement? Find(JsonElement export, string collection, Guid id) =>
        export.GetProperty(collection).EnumerateArray()
            .Select(item => (JsonElement?)item)
            .FirstOrDefault(item => item!.Value.GetProperty("id").GetString() == id.ToString());

    private static JsonElement Item(JsonElement export, string collection, Guid id) =>
        Find(export, collection, id) ?? throw new Xunit.Sdk.XunitException($"{collection} has no item {id}.");

    private static HashSet<string> Ids(JsonElement export, string collection) =>
        [.. export.GetProperty(collection).EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];

    private static void AssertNames(JsonElement item, string property, HashSet<string> ids)
    {
        if (item.TryGetProperty(property, out var id))
        {
            Assert.True(ids.Contains(id.GetString()!), $"{property} {id} of {item.GetProperty("id")} names no item in the export.");
        }
    }
}
