using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Cycle.Data;
using Concordat.Messaging;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleMeetings;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Meetings over HTTP and PostgreSQL: scheduling, a draft agenda private to the bodies, publication, the iCalendar feed.</summary>
public sealed class MeetingTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_clerk_schedules_a_meeting_shown_in_UK_time_and_announced()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var clerk = await cycle.SeatedAsync(abg, "clerk", "clerk", name: "Sam Clerk");

        using var response = await clerk.PostAsJsonAsync("/api/cycle/meetings", Request([abg], "2027-07-15T18:00:00Z", "special"));
        var meeting = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("2027-07-15T19:00:00+01:00", meeting.GetProperty("startsAt").GetString());
        Assert.Equal("special", meeting.GetProperty("kind").GetString());
        Assert.Equal("draft", meeting.GetProperty("agendaState").GetString());
        Assert.Equal([abg], meeting.GetProperty("bodyIds").EnumerateArray().Select(b => b.GetGuid()));
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync(meeting.GetProperty("id").GetGuid()), m => m.Type.EndsWith(".MeetingScheduled", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal(new DateTimeOffset(2027, 7, 15, 18, 0, 0, TimeSpan.Zero), announced.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("Sam Clerk", announced.GetProperty("scheduledBy").GetString());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var before = await CountAsync();

        using var response = await _admin.PostAsJsonAsync("/api/cycle/meetings", new { bodyIds = new[] { abg }, kind = "ordinary" });
        using var noBodies = await _admin.PostAsJsonAsync("/api/cycle/meetings", Request([]));
        var (id, etag) = await _admin.ScheduleAsync([abg]);
        using var noIssue = await _admin.AddItemAsync(id, etag, new { kind = "issue", title = "Climate change strategy" });
        using var badLink = await _admin.AddItemAsync(id, etag, new
        {
            kind = "other_business", title = "Any other business",
            papers = new[] { new { title = "Note", authorOrganisationId = Guid.CreateVersion7(), link = "not a link" } },
        });
        using var unknownBody = await _admin.PostAsJsonAsync("/api/cycle/meetings", Request([Guid.CreateVersion7()]));

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("startsAt", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("place", out _), errors.ToString());
        Assert.True((await ProblemAsync(noBodies, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("bodyIds", out _));
        Assert.True((await ProblemAsync(noIssue, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("issueId", out _));
        Assert.True((await ProblemAsync(badLink, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("papers[0].link", out _));
        await AssertRuleAsync(unknownBody, "body-unknown");
        Assert.Equal(before + 1, await CountAsync());
        var stored = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{id}");
        Assert.Equal(0, stored.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_draft_agenda_is_private_to_the_bodies_until_published_and_then_public_with_its_event_and_timeline_entry()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var other = await cycle.BodyAsync("GSP", ["deliberative"]);
        var member = await cycle.SeatedAsync(abg, "member", "member");
        var outsider = await cycle.SeatedAsync(other, "clerk", "clerk");
        var anonymous = cycle.CreateClient(token: null);
        var (issue, _) = await _admin.RaiseAsync([abg]);
        var (id, etag) = await member.WithAgendaAsync([abg], issue);

        using var hiddenFromPublic = await anonymous.GetAsync($"/api/cycle/meetings/{id}");
        using var hiddenFromOutsider = await outsider.GetAsync($"/api/cycle/meetings/{id}");
        using var seenByMember = await member.GetAsync($"/api/cycle/meetings/{id}");
        using var published = await member.PublishAgendaAsync(id, etag);
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{id}");

        Assert.Equal(HttpStatusCode.NotFound, hiddenFromPublic.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenFromOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seenByMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("published", shown.GetProperty("agendaState").GetString());
        var item = Assert.Single(shown.GetProperty("items").EnumerateArray());
        Assert.Equal(issue, item.GetProperty("issueId").GetGuid());
        Assert.Equal("https://example.org/papers/1.pdf", Assert.Single(item.GetProperty("papers").EnumerateArray()).GetProperty("link").GetString());
        var announced = JsonDocument.Parse(Assert.Single(await OutboxAsync(id), m => m.Type.EndsWith(".AgendaPublished", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal(issue, Assert.Single(announced.GetProperty("items").EnumerateArray()).GetProperty("issueId").GetGuid());
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/timeline");
        Assert.Single(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "agenda_appearance");
    }

    [Fact]
    public async Task Publication_needs_the_version_an_agenda_with_items_and_happens_once()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (empty, emptyTag) = await _admin.ScheduleAsync([abg]);
        var (id, etag) = await _admin.WithAgendaAsync([abg]);

        using var withoutVersion = await _admin.PublishAgendaAsync(id, null);
        using var emptyRefused = await _admin.PublishAgendaAsync(empty, emptyTag);
        using var published = await _admin.PublishAgendaAsync(id, etag);
        using var again = await _admin.PublishAgendaAsync(id, published.Headers.ETag!.ToString());
        using var addedAfter = await _admin.AddItemAsync(id, published.Headers.ETag!.ToString(), Item());

        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);
        await AssertRuleAsync(emptyRefused, "agenda-empty");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await AssertRuleAsync(again, "agenda-already-published");
        await AssertRuleAsync(addedAfter, "agenda-already-published");
    }

    [Fact]
    public async Task A_joint_meeting_is_scheduled_by_either_body_and_seen_in_both_feeds_with_its_UTC_start()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var gspClerk = await cycle.SeatedAsync(gsp, "clerk", "clerk");
        var anonymous = cycle.CreateClient(token: null);

        var (joint, etag) = await gspClerk.WithAgendaAsync([abg, gsp]);
        using var published = await gspClerk.PublishAgendaAsync(joint, etag);
        var (draft, _) = await _admin.ScheduleAsync([abg], "2027-01-20T10:00:00Z");
        var abgFeed = await anonymous.GetAsync($"/api/cycle/bodies/{abg}/meetings.ics");
        var gspFeed = await anonymous.GetStringAsync($"/api/cycle/bodies/{gsp}/meetings.ics");

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("text/calendar", abgFeed.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await abgFeed.Content.ReadAsStringAsync())!;
        var shown = Assert.Single(calendar.Events, e => e.Uid == $"{joint}@concordat");
        Assert.Equal(new DateTime(2027, 7, 15, 18, 0, 0, DateTimeKind.Utc), shown.DtStart!.AsUtc);
        Assert.Equal("Council Chamber, County Hall", shown.Location);
        var scheduled = Assert.Single(calendar.Events, e => e.Uid == $"{draft}@concordat");
        Assert.Equal(new DateTime(2027, 1, 20, 10, 0, 0, DateTimeKind.Utc), scheduled.DtStart!.AsUtc);
        Assert.Null(scheduled.Location);
        Assert.Single(Calendar.Load(gspFeed)!.Events, e => e.Uid == $"{joint}@concordat");
    }

    [Fact]
    public async Task Minutes_are_recorded_on_a_published_agenda_and_are_private_until_published_with_every_item_minuted()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var clerk = await cycle.SeatedAsync(abg, "clerk", "clerk");
        var anonymous = cycle.CreateClient(token: null);
        var (draft, draftTag) = await clerk.WithAgendaAsync([abg]);
        var draftItem = (await clerk.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{draft}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var (id, item, etag) = await clerk.PublishedAsync([abg]);

        using var onDraft = await clerk.MinuteAsync(draft, draftItem, draftTag);
        using var incomplete = await clerk.PublishMinutesAsync(id, etag);
        using var minuted = await clerk.MinuteAsync(id, item, etag);
        var hidden = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{id}");
        var seen = await clerk.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{id}");
        using var published = await clerk.PublishMinutesAsync(id, minuted.Headers.ETag!.ToString());
        var shown = await anonymous.GetFromJsonAsync<JsonElement>($"/api/cycle/meetings/{id}");
        using var changed = await clerk.MinuteAsync(id, item, published.Headers.ETag!.ToString());

        await AssertRuleAsync(onDraft, "agenda-not-published");
        await AssertRuleAsync(incomplete, "minutes-incomplete");
        Assert.Equal(HttpStatusCode.OK, minuted.StatusCode);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("items")[0].GetProperty("minutes").ValueKind);
        Assert.Equal("Strategy endorsed for adoption.", seen.GetProperty("items")[0].GetProperty("minutes").GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Districts to report local actions by March.", shown.GetProperty("items")[0].GetProperty("minutes").GetProperty("keyMessages").GetString());
        await AssertRuleAsync(changed, "minutes-already-published");
    }

    private async Task<int> CountAsync()
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CycleDbContext>().Meetings.CountAsync();
    }

    private async Task<List<(string Type, string Payload)>> OutboxAsync(Guid meeting)
    {
        await using var scope = cycle.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CycleDbContext>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Subject == $"meetings/{meeting}").OrderBy(m => m.Sequence)
            .Select(m => new { m.MessageType, m.Payload }).ToListAsync();
        return [.. rows.Select(r => (r.MessageType, r.Payload))];
    }
}
