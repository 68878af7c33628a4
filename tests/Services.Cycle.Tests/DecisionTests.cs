using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Concordat.Contracts.Cycle;
using Concordat.Contracts.Scrutiny;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Messaging;
using Concordat.ServiceKit;
using Concordat.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// Decisions over HTTP, PostgreSQL and the real broker: drafts private to the body, publication opening the call-in
/// window, implementation only under a decision in effect, scrutiny's call-ins and resolutions, the public register.
/// </summary>
public sealed class DecisionTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_draft_is_seen_only_by_its_body_and_publication_makes_it_public_with_its_call_in_window_and_event()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var clerk = await cycle.SeatedAsync(abg, "clerk", "clerk", name: "Sam Clerk");
        var anonymous = cycle.CreateClient(token: null);

        var (id, etag) = await clerk.DecideAsync(issue, abg);
        using var hidden = await anonymous.GetAsync($"/api/cycle/decisions/{id}");
        var draft = await clerk.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        var registerBefore = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions?body={abg}");
        using var published = await clerk.PublishAsync(id, etag);
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        var registerAfter = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions?body={abg}");

        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0, registerBefore.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("call_in_window", shown.GetProperty("status").GetString());
        var publishedAt = shown.GetProperty("publishedAt").GetDateTimeOffset();
        Assert.Equal(StatutoryCalendar.WorkingDaysAfter(publishedAt, 5), shown.GetProperty("callInEndsAt").GetDateTimeOffset());
        Assert.Equal(25000.50m, shown.GetProperty("allocations")[0].GetProperty("amountGbp").GetDecimal());
        Assert.Equal([id], registerAfter.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync($"decisions/{id}"), m => m.Type.EndsWith(".DecisionPublished", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal(issue, announced.GetProperty("issueId").GetGuid());
        Assert.Equal("approved", announced.GetProperty("outcome").GetString());
        Assert.False(announced.GetProperty("urgent").GetBoolean());
        Assert.Equal(shown.GetProperty("callInEndsAt").GetDateTimeOffset(), announced.GetProperty("callInEndsAt").GetDateTimeOffset());
        Assert.EndsWith($"/api/cycle/decisions/{id}", announced.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, announced.GetProperty("allocations").GetArrayLength());
        Assert.Equal("Sam Clerk", announced.GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task DecisionPublished_reaches_the_broker_with_its_envelope()
    {
        var heard = new ConcurrentDictionary<Guid, DecisionPublished>();
        var handle = cycle.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"test-decision-published-{Guid.NewGuid():N}", e =>
            e.Handler<DecisionPublished>(context =>
            {
                heard[context.Message.DecisionId] = context.Message;
                return Task.CompletedTask;
            }));
        await handle.Ready;
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);

        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();

        var message = await Eventually.ReturnsAsync(() => Task.FromResult(heard.GetValueOrDefault(id)), TimeSpan.FromSeconds(30), "DecisionPublished on the broker");
        await handle.StopAsync();
        Assert.NotEqual(Guid.Empty, message.EventId);
        Assert.Equal($"decisions/{id}", message.Subject);
        Assert.EndsWith("/cycle", message.Source.ToString().TrimEnd('/'), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(message.InstanceId));
        Assert.True(message.OccurredAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("org.concordat.cycle.decision.published.v1", message.Type);
        Assert.Equal((issue, abg), (message.IssueId, message.BodyId));
        Assert.NotNull(message.CallInEndsAt);
    }

    [Fact]
    public async Task The_call_in_window_is_as_many_working_days_as_configured()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        // Started after the bodies are known, so its consumers take none of the fixture's events.
        using var tenDays = cycle.WithWebHostBuilder(b => b.UseSetting("Cycle:CallIn:WorkingDays", "10"));
        var admin = tenDays.CreateClient();
        var (issue, etag) = await admin.RaiseAsync([gsp]);
        using var moved = await admin.MoveAsync(issue, etag, "authorisation", [abg]);

        var published = await admin.DecideAndPublishAsync(issue, abg);

        Assert.Equal(StatutoryCalendar.WorkingDaysAfter(published.GetProperty("publishedAt").GetDateTimeOffset(), 10),
            published.GetProperty("callInEndsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_draft_is_shown_to_a_member_of_its_body_and_not_to_the_clerk_of_another()
    {
        var (abg, lsp) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("LSP", ["deliberative"]));
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var member = await cycle.SeatedAsync(abg, "member", "member");
        var otherClerk = await cycle.SeatedAsync(lsp, "clerk", "clerk");
        var (id, _) = await _admin.DecideAsync(issue, abg);

        using var toMember = await member.GetAsync($"/api/cycle/decisions/{id}");
        using var toOtherClerk = await otherClerk.GetAsync($"/api/cycle/decisions/{id}");

        Assert.Equal(HttpStatusCode.OK, toMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toOtherClerk.StatusCode);
    }

    [Fact]
    public async Task Publication_needs_the_version_read_and_happens_once()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (id, etag) = await _admin.DecideAsync(issue, abg);

        using var without = await _admin.PublishAsync(id, null);
        using var first = await _admin.PublishAsync(id, etag);
        using var again = await _admin.PublishAsync(id, first.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRuleAsync(again, "decision-already-published");
        Assert.Single(await OutboxAsync($"decisions/{id}"), e => e.Type.EndsWith(".DecisionPublished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_authorising_body_holding_an_issue_in_authorisation_decides()
    {
        var (abg, otherAuthoriser, cseb) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("Other ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]));
        var (inAuthorisation, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (inDeliberation, _) = await _admin.RaiseAsync([await cycle.BodyAsync("LSP", ["deliberative"])]);

        using var byExecutive = await _admin.PostAsJsonAsync("/api/cycle/decisions", Request(inAuthorisation, cseb));
        using var byOtherAuthoriser = await _admin.PostAsJsonAsync("/api/cycle/decisions", Request(inAuthorisation, otherAuthoriser));
        using var tooEarly = await _admin.PostAsJsonAsync("/api/cycle/decisions", Request(inDeliberation, abg));

        await AssertRuleAsync(byExecutive, "decision-needs-authorising-body");
        await AssertRuleAsync(byOtherAuthoriser, "decider-not-holder");
        await AssertRuleAsync(tooEarly, "decision-needs-issue-in-authorisation");
        Assert.Empty(await DecisionTimelineAsync(inAuthorisation));
    }

    [Fact]
    public async Task Implementation_waits_until_the_call_in_window_has_passed()
    {
        var (abg, cseb) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var decision = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();

        using var during = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);
        await cycle.WindowPassedAsync(decision);
        using var after = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);

        await AssertRuleAsync(during, "decision-not-in-effect");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_rejection_never_lets_the_issue_move_to_implementation()
    {
        var (abg, cseb) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var decision = (await _admin.DecideAndPublishAsync(issue, abg, "rejected")).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(decision);

        using var refused = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);

        await AssertRuleAsync(refused, "decision-not-in-effect");
        Assert.Equal("nothing_to_take_effect", (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{decision}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_urgent_decision_takes_effect_on_publication_says_so_and_cannot_be_called_in()
    {
        var (abg, cseb, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);

        var decision = await _admin.DecideAndPublishAsync(issue, abg, urgent: true);
        var id = decision.GetProperty("id").GetGuid();
        await cycle.PublishAndWaitAsync(CalledIn(id, osc));
        using var moved = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);

        Assert.Equal("in_effect", decision.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, decision.GetProperty("callInEndsAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var after = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        Assert.Equal("urgent-decision-exempt", Assert.Single(after.GetProperty("callIns").EnumerateArray()).GetProperty("refused").GetString());
        var events = await OutboxAsync($"decisions/{id}");
        Assert.Equal(["DecisionPublished", "DecisionTookEffect"], events.Select(e => e.Type.Split('.')[^1]));
        Assert.Equal("urgent", JsonDocument.Parse(events[1].Payload).RootElement.GetProperty("why").GetString());
        Assert.Contains("call_in_refused", await DecisionTimelineAsync(issue));
    }

    [Fact]
    public async Task A_decision_takes_effect_once_when_its_window_passes_however_often_the_job_runs()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        var early = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(20));

        await RunEffectsAsync(early);
        var beforeWindow = await OutboxAsync($"decisions/{id}");
        await RunEffectsAsync(later);
        await RunEffectsAsync(later);

        Assert.DoesNotContain(beforeWindow, e => e.Type.EndsWith(".DecisionTookEffect", StringComparison.Ordinal));
        var took = Assert.Single(await OutboxAsync($"decisions/{id}"), e => e.Type.EndsWith(".DecisionTookEffect", StringComparison.Ordinal));
        Assert.Equal("call_in_window_passed", JsonDocument.Parse(took.Payload).RootElement.GetProperty("why").GetString());
        Assert.Equal(["decision_taken", "decision_published", "decision_took_effect"], await DecisionTimelineAsync(issue));
    }

    [Fact]
    public async Task A_called_in_decision_stays_out_of_effect_until_the_call_in_ends_with_no_further_action()
    {
        var (abg, cseb, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        var calledIn = CalledIn(id, osc);

        await cycle.PublishAndWaitAsync(calledIn);
        await cycle.WindowPassedAsync(id);
        using var whileCalledIn = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);
        var held = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        await cycle.PublishAndWaitAsync(Resolved(calledIn, CallInResolved.NoFurtherAction));
        var resolved = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        using var afterwards = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);

        await AssertRuleAsync(whileCalledIn, "decision-not-in-effect");
        Assert.Equal("called_in", held.GetProperty("status").GetString());
        Assert.Equal("in_effect", resolved.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        var took = Assert.Single(await OutboxAsync($"decisions/{id}"), e => e.Type.EndsWith(".DecisionTookEffect", StringComparison.Ordinal));
        Assert.Equal("call_in_resolved", JsonDocument.Parse(took.Payload).RootElement.GetProperty("why").GetString());
        Assert.Equal(["decision_taken", "decision_published", "decision_called_in", "call_in_resolved", "decision_took_effect"], await DecisionTimelineAsync(issue));
    }

    [Fact]
    public async Task A_call_in_referred_back_keeps_the_decision_out_of_effect_for_good_and_the_issue_in_authorisation()
    {
        var (abg, cseb, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        var calledIn = CalledIn(id, osc);

        await cycle.PublishAndWaitAsync(calledIn);
        await cycle.PublishAndWaitAsync(Resolved(calledIn, CallInResolved.ReferredBack));
        await cycle.WindowPassedAsync(id);
        using var refused = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);

        await AssertRuleAsync(refused, "decision-not-in-effect");
        Assert.Equal("referred_back_by_scrutiny", (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}")).GetProperty("status").GetString());
        Assert.Equal("authorisation", (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}")).GetProperty("stage").GetString());
        Assert.DoesNotContain(await OutboxAsync($"decisions/{id}"), e => e.Type.EndsWith(".DecisionTookEffect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_issue_that_moved_on_under_another_decision_returns_to_authorisation_when_a_call_in_refers_its_decision_back()
    {
        var (abg, cseb, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("CSEB", ["executive"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var ordinary = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        await _admin.DecideAndPublishAsync(issue, abg, urgent: true);
        var calledIn = CalledIn(ordinary, osc);
        await cycle.PublishAndWaitAsync(calledIn);
        using var moved = await _admin.MoveAsync(issue, etag, "implementation", [cseb]);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await cycle.PublishAndWaitAsync(Resolved(calledIn, CallInResolved.ReferredBack));

        var returned = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}");
        Assert.Equal("authorisation", returned.GetProperty("stage").GetString());
        Assert.Equal([abg], returned.GetProperty("holders").EnumerateArray().Select(h => h.GetGuid()));
        Assert.Contains(await OutboxAsync($"issues/{issue}"), e => e.Type.EndsWith(".IssueMoved", StringComparison.Ordinal) && e.Payload.Contains("referred back by scrutiny", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resolution_that_arrives_before_its_call_in_still_ends_it()
    {
        var (abg, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        var calledIn = CalledIn(id, osc);

        await cycle.PublishAndWaitAsync(Resolved(calledIn, CallInResolved.NoFurtherAction));
        await cycle.PublishAndWaitAsync(calledIn);
        await cycle.WindowPassedAsync(id);

        var decision = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        Assert.Equal("in_effect", decision.GetProperty("status").GetString());
        var recorded = Assert.Single(decision.GetProperty("callIns").EnumerateArray());
        Assert.Equal(calledIn.Reasons, recorded.GetProperty("reasons").GetString());
        Assert.Equal("no_further_action", recorded.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_call_in_after_the_window_closed_is_recorded_and_holds_nothing()
    {
        var (abg, osc) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("OSC", ["scrutiny"]));
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var id = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(id);

        await cycle.PublishAndWaitAsync(CalledIn(id, osc, DateTimeOffset.UtcNow));

        var decision = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{id}");
        Assert.Equal("in_effect", decision.GetProperty("status").GetString());
        Assert.Equal("call-in-window-closed", Assert.Single(decision.GetProperty("callIns").EnumerateArray()).GetProperty("refused").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_fields_as_the_JSON_names_them_and_nothing_is_stored()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);

        using var missing = await _admin.PostAsJsonAsync("/api/cycle/decisions", new { issueId = issue, bodyId = abg });
        using var urgentWithoutReason = await _admin.PostAsJsonAsync("/api/cycle/decisions", new
        {
            issueId = issue, bodyId = abg, outcome = "approved", summary = "Fund it.", urgent = true, meeting = "ABG",
            allocations = new object[] { new { organisationId = Guid.CreateVersion7(), amountGbp = 10m, inKind = "And an officer" }, new { amountGbp = 0.001m } },
        });
        using var badOutcome = await _admin.PostAsJsonAsync("/api/cycle/decisions", new { issueId = issue, bodyId = abg, outcome = "maybe", summary = "Fund it." });

        var errors = (await ProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.All(new[] { "outcome", "summary" }, f => Assert.True(errors.TryGetProperty(f, out _), $"{f} not named in {errors}"));
        var urgentErrors = (await ProblemAsync(urgentWithoutReason, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.All(new[] { "urgencyReason", "meeting", "allocations[0].amountGbp", "allocations[1].organisationId", "allocations[1].amountGbp" },
            f => Assert.True(urgentErrors.TryGetProperty(f, out _), $"{f} not named in {urgentErrors}"));
        await ProblemAsync(badOutcome, HttpStatusCode.BadRequest);
        Assert.Empty(await DecisionTimelineAsync(issue));
        await using var scope = cycle.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Decisions.AnyAsync(d => d.IssueId == issue));
    }

    [Fact]
    public async Task The_register_filters_by_body_theme_area_and_date_and_syncs_by_modified_since()
    {
        var (abg, other) = (await cycle.BodyAsync("ABG", ["authorising"]), await cycle.BodyAsync("Other ABG", ["authorising"]));
        var theme = $"environment-{Guid.NewGuid():N}";
        var (first, _) = await cycle.InAuthorisationAsync(_admin, abg, theme);
        var (second, _) = await cycle.InAuthorisationAsync(_admin, other, theme);
        var firstDecision = (await _admin.DecideAndPublishAsync(first, abg)).GetProperty("id").GetGuid();
        var before = DateTimeOffset.UtcNow;
        var secondDecision = (await _admin.DecideAndPublishAsync(second, other, "deferred")).GetProperty("id").GetGuid();

        async Task<Guid[]> ListAsync(string query) => [.. (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions?theme={theme}&{query}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        Assert.Equal([firstDecision, secondDecision], await ListAsync("limit=10"));
        Assert.Equal([secondDecision], await ListAsync($"body={other}"));
        Assert.Equal([secondDecision], await ListAsync($"modified_since={Uri.EscapeDataString(before.ToString("O"))}"));
        Assert.Equal([firstDecision, secondDecision], await ListAsync($"publishedFrom={Date(Today)}&publishedTo={Date(Today)}"));
        Assert.Empty(await ListAsync($"publishedFrom={Date(Today.AddDays(1))}"));
        Assert.Empty(await ListAsync($"area={Guid.NewGuid()}"));
        using var backwards = await _admin.GetAsync($"/api/cycle/decisions?publishedFrom={Date(Today)}&publishedTo={Date(Today.AddDays(-1))}");
        Assert.True((await ProblemAsync(backwards, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("publishedTo", out _));
    }

    [Fact]
    public async Task The_register_gives_one_issues_published_decisions_and_never_its_drafts()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (decided, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (another, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (drafted, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var decision = (await _admin.DecideAndPublishAsync(decided, abg)).GetProperty("id").GetGuid();
        await _admin.DecideAndPublishAsync(another, abg);
        await _admin.DecideAsync(drafted, abg);
        var anonymous = cycle.CreateClient(token: null);

        async Task<Guid[]> ListAsync(Guid issue) => [.. (await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions?issueId={issue}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

        Assert.Equal([decision], await ListAsync(decided));
        Assert.Empty(await ListAsync(drafted));
        Assert.Empty(await ListAsync(Guid.CreateVersion7()));
        using var notAnId = await anonymous.GetAsync("/api/cycle/decisions?issueId=employco");
        await ProblemAsync(notAnId, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bodys_drafts_are_listed_newest_first_to_those_who_act_for_it_until_published()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var clerk = await cycle.SeatedAsync(abg, "clerk", "clerk");
        var otherClerk = await cycle.SeatedAsync(await cycle.BodyAsync("Other ABG", ["authorising"]), "clerk", "clerk");
        var (first, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (second, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (third, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var (older, olderETag) = await clerk.DecideAsync(first, abg);
        var (newer, _) = await clerk.DecideAsync(second, abg);
        await clerk.DecideAndPublishAsync(third, abg);

        async Task<Guid[]> DraftsAsync() => [.. (await clerk.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{abg}/draft-decisions"))
            .EnumerateArray().Select(d => d.GetProperty("id").GetGuid())];

        var before = await DraftsAsync();
        using var published = await clerk.PublishAsync(older, olderETag);
        var after = await DraftsAsync();
        using var toOtherClerk = await otherClerk.GetAsync($"/api/cycle/bodies/{abg}/draft-decisions");
        using var toAnonymous = await cycle.CreateClient(token: null).GetAsync($"/api/cycle/bodies/{abg}/draft-decisions");
        using var unknown = await _admin.GetAsync($"/api/cycle/bodies/{Guid.CreateVersion7()}/draft-decisions");

        Assert.Equal([newer, older], before);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal([newer], after);
        await ProblemAsync(toOtherClerk, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, toAnonymous.StatusCode);
        await ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_decision_feed_is_atom_newest_first_for_anyone_leaves_out_drafts_and_follows_the_register_s_filters()
    {
        var (abg, other) = (await cycle.BodyAsync("Feed ABG", ["authorising"]), await cycle.BodyAsync("Feed other ABG", ["authorising"]));
        var theme = $"feeds-{Guid.NewGuid():N}";
        var (first, _) = await cycle.InAuthorisationAsync(_admin, abg, theme);
        var (second, _) = await cycle.InAuthorisationAsync(_admin, other, theme);
        var (drafted, _) = await cycle.InAuthorisationAsync(_admin, abg, theme);
        var firstDecision = (await _admin.DecideAndPublishAsync(first, abg)).GetProperty("id").GetGuid();
        var secondDecision = (await _admin.DecideAndPublishAsync(second, other, "deferred")).GetProperty("id").GetGuid();
        await _admin.DecideAsync(drafted, abg);
        var anonymous = cycle.CreateClient(token: null);
        XNamespace atom = "http://www.w3.org/2005/Atom";

        async Task<XElement> FeedAsync(string query)
        {
            using var response = await anonymous.GetAsync($"/api/cycle/decisions.atom?theme={theme}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
            return XElement.Parse(await response.Content.ReadAsStringAsync());
        }

        var all = await FeedAsync("");
        var entries = all.Elements(atom + "entry").ToList();
        Assert.Equal([$"urn:uuid:{secondDecision}", $"urn:uuid:{firstDecision}"], entries.Select(e => e.Element(atom + "id")!.Value));
        Assert.StartsWith("Feed other ABG: ", entries[0].Element(atom + "title")!.Value);
        Assert.Contains(entries[1].Elements(atom + "link"), l => l.Attribute("href")!.Value.EndsWith($"/issues/{first}", StringComparison.Ordinal));
        Assert.Contains(entries[1].Elements(atom + "link"), l => (string?)l.Attribute("type") == "application/json"
            && l.Attribute("href")!.Value.EndsWith($"/api/cycle/decisions/{firstDecision}", StringComparison.Ordinal));
        var onlyAbg = await FeedAsync($"body={abg}");
        Assert.Equal("Decisions of Feed ABG", onlyAbg.Element(atom + "title")!.Value);
        Assert.Equal([$"urn:uuid:{firstDecision}"], onlyAbg.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value));
    }

    private async Task RunEffectsAsync(TimeProvider time)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        await new DecisionEffects(scope.ServiceProvider.GetRequiredService<CycleDbContext>(), time).TakeEffectAsync(CancellationToken.None);
    }

    /// <summary>The kinds of the decision entries on the issue's timeline, oldest first.</summary>
    private async Task<List<string>> DecisionTimelineAsync(Guid issue)
    {
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/timeline");
        return [.. timeline.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)
            .Where(k => k.StartsWith("decision_", StringComparison.Ordinal) || k.StartsWith("call_in_", StringComparison.Ordinal))];
    }

    private async Task<List<(string Type, string Payload)>> OutboxAsync(string subject)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == subject).OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync();
        return [.. rows.Select(r => (r.MessageType, r.Payload))];
    }
}
