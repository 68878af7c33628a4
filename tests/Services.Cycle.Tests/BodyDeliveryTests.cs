using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// "How is the LAA doing?": every plan a body leads or whose decision it took, rolled up (worst RAG shown, actions by
/// status, exceptions), plans with exceptions first, in bounded keyset pages.
/// </summary>
public sealed class BodyDeliveryTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();
    private readonly HttpClient _public = cycle.CreateClient(token: null);

    [Fact]
    public async Task The_authorising_body_sees_every_plan_of_its_decisions_rolled_up_with_exceptions_first()
    {
        var laa = await cycle.BodyAsync("LAA board", ["authorising"]);
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var skills = await cycle.BodyAsync("Skills delivery partnership", ["delivery"]);
        var owner = Guid.CreateVersion7();
        var onCourse = await PlanAsync(laa, cseb);
        var (green, greenVersion) = await _admin.ActionAsync(onCourse, owner, Today.AddDays(30), title: "Jobs fair");
        using var rated = await _admin.ProgressAsync(green, greenVersion, new { note = "Booked.", status = "on_track", rag = "green", ragReason = "On plan." });
        var offTrack = await PlanAsync(laa, skills);
        var (parent, _) = await _admin.ActionAsync(offTrack, owner, Today.AddDays(60), title: "Retrain staff");
        var (child, childVersion) = await _admin.ActionAsync(offTrack, owner, Today.AddDays(-2), parent, "Book assessors");
        await _admin.ActionAsync(offTrack, owner, Today.AddDays(20), title: "Not started yet");
        using var red = await _admin.ProgressAsync(child, childVersion, new { note = "None free.", status = "off_track", rag = "red", ragReason = "Booked elsewhere." });
        var pastReview = await PlanAsync(laa, cseb);
        using var risk = await _admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{pastReview}/risks", await _admin.PlanETagAsync(pastReview),
            new { description = "Employers withdraw", likelihood = 3, impact = 4, owner = "GFirst", reviewOn = Date(Today.AddDays(-1)) }));
        var elsewhere = await PlanAsync(await cycle.BodyAsync("Another ABG", ["authorising"]), cseb);

        var first = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{laa}/delivery?limit=2");
        var second = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{laa}/delivery?limit=2&cursor={first.GetProperty("next").GetString()}");
        var led = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{cseb}/delivery");

        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, red.StatusCode);
        Assert.Equal(HttpStatusCode.OK, risk.StatusCode);
        Assert.Equal([offTrack, pastReview], first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("planId").GetGuid()));
        Assert.Equal([onCourse], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("planId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var rolled = first.GetProperty("items")[0];
        Assert.Equal("red", rolled.GetProperty("worstRag").GetString());
        Assert.Equal("authorised", rolled.GetProperty("relation").GetString());
        Assert.Equal(3, rolled.GetProperty("actions").GetInt32());
        Assert.Equal(1, rolled.GetProperty("byStatus").GetProperty("offTrack").GetInt32());
        Assert.Equal(2, rolled.GetProperty("byStatus").GetProperty("notStarted").GetInt32());
        Assert.Equal(1, rolled.GetProperty("overdueActions").GetInt32());
        // The child is off track, and its parent shows the child's red.
        Assert.Equal(2, rolled.GetProperty("offTrackActions").GetInt32());
        Assert.True(rolled.GetProperty("hasExceptions").GetBoolean());
        Assert.Equal(1, first.GetProperty("items")[1].GetProperty("risksPastReview").GetInt32());
        var calm = second.GetProperty("items")[0];
        Assert.Equal("green", calm.GetProperty("worstRag").GetString());
        Assert.False(calm.GetProperty("hasExceptions").GetBoolean());
        Assert.Equal([pastReview, onCourse, elsewhere], led.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("planId").GetGuid()));
        Assert.All(led.GetProperty("items").EnumerateArray(), i => Assert.Equal("leads", i.GetProperty("relation").GetString()));
    }

    [Fact]
    public async Task The_roll_up_shows_the_lead_bodys_override_and_still_lists_the_red_child_as_an_exception()
    {
        var laa = await cycle.BodyAsync("LAA board", ["authorising"]);
        var cseb = await cycle.BodyAsync("CSEB", ["executive"]);
        var plan = await PlanAsync(laa, cseb);
        var owner = Guid.CreateVersion7();
        var (parent, parentVersion) = await _admin.ActionAsync(plan, owner, Today.AddDays(60), title: "Retrain staff");
        var (child, childVersion) = await _admin.ActionAsync(plan, owner, Today.AddDays(30), parent, "Book assessors");
        using var red = await _admin.ProgressAsync(child, childVersion, new { note = "None free.", status = "at_risk", rag = "red", ragReason = "Booked elsewhere." });
        using var overridden = await _admin.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/delivery-actions/{parent}/override", parentVersion,
            new { rag = "amber", reason = "Agency assessors start next week." }));

        var page = await _public.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{laa}/delivery");

        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        var rolled = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("amber", rolled.GetProperty("worstRag").GetString());
        Assert.True(rolled.GetProperty("hasExceptions").GetBoolean());
        Assert.Equal(child, Assert.Single(rolled.GetProperty("exceptions").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_unknown_body_is_404_and_a_bad_page_is_400()
    {
        var laa = await cycle.BodyAsync("LAA board", ["authorising"]);

        using var unknown = await _public.GetAsync($"/api/cycle/bodies/{Guid.CreateVersion7()}/delivery");
        using var tooMany = await _public.GetAsync($"/api/cycle/bodies/{laa}/delivery?limit=51");
        using var badCursor = await _public.GetAsync($"/api/cycle/bodies/{laa}/delivery?cursor=not-ours");

        await ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal("limit", Assert.Single((await ProblemAsync(tooMany, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal("cursor", Assert.Single((await ProblemAsync(badCursor, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject()).Name);
    }

    /// <summary>A plan led by <paramref name="lead"/> of a new decision in effect taken by <paramref name="authoriser"/>.</summary>
    private async Task<Guid> PlanAsync(Guid authoriser, Guid lead)
    {
        var (issue, _) = await cycle.InAuthorisationAsync(_admin, authoriser);
        var decision = (await _admin.DecideAndPublishAsync(issue, authoriser)).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(decision);
        using var started = await _admin.StartPlanAsync(decision, lead);
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
