using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Issues raised and moved over HTTP and PostgreSQL: each stage rule a 409 naming it, each move on the timeline and in the outbox.</summary>
public sealed class IssueMoveTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_raised_issue_is_in_deliberation_with_its_holders_its_version_and_its_event()
    {
        var (forest, gloucester) = (await cycle.BodyAsync("Forest of Dean LSP", ["deliberative"]), await cycle.BodyAsync("Gloucester LSP", ["deliberative"]));
        var clerk = await cycle.SeatedAsync(forest, "clerk", "clerk", name: "Pat Clerk");

        var (id, etag) = await clerk.RaiseAsync([forest, gloucester], kind: "strategic_response");

        using var read = await _admin.GetAsync($"/api/cycle/issues/{id}");
        var issue = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(etag, read.Headers.ETag?.ToString());
        Assert.Equal("deliberation", issue.GetProperty("stage").GetString());
        Assert.Equal("strategic_response", issue.GetProperty("kind").GetString());
        Assert.Equal(new[] { forest, gloucester }.Order(), issue.GetProperty("holders").EnumerateArray().Select(h => h.GetGuid()));
        var raised = await OutboxAsync(id);
        Assert.Equal(["Concordat.Contracts.Cycle.IssueRaised"], raised);
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline");
        var entry = Assert.Single(timeline.GetProperty("entries").EnumerateArray());
        Assert.Equal("raised", entry.GetProperty("kind").GetString());
        Assert.Equal("Pat Clerk", entry.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Authorisation_by_a_body_without_the_authorising_role_is_refused_and_nothing_changes()
    {
        var gsp = await cycle.BodyAsync("Gloucestershire Strategic Partnership", ["deliberative"]);
        var cseb = await cycle.BodyAsync("Community Strategy Executive Board", ["executive"]);
        var (id, etag) = await _admin.RaiseAsync([gsp]);

        using var refused = await _admin.MoveAsync(id, etag, "authorisation", [cseb]);

        await AssertRuleAsync(refused, "authorisation-needs-authorising-body");
        await AssertUnchangedAsync(id, etag, timelineEntries: 1);
    }

    [Fact]
    public async Task A_move_that_skips_a_stage_is_refused()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (id, etag) = await _admin.RaiseAsync([gsp]);

        using var refused = await _admin.MoveAsync(id, etag, "evaluation", [cseb]);

        await AssertRuleAsync(refused, "move-not-allowed");
        await AssertUnchangedAsync(id, etag, timelineEntries: 1);
    }

    [Fact]
    public async Task Implementation_without_a_decision_in_effect_is_refused()
    {
        var (gsp, abg, cseb) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]));
        var (id, etag) = await _admin.RaiseAsync([gsp]);
        using var authorising = await _admin.MoveAsync(id, etag, "authorisation", [abg]);
        Assert.Equal(HttpStatusCode.OK, authorising.StatusCode);

        using var refused = await _admin.MoveAsync(id, authorising.Headers.ETag!.ToString(), "implementation", [cseb]);

        await AssertRuleAsync(refused, "decision-not-in-effect");
    }

    [Fact]
    public async Task A_dissolved_body_cannot_be_given_an_issue()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("Former ABG", ["authorising"]);
        await cycle.DissolveAsync(abg);
        var (id, etag) = await _admin.RaiseAsync([gsp]);

        using var refused = await _admin.MoveAsync(id, etag, "authorisation", [abg]);

        await AssertRuleAsync(refused, "holder-dissolved");
    }

    [Fact]
    public async Task Referred_back_from_authorisation_the_issue_returns_to_deliberation_on_the_timeline()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var (id, etag) = await _admin.RaiseAsync([gsp]);
        using var up = await _admin.MoveAsync(id, etag, "authorisation", [abg]);

        using var back = await _admin.MoveAsync(id, up.Headers.ETag!.ToString(), "deliberation", [gsp], "The costs need another look.");

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline");
        var last = timeline.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal(("authorisation", "deliberation"), (last.GetProperty("fromStage").GetString(), last.GetProperty("toStage").GetString()));
        Assert.Equal([abg], last.GetProperty("fromHolders").EnumerateArray().Select(h => h.GetGuid()));
        Assert.Equal([gsp], last.GetProperty("toHolders").EnumerateArray().Select(h => h.GetGuid()));
        Assert.Equal("The costs need another look.", last.GetProperty("note").GetString());
        Assert.Equal(3, timeline.GetProperty("entries").GetArrayLength());
        Assert.Equal(["Concordat.Contracts.Cycle.IssueRaised", "Concordat.Contracts.Cycle.IssueMoved", "Concordat.Contracts.Cycle.IssueMoved"], await OutboxAsync(id));
    }

    [Fact]
    public async Task An_issue_closes_from_any_stage_with_a_reason_and_then_moves_no_more()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (id, etag) = await _admin.RaiseAsync([gsp]);
        using var noReason = await _admin.MoveAsync(id, etag, "closed");
        var problem = await ProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));

        using var closed = await _admin.MoveAsync(id, etag, "closed", reason: "Overtaken by the national strategy.");
        using var again = await _admin.MoveAsync(id, closed.Headers.ETag!.ToString(), "deliberation", [gsp]);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("Overtaken by the national strategy.", (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("closedReason").GetString());
        await AssertRuleAsync(again, "issue-closed");
        Assert.Contains("Concordat.Contracts.Cycle.IssueClosed", await OutboxAsync(id));
    }

    [Fact]
    public async Task A_move_needs_the_version_read()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var (id, _) = await _admin.RaiseAsync([gsp]);

        using var without = await _admin.MoveAsync(id, null, "authorisation", [abg]);
        using var stale = await _admin.MoveAsync(id, "\"1\"", "authorisation", [abg]);

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal("https://concordat.org/problems/stale-version", (await ProblemAsync(stale, HttpStatusCode.Conflict)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Of_two_concurrent_moves_one_wins_and_the_other_is_stale()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var (id, etag) = await _admin.RaiseAsync([gsp]);
        using var first = cycle.CreateClient();
        using var second = cycle.CreateClient();

        var answers = await Task.WhenAll(
            first.MoveAsync(id, etag, "authorisation", [abg]),
            second.MoveAsync(id, etag, "closed", reason: "Dealt with elsewhere."));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var loser = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        Assert.Equal("https://concordat.org/problems/stale-version", (await ProblemAsync(loser, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline");
        Assert.Equal(2, timeline.GetProperty("entries").GetArrayLength());
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task With_a_decision_in_effect_implementation_and_evaluation_go_only_to_bodies_whose_roles_allow_them()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var (taskGroup, scrutiny) = (await cycle.BodyAsync("Task group", ["delivery"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        // The holder rules on their own: here every issue has a decision in effect (DecisionTests prove the real one). Started after the bodies are
        // known, so its consumers take none of their events from the fixture's.
        using var decided = cycle.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddScoped<IDecisionsInEffect, EveryDecisionInEffect>()));
        var admin = decided.CreateClient();
        var (id, etag) = await admin.RaiseAsync([gsp]);
        using var authorising = await admin.MoveAsync(id, etag, "authorisation", [abg]);
        etag = authorising.Headers.ETag!.ToString();

        using var byAuthoriser = await admin.MoveAsync(id, etag, "implementation", [abg]);
        using var byTaskGroup = await admin.MoveAsync(id, etag, "implementation", [taskGroup]);
        using var byTaskGroupToEvaluate = await admin.MoveAsync(id, byTaskGroup.Headers.ETag?.ToString(), "evaluation", [taskGroup]);
        using var byScrutiny = await admin.MoveAsync(id, byTaskGroup.Headers.ETag?.ToString(), "evaluation", [scrutiny]);

        await AssertRuleAsync(byAuthoriser, "implementation-needs-executive-or-delivery-body");
        Assert.Equal(HttpStatusCode.OK, byTaskGroup.StatusCode);
        await AssertRuleAsync(byTaskGroupToEvaluate, "evaluation-needs-executive-or-scrutiny-body");
        Assert.Equal(HttpStatusCode.OK, byScrutiny.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_fields_as_the_JSON_names_them_and_nothing_is_stored()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var theme = $"theme-{Guid.NewGuid():N}";

        using var missing = await _admin.PostAsJsonAsync("/api/cycle/issues", new { description = "No title, kind or holders", themes = new[] { theme } });
        using var twoRaisers = await _admin.PostAsJsonAsync("/api/cycle/issues", new
        {
            title = "Raised twice", kind = "emergent_strategy", themes = new[] { theme }, raisedByBodyId = gsp, raisedByOrganisationId = Guid.NewGuid(), holders = new[] { gsp },
        });
        using var badKind = await _admin.PostAsJsonAsync("/api/cycle/issues", new { title = "Odd kind", kind = "whim", themes = new[] { theme }, raisedByBodyId = gsp, holders = new[] { gsp } });

        var errors = (await ProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.All(new[] { "title", "kind", "holders" }, field => Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}"));
        Assert.True((await ProblemAsync(twoRaisers, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("raisedByBodyId", out _));
        await ProblemAsync(badKind, HttpStatusCode.BadRequest);
        var stored = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues?theme={theme}");
        Assert.Equal(0, stored.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("0196a6c4-0000-7000-8000-000000000001")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task A_holder_the_cycle_does_not_know_is_refused(string holder)
    {
        using var response = await _admin.PostAsJsonAsync("/api/cycle/issues", new
        {
            title = "Truancy", kind = "emergent_strategy", raisedByOrganisationId = Guid.NewGuid(), holders = new[] { Guid.Parse(holder) },
        });

        await AssertRuleAsync(response, "body-unknown");
    }

    [Fact]
    public async Task Issues_are_listed_by_stage_holder_kind_theme_and_area_and_synced_by_modified_since()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var theme = $"environment-{Guid.NewGuid():N}";
        var (deliberating, _) = await _admin.RaiseAsync([gsp], theme);
        var (authorising, etag) = await _admin.RaiseAsync([gsp], theme, kind: "strategic_review");
        var before = DateTimeOffset.UtcNow;
        using var moved = await _admin.MoveAsync(authorising, etag, "authorisation", [abg]);

        async Task<Guid[]> ListAsync(string query) => [.. (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues?theme={theme}&{query}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        Assert.Equal([authorising], await ListAsync("stage=authorisation"));
        Assert.Equal([deliberating], await ListAsync($"holder={gsp}"));
        Assert.Equal([authorising], await ListAsync("kind=strategic_review"));
        Assert.Equal([deliberating, authorising], await ListAsync("limit=10"));
        Assert.Equal([authorising], await ListAsync($"modified_since={Uri.EscapeDataString(before.ToString("O"))}"));
        Assert.Empty(await ListAsync($"area={Guid.NewGuid()}"));
        using var badStage = await _admin.GetAsync("/api/cycle/issues?stage=pondering");
        Assert.Equal(HttpStatusCode.BadRequest, badStage.StatusCode);
    }

    [Fact]
    public async Task The_timeline_pages_oldest_first()
    {
        var (gsp, abg) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("ABG", ["authorising"]));
        var (id, etag) = await _admin.RaiseAsync([gsp]);
        using var moved = await _admin.MoveAsync(id, etag, "authorisation", [abg]);

        var first = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline?limit=1");
        var second = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline?limit=1&cursor={first.GetProperty("next").GetString()}");
        using var badCursor = await _admin.GetAsync($"/api/cycle/issues/{id}/timeline?cursor=not-ours");

        Assert.Equal("raised", first.GetProperty("entries")[0].GetProperty("kind").GetString());
        Assert.Equal("moved", second.GetProperty("entries")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal("authorisation", second.GetProperty("stage").GetString());
        Assert.True((await ProblemAsync(badCursor, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private async Task AssertUnchangedAsync(Guid id, string etag, int timelineEntries)
    {
        using var read = await _admin.GetAsync($"/api/cycle/issues/{id}");
        Assert.Equal(etag, read.Headers.ETag?.ToString());
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}/timeline");
        Assert.Equal(timelineEntries, timeline.GetProperty("entries").GetArrayLength());
        Assert.Equal(timelineEntries, (await OutboxAsync(id)).Count);
    }

    /// <summary>The types of the events written to the outbox about the issue, oldest first.</summary>
    private async Task<List<string>> OutboxAsync(Guid issue)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == $"issues/{issue}")
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync();
    }

    private sealed class EveryDecisionInEffect : IDecisionsInEffect
    {
        public Task<bool> AnyForAsync(Guid issueId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
