using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleProposals;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>The forward plan and a body's meetings as JSON: public, coming meetings only, drafts kept to the body.</summary>
public sealed class ForwardPlanTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task The_forward_plan_is_public_and_lists_only_proposals_for_coming_meetings()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (coming, comingMeeting, issue) = await _admin.PlacedAsync(gsp, abg);
        var (passed, passedMeeting, _) = await _admin.PlacedAsync(gsp, abg);
        await MeetingPassedAsync(passedMeeting);
        var anonymous = cycle.CreateClient(token: null);

        var plan = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/forward-plan?body={abg}");

        var entry = Assert.Single(plan.GetProperty("items").EnumerateArray());
        Assert.Equal(coming, entry.GetProperty("proposal").GetProperty("id").GetGuid());
        Assert.Equal("action_plan", entry.GetProperty("proposal").GetProperty("kind").GetString());
        Assert.Equal(issue, entry.GetProperty("issue").GetProperty("id").GetGuid());
        Assert.Equal("ABG", entry.GetProperty("body").GetProperty("name").GetString());
        Assert.Equal(comingMeeting, entry.GetProperty("meeting").GetProperty("id").GetGuid());
        Assert.False(entry.GetProperty("proposal").TryGetProperty("requestedResources", out _));
        Assert.NotEqual(coming, passed);
    }

    [Fact]
    public async Task The_forward_plan_filters_by_the_UK_day_of_the_meeting()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var year = DateTime.UtcNow.Year + 1;
        var (march, _, _) = await _admin.PlacedAsync(gsp, abg, $"{year}-03-10T19:00:00+00:00");
        var (june, _, _) = await _admin.PlacedAsync(gsp, abg, $"{year}-06-10T19:00:00+01:00");

        var spring = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/forward-plan?body={abg}&from={year}-03-10&to={year}-03-10");
        var summer = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/forward-plan?body={abg}&from={year}-04-01");
        using var backwards = await _admin.GetAsync($"/api/cycle/forward-plan?from={year}-04-01&to={year}-03-01");

        Assert.Equal([march], spring.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("proposal").GetProperty("id").GetGuid()));
        Assert.Equal([june], summer.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("proposal").GetProperty("id").GetGuid()));
        var problem = await ProblemAsync(backwards, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }

    [Fact]
    public async Task The_forward_plan_reads_soonest_meeting_first_across_pages_whatever_order_the_proposals_were_put()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var year = DateTime.UtcNow.Year + 1;
        var (autumn, _, _) = await _admin.PlacedAsync(gsp, abg, $"{year}-10-01T19:00:00+01:00");
        var (spring, _, _) = await _admin.PlacedAsync(gsp, abg, $"{year}-03-01T19:00:00+00:00");
        var (summer, _, _) = await _admin.PlacedAsync(gsp, abg, $"{year}-07-01T19:00:00+01:00");

        var first = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/forward-plan?body={abg}&limit=2");
        var second = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/forward-plan?body={abg}&limit=2&cursor={first.GetProperty("next").GetString()}");
        using var sync = await _admin.GetAsync($"/api/cycle/forward-plan?modified_since=2026-01-01T00:00:00Z");

        Assert.Equal([spring, summer], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("proposal").GetProperty("id").GetGuid()));
        Assert.Equal([autumn], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("proposal").GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.True((await ProblemAsync(sync, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("modified_since", out _));
    }

    [Fact]
    public async Task A_bodys_meetings_show_a_draft_agenda_only_to_those_who_act_for_it()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var member = await cycle.SeatedAsync(abg, "member", "member");
        var anonymous = cycle.CreateClient(token: null);
        var (draft, _) = await _admin.WithAgendaAsync([abg]);
        var (published, _, _) = await _admin.PublishedAsync([abg]);

        var seenByPublic = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{abg}/meetings");
        var seenByMember = await member.GetFromJsonAsync<JsonElement>($"/api/cycle/bodies/{abg}/meetings");
        using var unknown = await anonymous.GetAsync($"/api/cycle/bodies/{Guid.CreateVersion7()}/meetings");

        var publicDraft = seenByPublic.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == draft);
        var publicPublished = seenByPublic.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == published);
        var memberDraft = seenByMember.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == draft);
        Assert.Equal("draft", publicDraft.GetProperty("agendaState").GetString());
        Assert.Equal(JsonValueKind.Null, publicDraft.GetProperty("place").ValueKind);
        Assert.Equal(JsonValueKind.Null, publicDraft.GetProperty("items").ValueKind);
        Assert.Equal(1, publicPublished.GetProperty("items").GetArrayLength());
        Assert.Equal(1, memberDraft.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>Arranges that the meeting (and what is placed for it) started an hour ago, as if the day had come.</summary>
    private async Task MeetingPassedAsync(Guid meeting)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var started = DateTimeOffset.UtcNow.AddHours(-1);
        await db.Meetings.Where(m => m.Id == meeting).ExecuteUpdateAsync(s => s.SetProperty(m => m.StartsAt, started));
        await db.Proposals.Where(p => p.MeetingId == meeting).ExecuteUpdateAsync(s => s.SetProperty(p => p.MeetingStartsAt, started));
    }
}
