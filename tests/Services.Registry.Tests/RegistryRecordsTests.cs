using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.ServiceKit;
using Concordat.Registry.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>What every registry collection offers: versions with If-Match, bounded paging, and modified_since with tombstones.</summary>
public sealed class RegistryRecordsTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly RegistryClient _api = new(registry.CreateClient());

    [Fact]
    public async Task An_update_must_name_the_version_it_read_and_a_stale_one_is_refused()
    {
        var created = await _api.CreateAsync("/api/registry/organisations", new { name = "Gloucestershire Constabulary", kind = "police" });
        var id = created.GetProperty("id").GetGuid();
        var read = created.GetProperty("version").GetString();
        var path = $"/api/registry/organisations/{id}";
        var change = new { name = "Gloucestershire Constabulary", kind = "police", dutyToCooperate = true };

        var missing = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Put, path, null, change));
        var first = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Put, path, read, change));
        var stale = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Put, path, read, new { name = "Renamed", kind = "police" }));

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(read, first.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var now = await _api.Http.GetAsync(path);
        var current = await now.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Gloucestershire Constabulary", current.GetProperty("name").GetString());
        Assert.True(current.GetProperty("dutyToCooperate").GetBoolean());
        Assert.Equal(first.Headers.ETag?.ToString(), now.Headers.ETag?.ToString());
    }

    [Theory]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    public async Task If_match_star_proves_nothing_and_is_refused_as_precondition_required(string method, string suffix)
    {
        var created = await _api.CreateAsync("/api/registry/organisations", new { name = "Star council", kind = "police" });
        var path = $"/api/registry/organisations/{created.GetProperty("id").GetGuid()}{suffix}";
        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "PUT" ? JsonContent.Create(new { name = "Overwritten blindly", kind = "police" }) : null,
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        var response = await _api.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Star council", (await _api.Http.GetFromJsonAsync<JsonElement>(path)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Pages_follow_one_another_without_gaps_or_repeats_and_their_size_is_bounded()
    {
        var prefix = $"Paged council {Guid.NewGuid():N}";
        var made = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            made.Add(await _api.OrganisationAsync($"{prefix} {i}"));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/organisations?q={Uri.EscapeDataString(prefix)}&limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(made, seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.Http.GetAsync("/api/registry/organisations?limit=201")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.Http.GetAsync("/api/registry/organisations?limit=0")).StatusCode);
        var forged = await _api.Http.GetAsync("/api/registry/organisations?cursor=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_reader_syncing_with_modified_since_sees_changes_dissolved_bodies_with_their_status_and_tombstones_for_removed_records()
    {
        var untouched = await _api.OrganisationAsync("Untouched council");
        var removed = await _api.CreateAsync("/api/registry/organisations", new { name = "Council to remove", kind = "district_council" });
        var renamed = await _api.CreateAsync("/api/registry/organisations", new { name = "Council to rename", kind = "district_council" });
        var dissolving = await _api.BodyAsync("Partnership to dissolve");
        var body = await _api.Http.GetAsync($"/api/registry/bodies/{dissolving}");
        var since = await DatabaseNowAsync();

        await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/organisations/{removed.GetProperty("id")}", removed.GetProperty("version").GetString()));
        await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/organisations/{renamed.GetProperty("id")}", renamed.GetProperty("version").GetString(),
            new { name = "Renamed council", kind = "district_council" }));
        var dissolved = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Post, $"/api/registry/bodies/{dissolving}/dissolution", body.Headers.ETag!.ToString(),
            new { dissolvedOn = "2026-03-31" }));
        Assert.Equal(HttpStatusCode.OK, dissolved.StatusCode);

        var organisations = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/organisations?modified_since={Uri.EscapeDataString(since.ToString("O"))}");
        var bodies = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/bodies?modified_since={Uri.EscapeDataString(since.ToString("O"))}");

        Assert.Equal(["Renamed council"], organisations.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        var tombstone = Assert.Single(organisations.GetProperty("tombstones").EnumerateArray());
        Assert.Equal(removed.GetProperty("id").GetGuid(), tombstone.GetProperty("id").GetGuid());
        Assert.Equal("removed", tombstone.GetProperty("reason").GetString());
        Assert.DoesNotContain(untouched, organisations.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        // A dissolved body is not gone (GET still answers it): it comes as a change, with its status, not as a tombstone.
        Assert.Empty(bodies.GetProperty("tombstones").EnumerateArray());
        var changed = Assert.Single(bodies.GetProperty("items").EnumerateArray());
        Assert.Equal((dissolving, "dissolved"), (changed.GetProperty("id").GetGuid(), changed.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.GetAsync($"/api/registry/bodies/{dissolving}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync($"/api/registry/organisations/{removed.GetProperty("id")}")).StatusCode);
    }

    [Fact]
    public async Task Bodies_can_be_found_by_the_cycle_role_they_may_play_and_by_terms_due_for_review()
    {
        var authorising = await _api.BodyAsync($"Authorising body {Guid.NewGuid():N}", ["authorising"], termsReviewDue: DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var deliberative = await _api.BodyAsync($"Deliberative body {Guid.NewGuid():N}", ["deliberative"], termsReviewDue: DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var ableToAuthorise = await _api.Http.GetFromJsonAsync<JsonElement>("/api/registry/bodies?role=authorising&limit=200");
        var dueSoon = await _api.Http.GetFromJsonAsync<JsonElement>("/api/registry/bodies/review-due?within_days=90");

        var authorisers = ableToAuthorise.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(authorising, authorisers);
        Assert.DoesNotContain(deliberative, authorisers);
        var due = dueSoon.EnumerateArray().Select(b => b.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(authorising, due);
        Assert.DoesNotContain(deliberative, due);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.Http.GetAsync("/api/registry/bodies?role=ruling")).StatusCode);
    }

    [Fact]
    public async Task Relationships_make_a_graph_that_can_be_read_whole_and_cannot_loop()
    {
        var gsp = await _api.BodyAsync("GSP (graph)");
        var thematic = await _api.BodyAsync("Environment Partnership (graph)");
        var lsp = await _api.BodyAsync("Forest of Dean LSP (graph)", tier: "district");
        await _api.CreateAsync("/api/registry/relationships", new { fromBodyId = thematic, kind = "part_of", toBodyId = gsp });
        await _api.CreateAsync("/api/registry/relationships", new { fromBodyId = lsp, kind = "represented_on", toBodyId = gsp });

        var loop = await _api.Http.PostAsJsonAsync("/api/registry/relationships", new { fromBodyId = gsp, kind = "part_of", toBodyId = thematic });
        var graph = await _api.Http.GetFromJsonAsync<JsonElement>("/api/registry/relationships/graph");

        Assert.Equal("relationship-cycle", await RegistryClient.RuleOfAsync(loop));
        var edges = graph.GetProperty("relationships").EnumerateArray()
            .Select(e => (e.GetProperty("fromBodyId").GetGuid(), e.GetProperty("kind").GetString(), e.GetProperty("toBodyId").GetGuid())).ToList();
        Assert.Contains((thematic, "part_of", gsp), edges);
        Assert.Contains((lsp, "represented_on", gsp), edges);
        Assert.Contains(gsp, graph.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task An_agreement_records_its_parties_and_signatories_and_refuses_unknown_ones()
    {
        var vcs = await _api.OrganisationAsync("Voluntary and Community Sector Assembly", "voluntary_sector");
        var county = await _api.OrganisationAsync("County Council (compact)", "county_council");
        var signatory = await _api.PersonAsync("VCS Assembly Chair", elected: false, vcs);
        var compact = new
        {
            title = "Gloucestershire Compact",
            kind = "compact",
            purpose = "How the third sector and its statutory partners work together.",
            desiredOutcomes = new[] { "Fair funding", "Early consultation" },
            binding = false,
            reviewDate = "2027-04-01",
            status = "in_force",
            parties = new object[] { new { organisationId = vcs }, new { organisationId = county } },
            signatories = new[] { new { personId = signatory, onBehalfOfOrganisationId = vcs, signedOn = "2008-06-01" } },
        };

        var recorded = await _api.CreateAsync("/api/registry/agreements", compact);
        var unknown = await _api.Http.PostAsJsonAsync("/api/registry/agreements", new { title = "Unknown party", kind = "protocol", purpose = "x", parties = new[] { new { organisationId = Guid.NewGuid() } } });
        var bad = await _api.Http.PostAsJsonAsync("/api/registry/agreements", new { title = "No parties", kind = "protocol", purpose = "x", parties = Array.Empty<object>() });

        var read = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/agreements/{recorded.GetProperty("id")}");
        Assert.Equal(2, read.GetProperty("parties").GetArrayLength());
        Assert.Equal("2008-06-01", read.GetProperty("signatories")[0].GetProperty("signedOn").GetString());
        Assert.False(read.GetProperty("binding").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<DateTimeOffset> DatabaseNowAsync()
    {
        await using var scope = registry.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return await db.Database.SqlQuery<DateTimeOffset>($"SELECT clock_timestamp() AS \"Value\"").SingleAsync();
    }
}
