using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// Delivery and monitoring over HTTP and PostgreSQL: a plan only under a decision in effect, led by an executive or
/// delivery body or a registered task group; owners update their own actions; roll-up and override; milestone slippage;
/// monitoring reports that read as issued; the overdue list; every change announced through the outbox.
/// </summary>
public sealed class DeliveryTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_plan_is_started_only_under_a_decision_in_effect_and_once()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, abg);
        var decision = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();

        using var inWindow = await _admin.StartPlanAsync(decision, cseb);
        await cycle.WindowPassedAsync(decision);
        using var started = await _admin.StartPlanAsync(decision, cseb);
        using var again = await _admin.StartPlanAsync(decision, cseb);

        await AssertRuleAsync(inWindow, "decision-not-in-effect");
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var plan = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, plan.GetProperty("allocations").GetArrayLength());
        Assert.Equal(issue, plan.GetProperty("issueId").GetGuid());
        await AssertRuleAsync(again, "delivery-plan-already-started");
        var listed = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/delivery-plans");
        Assert.Equal(plan.GetProperty("id").GetGuid(), Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync($"delivery-plans/{plan.GetProperty("id").GetGuid()}"),
            e => e.Type.EndsWith(".DeliveryPlanStarted", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal(cseb, announced.GetProperty("leadBodyId").GetGuid());
        Assert.Equal(2, announced.GetProperty("allocations").GetArrayLength());
    }

    [Fact]
    public async Task The_lead_is_an_executive_or_delivery_body_or_a_task_group_registered_for_the_issue()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var group = await cycle.BodyAsync("Employco closure task group", []);
        var (decision, issue) = await cycle.DecisionInEffectAsync(_admin);

        using var deliberative = await _admin.StartPlanAsync(decision, gsp);
        using var unregistered = await _admin.StartPlanAsync(decision, group);
        using var registered = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = group });
        using var taskGroup = await _admin.StartPlanAsync(decision, group);

        await AssertRuleAsync(deliberative, "delivery-lead-needs-executive-or-delivery-body");
        await AssertRuleAsync(unregistered, "delivery-lead-needs-executive-or-delivery-body");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.True(taskGroup.StatusCode == HttpStatusCode.Created, await taskGroup.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_owner_updates_its_own_action_and_another_organisations_partner_is_forbidden()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, _) = await cycle.PlanAsync(_admin, cseb);
        var (owner, stranger) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (action, etag) = await _admin.ActionAsync(plan, owner, Today.AddDays(30));
        var update = new { note = "Venue booked; 40 employers signed up.", percentComplete = 30, status = "at_risk", rag = "amber", ragReason = "Fewer employers than hoped." };

        using var byStranger = await cycle.PartnerOf(stranger).ProgressAsync(action, etag, update);
        using var byOwner = await cycle.PartnerOf(owner).ProgressAsync(action, etag, update);

        await ProblemAsync(byStranger, HttpStatusCode.Forbidden);
        Assert.True(byOwner.StatusCode == HttpStatusCode.OK, await byOwner.Content.ReadAsStringAsync());
        var updated = await byOwner.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("at_risk", updated.GetProperty("status").GetString());
        Assert.Equal("amber", updated.GetProperty("shownRag").GetString());
        var progress = Assert.Single(updated.GetProperty("progress").EnumerateArray());
        Assert.Equal($"partner-{owner}", progress.GetProperty("by").GetString());
        var changed = JsonDocument.Parse(Assert.Single(await OutboxAsync($"delivery-actions/{action}"),
            e => e.Type.EndsWith(".ActionStatusChanged", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal("not_started", changed.GetProperty("fromStatus").GetString());
        Assert.Equal("at_risk", changed.GetProperty("toStatus").GetString());
        Assert.Equal("amber", changed.GetProperty("toRag").GetString());
    }

    [Fact]
    public async Task An_actions_version_in_the_plan_is_what_if_match_takes_and_a_version_read_before_a_change_is_refused()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, planETag) = await cycle.PlanAsync(_admin, cseb);
        var (action, added) = await _admin.ActionAsync(plan, Guid.CreateVersion7(), Today.AddDays(30));
        var read = await ActionOfPlanAsync(plan, action);
        var version = read.GetProperty("version").GetString()!;

        using var first = await _admin.ProgressAsync(action, version, new { note = "Venue booked.", status = "on_track" });
        var answered = await first.Content.ReadFromJsonAsync<JsonElement>();
        using var stale = await _admin.ProgressAsync(action, version, new { note = "Written over a change not seen.", status = "at_risk", rag = "amber", ragReason = "Late." });
        var after = await ActionOfPlanAsync(plan, action);

        Assert.Equal(added, version);
        Assert.NotEqual(planETag, version);
        Assert.True(first.StatusCode == HttpStatusCode.OK, answered.ToString());
        Assert.Equal(first.Headers.ETag!.ToString(), answered.GetProperty("version").GetString());
        Assert.Equal(answered.GetProperty("version").GetString(), after.GetProperty("version").GetString());
        Assert.NotEqual(version, after.GetProperty("version").GetString());
        Assert.Contains(stale.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed });
        Assert.Equal("on_track", after.GetProperty("status").GetString());
        Assert.Single(after.GetProperty("progress").EnumerateArray());
    }

    [Fact]
    public async Task A_member_of_the_owning_body_updates_the_action_and_a_member_of_another_body_is_forbidden()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var lsp = await cycle.BodyAsync("Gloucester LSP", ["deliberative"]);
        var other = await cycle.BodyAsync("Cotswold LSP", ["deliberative"]);
        var (plan, _) = await cycle.PlanAsync(_admin, cseb);
        using var added = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/actions",
            new { title = "Open a jobs shop in Gloucester", ownerOrganisationId = Guid.CreateVersion7(), ownerBodyId = lsp, dueOn = Date(Today.AddDays(30)) });
        var action = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var update = new { note = "Premises found.", status = "on_track", rag = "green", ragReason = "On plan." };

        using var byOtherMember = await (await cycle.SeatedAsync(other, "member", ConcordatRoles.Member)).ProgressAsync(action, added.Headers.ETag!.ToString(), update);
        using var byMember = await (await cycle.SeatedAsync(lsp, "member", ConcordatRoles.Member)).ProgressAsync(action, added.Headers.ETag!.ToString(), update);

        await ProblemAsync(byOtherMember, HttpStatusCode.Forbidden);
        Assert.True(byMember.StatusCode == HttpStatusCode.OK, await byMember.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_worst_child_rolls_up_unless_the_lead_body_overrides_it_with_a_reason()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, _) = await cycle.PlanAsync(_admin, cseb);
        var owner = Guid.CreateVersion7();
        var (parent, parentVersion) = await _admin.ActionAsync(plan, owner, Today.AddDays(90), title: "Retrain Employco staff");
        var (middle, _) = await _admin.ActionAsync(plan, owner, Today.AddDays(60), parent, "Skills assessments");
        var (child, childVersion) = await _admin.ActionAsync(plan, owner, Today.AddDays(30), middle, "Book assessors");
        using var red = await _admin.ProgressAsync(child, childVersion, new { note = "No assessors free.", status = "off_track", rag = "red", ragReason = "Assessors booked elsewhere." });

        var rolled = await ActionOfPlanAsync(plan, parent);
        using var overridden = await _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/delivery-actions/{parent}/override", parentVersion,
            new { rag = "amber", reason = "Agency assessors start next week." }));
        using var noReason = await _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/delivery-actions/{parent}/override", parentVersion, new { rag = "green" }));

        Assert.Equal(HttpStatusCode.OK, red.StatusCode);
        Assert.Equal("red", rolled.GetProperty("shownRag").GetString());
        Assert.Equal("red", (await ActionOfPlanAsync(plan, middle)).GetProperty("shownRag").GetString());
        Assert.True(overridden.StatusCode == HttpStatusCode.OK, await overridden.Content.ReadAsStringAsync());
        var shown = await ActionOfPlanAsync(plan, parent);
        Assert.Equal("amber", shown.GetProperty("shownRag").GetString());
        Assert.Equal("red", shown.GetProperty("rolledUpRag").GetString());
        Assert.True(shown.GetProperty("overridden").GetBoolean());
        Assert.Equal("Agency assessors start next week.", shown.GetProperty("overrideReason").GetString());
        Assert.Equal("reason", Assert.Single((await ProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);
    }

    [Fact]
    public async Task A_milestones_history_keeps_every_date_and_each_slip_is_announced()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, etag) = await cycle.PlanAsync(_admin, cseb);
        using var added = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/milestones", etag, new { title = "Jobs fair held", dueOn = Date(Today.AddDays(30)) }));
        var milestone = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milestones")[0].GetProperty("id").GetGuid();

        using var slipped = await Move(added.Headers.ETag!.ToString(), Today.AddDays(45), "Venue unavailable.");
        using var earlier = await Move(slipped.Headers.ETag!.ToString(), Today.AddDays(40), "A cancellation freed the venue.");
        using var slippedAgain = await Move(earlier.Headers.ETag!.ToString(), Today.AddDays(60), "Employers asked for more notice.");

        Assert.True(slippedAgain.StatusCode == HttpStatusCode.OK, await slippedAgain.Content.ReadAsStringAsync());
        var shown = (await slippedAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milestones")[0];
        Assert.Equal([30, 45, 40, 60], shown.GetProperty("history").EnumerateArray().Select(h => DateOnly.Parse(h.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayNumber - Today.DayNumber));
        Assert.Equal(2, shown.GetProperty("slips").GetInt32());
        var slips = (await OutboxAsync($"delivery-plans/{plan}")).Where(e => e.Type.EndsWith(".MilestoneSlipped", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, slips.Count);
        Assert.Equal(2, JsonDocument.Parse(slips[^1].Payload).RootElement.GetProperty("slips").GetInt32());

        Task<HttpResponseMessage> Move(string version, DateOnly to, string reason) =>
            _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/delivery-plans/{plan}/milestones/{milestone}", version, new { dueOn = Date(to), reason }));
    }

    [Fact]
    public async Task A_monitoring_report_reads_as_issued_whatever_changes_after()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, etag) = await cycle.PlanAsync(_admin, cseb);
        var owner = Guid.CreateVersion7();
        var (action, version) = await _admin.ActionAsync(plan, owner, Today.AddDays(10));
        using var offTrack = await _admin.ProgressAsync(action, version, new { note = "Funding withdrawn.", status = "off_track", rag = "red", ragReason = "Grant not renewed." });
        using var risk = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/risks", etag,
            new { description = "Employers withdraw", likelihood = 3, impact = 4, owner = "Gloucestershire First", reviewOn = Date(Today.AddDays(-3)) }));

        using var issued = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/monitoring-reports", new { summary = "Quarter 3." });
        var report = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var done = await _admin.ProgressAsync(action, offTrack.Headers.ETag!.ToString(), new { note = "New funding found; done.", status = "done", rag = "green", ragReason = "Complete." });
        var read = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/monitoring-reports/{report}");

        Assert.Equal(HttpStatusCode.OK, risk.StatusCode);
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var snapshot = read.GetProperty("snapshot");
        Assert.Equal("off_track", Assert.Single(snapshot.GetProperty("actions").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(["off_track_action", "risk_past_review"], snapshot.GetProperty("exceptions").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("done", (await ActionOfPlanAsync(plan, action)).GetProperty("status").GetString());
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync($"monitoring-reports/{report}")).Payload).RootElement;
        Assert.Equal(1, announced.GetProperty("exceptions").GetProperty("off_track_action").GetInt32());
    }

    [Fact]
    public async Task The_holder_in_implementation_sees_the_latest_monitoring_report_and_issues_with_exceptions_first()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (quiet, _, quietDecision) = await cycle.InImplementationAsync(_admin, cseb, title: "Quiet plan");
        var (troubled, _, troubledDecision) = await cycle.InImplementationAsync(_admin, cseb, title: "Troubled plan");
        var quietPlan = await StartedPlanAsync(quietDecision);
        var troubledPlan = await StartedPlanAsync(troubledDecision);
        var (action, version) = await _admin.ActionAsync(troubledPlan, Guid.CreateVersion7(), Today.AddDays(10));
        using var offTrack = await _admin.ProgressAsync(action, version, new { note = "Funding withdrawn.", status = "off_track", rag = "red", ragReason = "Grant not renewed." });
        using var quietReport = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{quietPlan}/monitoring-reports", new { summary = "All on track." });
        using var troubledReport = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{troubledPlan}/monitoring-reports", new { summary = "Quarter 3." });

        var holding = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{cseb}/holding");

        Assert.Equal(HttpStatusCode.Created, quietReport.StatusCode);
        Assert.Equal(HttpStatusCode.Created, troubledReport.StatusCode);
        var implementing = holding.GetProperty("issues").GetProperty("implementation").EnumerateArray().ToList();
        Assert.Equal([troubled, quiet], implementing.Select(i => i.GetProperty("id").GetGuid()));
        var latest = implementing[0].GetProperty("latestMonitoring");
        Assert.Equal((await troubledReport.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), latest.GetProperty("reportId").GetGuid());
        Assert.Equal(1, latest.GetProperty("exceptions").GetInt32());
        Assert.Equal(0, implementing[1].GetProperty("latestMonitoring").GetProperty("exceptions").GetInt32());

        async Task<Guid> StartedPlanAsync(Guid decision)
        {
            using var started = await _admin.StartPlanAsync(decision, cseb);
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
            return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
    }

    [Fact]
    public async Task What_is_overdue_for_an_organisation_lists_its_open_actions_past_due_oldest_first()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, _) = await cycle.PlanAsync(_admin, cseb);
        var (district, other) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (late, _) = await _admin.ActionAsync(plan, district, Today.AddDays(-3), title: "Late");
        var (later, _) = await _admin.ActionAsync(plan, district, Today.AddDays(-10), title: "Later still");
        var (finished, version) = await _admin.ActionAsync(plan, district, Today.AddDays(-5), title: "Finished");
        await _admin.ActionAsync(plan, district, Today.AddDays(5), title: "Not yet due");
        await _admin.ActionAsync(plan, other, Today.AddDays(-5), title: "Someone else's");
        using var done = await _admin.ProgressAsync(finished, version, new { note = "Done.", status = "done" });

        var first = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/organisations/{district}/overdue-actions?limit=1");
        var second = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/organisations/{district}/overdue-actions?limit=1&cursor={first.GetProperty("next").GetString()}");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(later, Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(10, first.GetProperty("items")[0].GetProperty("daysOverdue").GetInt32());
        Assert.Equal(late, Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_overdue_list_reads_its_partial_index()
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        await using var explain = db.Database.GetDbConnection().CreateCommand();
        explain.Transaction = transaction.GetDbTransaction();
        // The query OverdueActions sends, as EF writes it: open actions of one organisation due before today, by (due_on, id).
        explain.CommandText = $"""
            EXPLAIN SELECT id FROM delivery_actions
            WHERE owner_organisation_id = '{Guid.CreateVersion7()}' AND removed_at IS NULL AND status <> 'Done' AND status <> 'Dropped' AND due_on < '{Date(Today)}'
            ORDER BY due_on, id LIMIT 51
            """;
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("ix_delivery_actions_owner_organisation_id_due_on_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_indicators_owner_reports_actuals_and_its_trajectory_is_json_and_an_accessible_chart()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, etag) = await cycle.PlanAsync(_admin, cseb);
        var owner = Guid.CreateVersion7();
        using var added = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators", etag, new
        {
            name = "Working age people on out of work benefits", unit = "%", better = "lower", nationalIndicator = "NI 152", ownerOrganisationId = owner,
            baseline = 12.5m, baselineOn = "2008-04-01", targets = new[] { new { period = "2008-09", value = 12.0m }, new { period = "2009-10", value = 11.0m } },
        }));
        var indicator = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators")[0].GetProperty("id").GetGuid();

        using var byStranger = await cycle.PartnerOf(Guid.CreateVersion7()).SendAsync(Conditional(HttpMethod.Post,
            $"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/actuals", added.Headers.ETag!.ToString(), new { period = "2008-09", value = 11.8m }));
        using var reported = await cycle.PartnerOf(owner).SendAsync(Conditional(HttpMethod.Post,
            $"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/actuals", added.Headers.ETag!.ToString(), new { period = "2009-10", value = 11.6m, note = "Employco redundancies." }));
        var trajectory = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/trajectory");
        using var chart = await cycle.CreateClient(token: null).GetAsync($"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/trajectory.svg");

        await ProblemAsync(byStranger, HttpStatusCode.Forbidden);
        Assert.True(reported.StatusCode == HttpStatusCode.OK, await reported.Content.ReadAsStringAsync());
        Assert.Equal("behind_trajectory", trajectory.GetProperty("status").GetString());
        Assert.False(trajectory.GetProperty("points")[1].GetProperty("onTrajectory").GetBoolean());
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        var svg = await chart.Content.ReadAsStringAsync();
        Assert.Contains("<title id=\"title\">Working age people on out of work benefits (NI 152): behind trajectory</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<desc", svg, StringComparison.Ordinal);
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync($"delivery-plans/{plan}"), e => e.Type.EndsWith(".IndicatorReported", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal("behind_trajectory", announced.GetProperty("trajectory").GetString());
    }

    [Fact]
    public async Task Bad_input_names_its_fields_and_stores_nothing()
    {
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var (plan, etag) = await cycle.PlanAsync(_admin, cseb);

        using var action = await _admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/actions", new { title = " ", dueOn = (string?)null });
        using var risk = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/risks", etag,
            new { description = "Employers withdraw", likelihood = 6, impact = 0, owner = "GFirst", reviewOn = Date(Today) }));

        var actionErrors = (await ProblemAsync(action, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(actionErrors.TryGetProperty("title", out _) || actionErrors.TryGetProperty("Title", out _), actionErrors.ToString());
        var riskErrors = (await ProblemAsync(risk, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ToList();
        Assert.Contains("likelihood", riskErrors);
        Assert.Contains("impact", riskErrors);
        var stored = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}");
        Assert.Equal(0, stored.GetProperty("actions").GetArrayLength());
        Assert.Equal(0, stored.GetProperty("risks").GetArrayLength());
    }

    private async Task<JsonElement> ActionOfPlanAsync(Guid plan, Guid action) =>
        (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}")).GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == action);

    private async Task<List<(string Type, string Payload)>> OutboxAsync(string subject)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == subject).OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync();
        return [.. rows.Select(r => (r.MessageType, r.Payload))];
    }
}
