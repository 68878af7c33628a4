using Concordat.DemoData;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Audit;
using Concordat.LocalServers;
using Concordat.Registry.Audit;
using Concordat.Registry.Data;
using Concordat.Registry.DemoData;
using Concordat.Registry.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concordat.Registry.Tests;

/// <summary>Every change to the registry leaves an entry saying who made it, for whom and what changed; admins export them.</summary>
public sealed class AuditTrailTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_change_records_who_made_it_for_which_organisation_and_the_old_and_new_values()
    {
        var subject = Unique("officer");
        var officer = Client(subject, "platform_admin", organisation: "org-tewkesbury");
        var person = await officer.CreateAsync("/api/registry/people", new { name = "Ann Example", elected = true, email = "ann@example.org" });
        var id = person.GetProperty("id").GetGuid();

        using var change = RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/people/{id}", person.GetProperty("version").GetString(),
            new { name = "Ann Changed", elected = true, email = "ann@example.org" });
        Assert.Equal(HttpStatusCode.OK, (await officer.Http.SendAsync(change)).StatusCode);

        var entries = await EntriesAsync($"record_type=person&record_id={id}");
        var changed = Assert.Single(entries, e => e.Action == AuditActions.Changed);
        Assert.Equal(subject, changed.Subject);
        Assert.Equal(["platform_admin"], changed.Roles);
        Assert.Equal("org-tewkesbury", changed.Organisation);
        Assert.Equal("Bearer", changed.AuthMethod);
        Assert.Equal($"PUT /api/registry/people/{id}", changed.Operation);
        Assert.Equal("Ann Example", changed.Changes.GetProperty("name").GetProperty("old").GetString());
        Assert.Equal("Ann Changed", changed.Changes.GetProperty("name").GetProperty("new").GetString());
        Assert.False(changed.Changes.TryGetProperty("email", out _), "An unchanged field is not listed.");
        Assert.False(changed.Changes.TryGetProperty("version", out _), "The row version is the database's, not a change.");
    }

    [Fact]
    public async Task Creating_changing_and_removing_a_record_leave_one_entry_each()
    {
        var officer = Client(Unique("officer"), "platform_admin", organisation: "org-1");
        var organisation = await officer.CreateAsync("/api/registry/organisations", new { name = "Stroud District Council", kind = "district_council" });
        var id = organisation.GetProperty("id").GetGuid();
        using var change = RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/organisations/{id}", organisation.GetProperty("version").GetString(),
            new { name = "Stroud DC", kind = "district_council" });
        var changed = await officer.Http.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        using var remove = RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/organisations/{id}", changed.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.Http.SendAsync(remove)).StatusCode);

        var entries = await EntriesAsync($"record_type=organisation&record_id={id}");

        Assert.Equal([AuditActions.Created, AuditActions.Changed, AuditActions.Removed], entries.Select(e => e.Action));
        Assert.Equal("Stroud District Council", entries[0].Changes.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal(JsonValueKind.Null, entries[2].Changes.GetProperty("removedAt").GetProperty("old").ValueKind);
    }

    [Fact]
    public async Task A_change_refused_as_stale_or_by_a_rule_leaves_no_entry()
    {
        var officer = Client(Unique("officer"), "platform_admin", organisation: "org-1");
        var body = await officer.BodyAsync("Audit Refusals Partnership");
        var created = await officer.CreateAsync("/api/registry/people", new { name = "Bob Refused", elected = true });
        var person = created.GetProperty("id").GetGuid();
        var joined = await officer.JoinAsync(body, person);
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);

        using var stale = RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/people/{person}", "\"1\"", new { name = "Bob Stale", elected = true });
        Assert.Equal(HttpStatusCode.Conflict, (await officer.Http.SendAsync(stale)).StatusCode);
        using var remove = RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/people/{person}", created.GetProperty("version").GetString());
        Assert.Equal("person-has-memberships", await RegistryClient.RuleOfAsync(await officer.Http.SendAsync(remove)));

        var entries = await EntriesAsync($"record_type=person&record_id={person}");
        Assert.Equal([AuditActions.Created], entries.Select(e => e.Action));
    }

    [Fact]
    public async Task A_save_that_loses_a_race_is_rolled_back_with_its_audit_entry()
    {
        var officer = Client(Unique("officer"), "platform_admin");
        var id = await officer.PersonAsync("Cat Racer", elected: false);
        using var loser = registry.Services.CreateScope();
        var loserDb = loser.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var loserCopy = await loserDb.People.SingleAsync(p => p.Id == id);

        using (var winner = registry.Services.CreateScope())
        {
            var db = winner.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var copy = await db.People.SingleAsync(p => p.Id == id);
            copy.Change(copy.Details with { Name = "Cat Winner" }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        loserCopy.Change(loserCopy.Details with { Name = "Cat Loser" }, DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => loserDb.SaveChangesAsync());

        var entries = await EntriesAsync($"record_type=person&record_id={id}");
        Assert.Equal([AuditActions.Created, AuditActions.Changed], entries.Select(e => e.Action));
        Assert.Equal("Cat Winner", entries[1].Changes.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal("system:registry", entries[1].Subject);
    }

    [Fact]
    public async Task The_export_filters_by_subject_and_pages_with_a_cursor()
    {
        var alice = Unique("alice");
        var bob = Unique("bob");
        await Client(alice, "platform_admin").OrganisationAsync("Alice's First Council");
        await Client(bob, "platform_admin").OrganisationAsync("Bob's Council");
        await Client(alice, "platform_admin").OrganisationAsync("Alice's Second Council");

        var first = await PageAsync($"subject={alice}&limit=1");
        var second = await PageAsync($"subject={alice}&limit=1&cursor={first.Next}");

        Assert.NotNull(first.Next);
        Assert.Null(second.Next);
        Assert.Equal(["Alice's First Council", "Alice's Second Council"],
            first.Items.Concat(second.Items).Select(e => e.Changes.GetProperty("name").GetProperty("new").GetString()));
        Assert.All(first.Items.Concat(second.Items), e => Assert.Equal(alice, e.Subject));
    }

    [Theory]
    [InlineData("/api/registry/audit", "text/csv")]
    [InlineData("/api/registry/audit.csv", null)]
    public async Task The_export_streams_csv_for_a_whole_range(string path, string? accept)
    {
        var subject = Unique("csv");
        var officer = Client(subject, "platform_admin", organisation: "org-csv");
        for (var i = 0; i < 3; i++)
        {
            await officer.OrganisationAsync($"=Council {i}");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?subject={subject}&limit=1");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await Admin().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,occurred_at,subject,roles,organisation,auth_method,operation", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.Contains($",{subject},platform_admin,org-csv,Bearer,POST /api/registry/organisations,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_large_field_is_noted_as_changed_without_its_text()
    {
        var subject = Unique("officer");
        var officer = Client(subject, "platform_admin");
        var body = await officer.CreateAsync("/api/registry/bodies", new
        {
            name = "Terms Partnership", type = "strategic", scope = "geographic", tier = "county", roles = Array.Empty<string>(),
            termsOfReference = "Pages and pages of terms.",
        });

        var entry = Assert.Single(await EntriesAsync($"record_type=body&record_id={body.GetProperty("id").GetGuid()}"));

        Assert.True(entry.Changes.GetProperty("termsOfReference").GetProperty("redacted").GetBoolean());
        Assert.DoesNotContain("Pages and pages", entry.Changes.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Terms Partnership", entry.Changes.GetProperty("name").GetProperty("new").GetString());
    }

    [Fact]
    public async Task The_demo_data_load_is_attributed_to_the_registry_itself()
    {
        using (var scope = registry.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<GloucestershireConference>().SeedAsync(CancellationToken.None);
        }

        var page = await PageAsync($"record_type=body&record_id={DemoIds.For("bodies", "gsp")}");

        var entry = Assert.Single(page.Items);
        Assert.Equal("system:registry", entry.Subject);
        Assert.Equal("load demo data", entry.Operation);
        Assert.Empty(entry.Roles);
        Assert.Equal(AuditActions.Created, entry.Action);
    }

    [Fact]
    public async Task The_trail_cannot_be_rewritten_even_through_the_database()
    {
        await Client(Unique("officer"), "platform_admin").OrganisationAsync("Append Only Council");
        await using var connection = new NpgsqlConnection(registry.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand("UPDATE audit_entries SET subject = 'someone-else'", connection);
        await using var delete = new NpgsqlCommand("DELETE FROM audit_entries", connection);

        await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync());
        await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task Only_a_platform_admin_may_export_the_trail()
    {
        using var anonymous = registry.CreateClient(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/registry/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(Unique("clerk"), "clerk").Http.GetAsync("/api/registry/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client(Unique("clerk"), "clerk").Http.GetAsync("/api/registry/audit.csv")).StatusCode);
    }

    [Theory]
    [InlineData("since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "until")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("record_id=0192a000-0000-7000-8000-000000000000", "record_id")]
    public async Task A_bad_filter_is_a_problem(string filter, string field)
    {
        var response = await Admin().GetAsync($"/api/registry/audit?{filter}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task A_since_that_is_not_an_instant_is_a_problem()
    {
        var response = await Admin().GetAsync("/api/registry/audit?since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("since", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("yesterday", detail, StringComparison.Ordinal);
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    private RegistryClient Client(string subject, string role, string? organisation = null)
    {
        return new RegistryClient(registry.CreateClient(registry.Tokens.Token(new TokenRequest { Subject = subject, Roles = [role], Organisation = organisation })));
    }

    private HttpClient Admin() => Client("admin", "platform_admin").Http;

    private async Task<AuditPage> PageAsync(string filter)
    {
        var response = await Admin().GetAsync($"/api/registry/audit?{filter}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET audit?{filter} gave {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<AuditPage>(text, Json)!;
    }

    private async Task<List<AuditEntryResponse>> EntriesAsync(string filter) => [.. (await PageAsync(filter + "&limit=200")).Items];
}
