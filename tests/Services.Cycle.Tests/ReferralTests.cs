using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Cycle.Referrals;
using Concordat.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Referrals: to bodies named or selected from the read model, answered once each, synthesised, chased when overdue.</summary>
public sealed class ReferralTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_selection_of_bodies_is_resolved_when_the_referral_is_made_and_recorded()
    {
        var tier = "neighbourhood";
        var scope = "sectoral";
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (first, second) = (await cycle.BodyAsync("First selected", ["deliberative"], tier, scope), await cycle.BodyAsync("Second selected", ["deliberative"], tier, scope));
        var dissolved = await cycle.BodyAsync("Dissolved, not selected", ["deliberative"], tier, scope);
        await cycle.DissolveAsync(dissolved);
        var otherTier = await cycle.BodyAsync("Other tier, not selected", ["deliberative"], "county", scope);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        var referral = await _admin.ReferAsync(issue, new { selection = new { tier, scope }, dueOn = Date(Today.AddDays(14)), question = "What does it mean in your area?" });
        await cycle.BodyAsync("Registered later, not added", ["deliberative"], tier, scope);

        var made = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/referrals/{referral}");
        var asked = made.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("bodyId").GetGuid()).ToHashSet();
        Assert.Equal(new HashSet<Guid> { first, second }, asked);
        Assert.DoesNotContain(otherTier, asked);
        Assert.Equal($"tier={tier}, scope={scope}", made.GetProperty("selection").GetString());
    }

    [Fact]
    public async Task A_referral_to_a_dissolved_body_is_refused_and_nothing_is_stored()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var dissolved = await cycle.BodyAsync("Former LSP", ["deliberative"]);
        await cycle.DissolveAsync(dissolved);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var refused = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/referrals", new { bodyIds = new[] { dissolved }, dueOn = Date(Today.AddDays(7)) });

        await AssertRuleAsync(refused, "referral-to-dissolved-body");
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/referrals")).GetArrayLength());
    }

    [Fact]
    public async Task Only_a_holder_refers_an_issue()
    {
        var (gsp, lsp) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("LSP", ["deliberative"]));
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var refused = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/referrals", new { referredByBodyId = lsp, bodyIds = new[] { gsp }, dueOn = Date(Today.AddDays(7)) });

        await AssertRuleAsync(refused, "referrer-not-holder");
    }

    [Fact]
    public async Task A_referral_without_bodies_or_a_due_date_is_a_400_naming_them()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/referrals", new { dueOn = Date(Today.AddDays(-1)) });

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("bodyIds", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("dueOn", out _), errors.ToString());
    }

    [Fact]
    public async Task A_selection_by_a_tier_that_does_not_exist_is_a_400_and_nothing_is_stored()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (issue, _) = await _admin.RaiseAsync([gsp]);

        using var response = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/referrals", new { selection = new { tier = "galactic" }, dueOn = Date(Today.AddDays(7)) });

        await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/referrals")).GetArrayLength());
    }

    [Fact]
    public async Task Each_body_answers_once_the_named_body_synthesises_and_all_of_it_is_on_the_timeline()
    {
        var (gsp, cseb) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("CSEB", ["executive"]));
        var (forest, stroud) = (await cycle.BodyAsync("Forest of Dean LSP", ["deliberative"]), await cycle.BodyAsync("Stroud LSP", ["deliberative"]));
        var forestClerk = await cycle.SeatedAsync(forest, "clerk", "clerk", name: "Forest Clerk");
        var csebClerk = await cycle.SeatedAsync(cseb, "clerk", "clerk", name: "CSEB Clerk");
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var referral = await _admin.ReferAsync(issue, new { bodyIds = new[] { forest, stroud }, dueOn = Date(Today.AddDays(14)), synthesisedByBodyId = cseb });

        using var answered = await forestClerk.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new
        {
            bodyId = forest, findings = "Two thirds of the workforce live here.", realProblemInArea = true, proposes = "Training in the Forest.",
        });
        using var again = await forestClerk.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = forest, findings = "Again", realProblemInArea = false });
        using var notAsked = await _admin.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = gsp, findings = "Not asked", realProblemInArea = false });
        using var synthesis = await csebClerk.PostAsJsonAsync($"/api/cycle/referrals/{referral}/synthesis", new { summary = "One district affected; act there first." });

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await AssertRuleAsync(again, "referral-already-answered");
        await AssertRuleAsync(notAsked, "body-not-referred");
        Assert.Equal(HttpStatusCode.OK, synthesis.StatusCode);
        var made = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/referrals/{referral}");
        var forestAnswer = made.GetProperty("bodies").EnumerateArray().Single(b => b.GetProperty("bodyId").GetGuid() == forest);
        Assert.True(forestAnswer.GetProperty("realProblemInArea").GetBoolean());
        Assert.Equal("Forest Clerk", forestAnswer.GetProperty("answeredBy").GetString());
        Assert.Equal("One district affected; act there first.", made.GetProperty("synthesis").GetString());
        var kinds = (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/timeline")).GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("by").GetString())).ToList();
        Assert.Equal([("raised", kinds[0].Item2), ("referral_made", kinds[1].Item2), ("referral_answered", "Forest Clerk"), ("referral_synthesised", "CSEB Clerk")], kinds);
        Assert.Equal(["Concordat.Contracts.Cycle.ReferralMade", "Concordat.Contracts.Cycle.ReferralAnswered"], await OutboxAsync(referral));
    }

    [Fact]
    public async Task Of_two_answers_sent_at_once_by_one_body_one_is_recorded()
    {
        var (gsp, forest) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("Forest LSP", ["deliberative"]));
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var referral = await _admin.ReferAsync(issue, new { bodyIds = new[] { forest }, dueOn = Date(Today.AddDays(7)) });
        using var first = cycle.CreateClient();
        using var second = cycle.CreateClient();

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = forest, findings = "First.", realProblemInArea = true }),
            second.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = forest, findings = "Second.", realProblemInArea = false }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        await AssertRuleAsync(answers.Single(a => a.StatusCode != HttpStatusCode.OK), "referral-already-answered");
        Assert.Equal(["Concordat.Contracts.Cycle.ReferralMade", "Concordat.Contracts.Cycle.ReferralAnswered"], await OutboxAsync(referral));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Overdue_responses_are_listed_and_the_holding_shows_what_is_due()
    {
        var (gsp, forest, stroud) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("Forest LSP", ["deliberative"]), await cycle.BodyAsync("Stroud LSP", ["deliberative"]));
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var referral = await _admin.ReferAsync(issue, new { bodyIds = new[] { forest, stroud }, dueOn = Date(Today.AddDays(1)) });
        using var answered = await _admin.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = stroud, findings = "Not here.", realProblemInArea = false });
        await MakeDueAsync(referral, Today.AddDays(-3));

        var overdue = (await _admin.GetFromJsonAsync<JsonElement>("/api/cycle/referrals/overdue?limit=200")).GetProperty("items").EnumerateArray()
            .Where(o => o.GetProperty("referralId").GetGuid() == referral).ToList();
        var forestHolding = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{forest}/holding");
        var gspHolding = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{gsp}/holding");

        var only = Assert.Single(overdue);
        Assert.Equal(forest, only.GetProperty("bodyId").GetGuid());
        Assert.Equal(3, only.GetProperty("daysOverdue").GetInt32());
        var awaited = Assert.Single(forestHolding.GetProperty("referralsAwaitingResponse").EnumerateArray());
        Assert.Equal(Date(Today.AddDays(-3)), awaited.GetProperty("dueOn").GetString());
        Assert.True(awaited.GetProperty("overdue").GetBoolean());
        Assert.Equal([issue], gspHolding.GetProperty("issues").GetProperty("deliberation").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(0, (await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{stroud}/holding")).GetProperty("referralsAwaitingResponse").GetArrayLength());
    }

    [Fact]
    public async Task A_reminder_goes_out_once_a_day_for_each_overdue_response()
    {
        var (gsp, forest, stroud, cotswold) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("Forest LSP", ["deliberative"]),
            await cycle.BodyAsync("Stroud LSP", ["deliberative"]), await cycle.BodyAsync("Cotswold LSP", ["deliberative"]));
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var referral = await _admin.ReferAsync(issue, new { bodyIds = new[] { forest, stroud, cotswold }, dueOn = Date(Today.AddDays(2)) });
        using var answered = await _admin.PostAsJsonAsync($"/api/cycle/referrals/{referral}/responses", new { bodyId = cotswold, findings = "Done.", realProblemInArea = false });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        await RemindAsync(time);
        var beforeDue = await RemindersAsync(referral);
        time.Advance(TimeSpan.FromDays(3));
        await RemindAsync(time);
        await RemindAsync(time);
        var firstDay = await RemindersAsync(referral);
        time.Advance(TimeSpan.FromDays(1));
        await RemindAsync(time);

        Assert.Empty(beforeDue);
        Assert.Equal(new[] { forest, stroud }.Order(), firstDay.Select(r => r.BodyId).Order());
        var all = await RemindersAsync(referral);
        Assert.Equal(4, all.Count);
        Assert.Equal(2, all.Select(r => r.RemindedOn).Distinct().Count());
        Assert.DoesNotContain(all, r => r.BodyId == cotswold);
    }

    [Fact]
    public async Task No_reminder_goes_out_for_a_closed_issue()
    {
        var (gsp, forest) = (await cycle.BodyAsync("GSP", ["deliberative"]), await cycle.BodyAsync("Forest LSP", ["deliberative"]));
        var (issue, etag) = await _admin.RaiseAsync([gsp]);
        var referral = await _admin.ReferAsync(issue, new { bodyIds = new[] { forest }, dueOn = Date(Today.AddDays(1)) });
        using var closed = await _admin.MoveAsync(issue, etag, "closed", reason: "Resolved nationally.");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(5));

        await RemindAsync(time);

        Assert.Empty(await RemindersAsync(referral));
    }

    private async Task<int> RemindAsync(TimeProvider time)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        return await new OverdueReminder(scope.ServiceProvider.GetRequiredService<CycleDbContext>(), time).RemindAsync(CancellationToken.None);
    }

    private async Task<List<Contracts.Cycle.ReferralOverdue>> RemindersAsync(Guid referral)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var payloads = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Subject == $"referrals/{referral}" && m.MessageType == "Concordat.Contracts.Cycle.ReferralOverdue")
            .OrderBy(m => m.Sequence).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => JsonSerializer.Deserialize<Contracts.Cycle.ReferralOverdue>(p, JsonSerializerOptions.Web)!)];
    }

    private async Task<List<string>> OutboxAsync(Guid referral)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == $"referrals/{referral}")
            .OrderBy(m => m.Sequence).Select(m => m.MessageType).ToListAsync();
    }

    /// <summary>Arranges the past: a referral made earlier, now due on <paramref name="dueOn"/> (the API refuses a due date already gone).</summary>
    private async Task MakeDueAsync(Guid referral, DateOnly dueOn)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        await db.Database.ExecuteSqlAsync($"UPDATE referrals SET due_on = {dueOn} WHERE id = {referral}");
        await db.Database.ExecuteSqlAsync($"UPDATE referral_recipients SET due_on = {dueOn} WHERE referral_id = {referral}");
    }
}
