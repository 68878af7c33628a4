using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleDelivery;
using static Concordat.Cycle.Tests.CycleEvaluations;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// Evaluation, lessons and follow-ups over HTTP and PostgreSQL: an issue closes from evaluation only once evaluated; the
/// evaluation is pre-filled from the plan, edited as a draft by its evaluator only, then completed, public and kept; its
/// lessons are found by full-text search; follow-ups start in deliberation with their parent.
/// </summary>
public sealed class EvaluationTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();
    private readonly HttpClient _public = cycle.CreateClient(token: null);

    [Fact]
    public async Task An_issue_closes_from_evaluation_only_once_an_evaluation_prefilled_from_its_plan_is_completed()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (issue, etag, decision) = await cycle.InImplementationAsync(_admin, cseb);
        var plan = await PlanWithIndicatorAsync(decision, cseb);
        using var toEvaluation = await _admin.MoveAsync(issue, etag, "evaluation", [cseb]);
        Assert.Equal(HttpStatusCode.OK, toEvaluation.StatusCode);
        etag = toEvaluation.Headers.ETag!.ToString();

        using var unevaluated = await _admin.MoveAsync(issue, etag, "closed", reason: "Done.");
        await AssertRuleAsync(unevaluated, "evaluation-required-before-close");
        Assert.Equal("evaluation", (await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}")).GetProperty("stage").GetString());

        using var started = await _admin.StartEvaluationAsync(issue, new { evaluatorBodyId = cseb });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var draft = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();
        var indicator = Assert.Single(draft.GetProperty("indicators").EnumerateArray());
        Assert.Equal(plan, indicator.GetProperty("planId").GetGuid());
        Assert.Equal(("2009-10", 11.0m, 11.6m, false), (indicator.GetProperty("period").GetString(), indicator.GetProperty("intended").GetDecimal(),
            indicator.GetProperty("achieved").GetDecimal(), indicator.GetProperty("achievedIntended").GetBoolean()));
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync($"/api/cycle/evaluations/{id}")).StatusCode);

        using var withoutLesson = await Complete(id, started.Headers.ETag!.ToString());
        await AssertRuleAsync(withoutLesson, "evaluation-needs-a-lesson");
        using var unconditional = await _admin.PutAsJsonAsync($"/api/cycle/evaluations/{id}", Content());
        Assert.Equal((HttpStatusCode)428, unconditional.StatusCode);
        using var edited = await _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/evaluations/{id}", started.Headers.ETag!.ToString(),
            Content(Lesson("Retraining needs college places planned before a closure.", "Half the retraining places were filled."))));
        Assert.True(edited.StatusCode == HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        Assert.Single((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators").EnumerateArray());
        using var completed = await Complete(id, edited.Headers.ETag!.ToString());
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        using var afterwards = await _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/evaluations/{id}", completed.Headers.ETag!.ToString(), Content()));
        await AssertRuleAsync(afterwards, "evaluation-completed");

        var shown = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/evaluations/{id}");
        Assert.Equal("CSEB", shown.GetProperty("evaluator").GetString());
        Assert.NotEqual(JsonValueKind.Null, shown.GetProperty("completedAt").ValueKind);
        Assert.Equal(id, Assert.Single((await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/evaluations")).GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        using var closed = await _admin.MoveAsync(issue, etag, "closed", reason: "Evaluated; the follow-up goes to the GSP.");
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());

        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync($"evaluations/{id}")).Payload).RootElement;
        Assert.Equal((1, 0), (announced.GetProperty("indicatorsAssessed").GetInt32(), announced.GetProperty("indicatorsAchieved").GetInt32()));
        var lesson = Assert.Single(announced.GetProperty("lessons").EnumerateArray()).GetGuid();
        var published = JsonDocument.Parse(Assert.Single(await OutboxAsync($"lessons/{lesson}")).Payload).RootElement;
        Assert.Equal(("Employco closure", issue, id), (published.GetProperty("issueTitle").GetString(), published.GetProperty("issueId").GetGuid(), published.GetProperty("evaluationId").GetGuid()));
        Assert.Equal(["economy"], published.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        var library = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/lessons/{lesson}");
        Assert.Equal(cycle.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Concordat.ServiceDefaults.InstanceOptions>>().Value.InstanceId, library.GetProperty("instanceId").GetString());
        Assert.EndsWith($"/api/cycle/evaluations/{id}", library.GetProperty("evaluationUrl").GetString());
    }

    [Fact]
    public async Task Only_an_executive_or_scrutiny_body_or_the_named_independent_organisation_writes_an_evaluation()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _, _) = await cycle.InImplementationAsync(_admin, cseb);
        var evaluator = Guid.CreateVersion7();

        using var byDeliberative = await _admin.StartEvaluationAsync(issue, new { evaluatorBodyId = gsp });
        using var unnamed = await _admin.StartEvaluationAsync(issue, new { evaluatorOrganisationId = evaluator });
        using var selfNamed = await cycle.PartnerOf(evaluator).StartEvaluationAsync(issue, new { evaluatorOrganisationId = evaluator, evaluatorName = "Forest Research" });
        using var named = await _admin.StartEvaluationAsync(issue, new { evaluatorOrganisationId = evaluator, evaluatorName = "Forest Research" });
        var id = (await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var etag = named.Headers.ETag!.ToString();
        using var byStranger = await cycle.PartnerOf(Guid.CreateVersion7()).SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/evaluations/{id}", etag, Content()));
        using var byEvaluator = await cycle.PartnerOf(evaluator).SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/evaluations/{id}", etag, Content(Lesson("Independent eyes help.", "The panel's report."))));
        var seenByEvaluator = await cycle.PartnerOf(evaluator).GetAsync($"/api/cycle/evaluations/{id}");

        await AssertRuleAsync(byDeliberative, "evaluator-needs-executive-or-scrutiny-body");
        Assert.True((await ProblemAsync(unnamed, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("evaluatorName", out _));
        Assert.Equal(HttpStatusCode.Forbidden, selfNamed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byStranger.StatusCode);
        Assert.True(byEvaluator.StatusCode == HttpStatusCode.OK, await byEvaluator.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, seenByEvaluator.StatusCode);
        Assert.Equal("Forest Research", (await byEvaluator.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("evaluator").GetString());
        var (deliberation, _) = await _admin.RaiseAsync([gsp]);
        await AssertRuleAsync(await _admin.StartEvaluationAsync(deliberation, new { evaluatorBodyId = cseb }), "evaluation-needs-implementation");
    }

    [Fact]
    public async Task A_follow_up_starts_in_deliberation_with_its_parent_and_goes_on_both_timelines()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (evaluation, parent) = await cycle.CompletedEvaluationAsync(_admin, cseb, lessons: Lesson("Keep the GSP told.", "Minutes."));
        var clerk = await cycle.SeatedAsync(cseb, "clerk", Concordat.ServiceDefaults.ConcordatRoles.Clerk, "Chris Clerk");
        var stranger = await cycle.SeatedAsync(gsp, "clerk", Concordat.ServiceDefaults.ConcordatRoles.Clerk, "Sam Stranger");
        var request = new { title = "The future of the industry", description = "Proposed for the next GSP meeting.", holders = new[] { gsp }, evaluationId = evaluation };

        using var refused = await stranger.PostAsJsonAsync($"/api/cycle/issues/{parent}/follow-ups", request);
        using var unknownEvaluation = await clerk.PostAsJsonAsync($"/api/cycle/issues/{parent}/follow-ups", request with { evaluationId = Guid.CreateVersion7() });
        using var raised = await clerk.PostAsJsonAsync($"/api/cycle/issues/{parent}/follow-ups", request);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await ProblemAsync(unknownEvaluation, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("evaluationId", out _));
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
        var followUp = await raised.Content.ReadFromJsonAsync<JsonElement>();
        var id = followUp.GetProperty("id").GetGuid();
        var read = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{id}");
        Assert.Equal(("deliberation", parent, cseb), (read.GetProperty("stage").GetString(), read.GetProperty("parentIssueId").GetGuid(), read.GetProperty("raisedByBodyId").GetGuid()));
        Assert.Equal([gsp], read.GetProperty("holders").EnumerateArray().Select(h => h.GetGuid()));
        Assert.Equal("strategy_development", read.GetProperty("kind").GetString());
        Assert.Equal(["economy"], read.GetProperty("themes").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(await KindsAsync(parent), k => k == "follow_up_raised");
        Assert.Equal(["raised", "follow_up_raised"], await KindsAsync(id));
        // Each timeline's entry names the other issue as a field, so a page links to it without reading the note.
        Assert.Equal(id, (await FollowUpEntryAsync(parent)).GetProperty("relatedIssueId").GetGuid());
        Assert.Equal(parent, (await FollowUpEntryAsync(id)).GetProperty("relatedIssueId").GetGuid());
        Assert.Equal("Follow-up raised: The future of the industry", (await FollowUpEntryAsync(parent)).GetProperty("note").GetString());
        Assert.Equal(["Concordat.Contracts.Cycle.IssueRaised", "Concordat.Contracts.Cycle.FollowUpRaised"], (await OutboxAsync($"issues/{id}")).Select(e => e.Type));

        // The holder raises one from any stage, without an evaluation.
        var (deliberation, _) = await _admin.RaiseAsync([gsp]);
        using var fromHolder = await stranger.PostAsJsonAsync($"/api/cycle/issues/{deliberation}/follow-ups", new { title = "A narrower question", holders = new[] { gsp } });
        Assert.True(fromHolder.StatusCode == HttpStatusCode.Created, await fromHolder.Content.ReadAsStringAsync());
        Assert.Equal(deliberation, (await fromHolder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("parentIssueId").GetGuid());
    }

    [Fact]
    public async Task The_lessons_library_ranks_the_best_match_first_finds_stemmed_words_and_filters_by_theme_area_and_kind()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var theme = $"floods-{Guid.NewGuid():N}";
        var forest = Guid.CreateVersion7();
        await cycle.CompletedEvaluationAsync(_admin, cseb, "strategic_response", [forest],
            Lesson("Parish flood wardens cut flooding damage: flooding warnings reached homes before the flooding did.", "Flooding claims fell by a third.", theme),
            Lesson("Jobs fairs reduced worklessness.", "Two hundred people found work.", theme));
        await cycle.CompletedEvaluationAsync(_admin, cseb, "strategy_development", [],
            Lesson("Sandbag stores belong in each town.", "One road closed by flooding for a day.", theme));

        var flooding = await SearchAsync($"q=flooded&theme={theme}");
        Assert.Equal(2, flooding.Count);
        Assert.StartsWith("Parish flood wardens", flooding[0].GetProperty("statement").GetString());
        Assert.True(flooding[0].GetProperty("rank").GetSingle() > flooding[1].GetProperty("rank").GetSingle());
        Assert.Equal("Jobs fairs reduced worklessness.", Assert.Single(await SearchAsync($"q=worklessness&theme={theme}")).GetProperty("statement").GetString());
        Assert.Equal("Sandbag stores belong in each town.", Assert.Single(await SearchAsync($"q=flooding&theme={theme}&kind=strategy_development")).GetProperty("statement").GetString());
        Assert.Equal(2, (await SearchAsync($"theme={theme}&area={forest}")).Count);
        Assert.Single(await SearchAsync($"q=flooding&theme={theme}&area={forest}"));
        Assert.Empty(await SearchAsync($"q=flooding&theme=nothing-{theme}"));
        Assert.Equal(3, (await SearchAsync($"theme={theme}")).Count);

        // Bounded pages, keyset by rank: the second page of one carries on where the first ended.
        var first = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/lessons?q=flooding&theme={theme}&limit=1");
        var second = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/lessons?q=flooding&theme={theme}&limit=1&cursor={first.GetProperty("next").GetString()}");
        Assert.StartsWith("Parish", first.GetProperty("items")[0].GetProperty("statement").GetString());
        Assert.StartsWith("Sandbag", second.GetProperty("items")[0].GetProperty("statement").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await _public.GetAsync("/api/cycle/lessons?q=flooding&cursor=nonsense")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _public.GetAsync("/api/cycle/lessons?q=flooding&limit=0")).StatusCode);
    }

    private async Task<List<JsonElement>> SearchAsync(string query) =>
        [.. (await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/lessons?{query}")).GetProperty("items").EnumerateArray()];

    private Task<HttpResponseMessage> Complete(Guid evaluation, string etag) =>
        _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/evaluations/{evaluation}/completion", etag, new { }));

    /// <summary>A plan of the issue's decision led by <paramref name="lead"/>, with an indicator (lower is better) whose 2009-10 actual missed its target.</summary>
    private async Task<Guid> PlanWithIndicatorAsync(Guid decision, Guid lead)
    {
        using var started = await _admin.StartPlanAsync(decision, lead);
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var plan = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var owner = Guid.CreateVersion7();
        using var added = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators", started.Headers.ETag!.ToString(), new
        {
            name = "Working age people on out of work benefits", unit = "%", better = "lower", ownerOrganisationId = owner,
            baseline = 12.5m, baselineOn = "2008-04-01", targets = new[] { new { period = "2008-09", value = 12.0m }, new { period = "2009-10", value = 11.0m } },
        }));
        using var reported = await cycle.PartnerOf(owner).SendAsync(Conditional(HttpMethod.Post,
            $"/api/cycle/delivery-plans/{plan}/indicators/{(await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators")[0].GetProperty("id").GetGuid()}/actuals",
            added.Headers.ETag!.ToString(), new { period = "2009-10", value = 11.6m }));
        Assert.Equal(HttpStatusCode.OK, reported.StatusCode);
        return plan;
    }

    private async Task<JsonElement> FollowUpEntryAsync(Guid issue) =>
        (await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/timeline")).GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "follow_up_raised");

    private async Task<List<string?>> KindsAsync(Guid issue) =>
        [.. (await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/timeline")).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString())];

    private async Task<List<(string Type, string Payload)>> OutboxAsync(string subject)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == subject).OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync();
        return [.. rows.Select(r => (r.MessageType, r.Payload))];
    }
}
