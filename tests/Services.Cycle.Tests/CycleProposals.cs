using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Proposals as the tests put them: an action plan asking money of one partner and staff time of another.</summary>
public static class CycleProposals
{
    /// <summary>A meeting a year ahead, at 19:00 UTC, so it is always still to come.</summary>
    public static string NextYear => new DateTimeOffset(DateTime.UtcNow.Year + 1, 3, 10, 19, 0, 0, TimeSpan.Zero).ToString("O");

    public static object Request(Guid issue, Guid body, Guid? meeting = null, Guid? proposedBy = null, string title = "Climate change action plan") => new
    {
        issueId = issue,
        bodyId = body,
        proposedByBodyId = proposedBy,
        kind = "action_plan",
        title,
        summary = "Year one of the climate change strategy.",
        requestedResources = new object[]
        {
            new { organisationId = Guid.CreateVersion7(), amountGbp = 40000m },
            new { organisationId = Guid.CreateVersion7(), inKind = "A project officer, two days a week" },
        },
        meetingId = meeting,
    };

    /// <summary>Puts a proposal; the proposal as answered, with its ETag.</summary>
    public static async Task<(JsonElement Proposal, string ETag)> ProposeAsync(this HttpClient client, Guid issue, Guid body, Guid? meeting = null)
    {
        using var response = await client.PostAsJsonAsync("/api/cycle/proposals", Request(issue, body, meeting));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> PlaceAsync(this HttpClient client, Guid proposal, string? etag, Guid meeting) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/proposals/{proposal}/placement", etag, new { meetingId = meeting }));

    /// <summary>The meeting's current ETag (after a placement changed its agenda).</summary>
    public static async Task<string> MeetingETagAsync(this HttpClient client, Guid meeting)
    {
        using var response = await client.GetAsync($"/api/cycle/meetings/{meeting}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.ToString();
    }

    /// <summary>
    /// A proposal on a new issue held by <paramref name="holder"/>, put to <paramref name="body"/> and placed for a new
    /// coming meeting of it; the proposal's id, the meeting's and the issue's.
    /// </summary>
    public static async Task<(Guid Proposal, Guid Meeting, Guid Issue)> PlacedAsync(this HttpClient admin, Guid holder, Guid body, string? startsAt = null)
    {
        var (issue, _) = await admin.RaiseAsync([holder]);
        var (meeting, _) = await admin.ScheduleAsync([body], startsAt ?? NextYear);
        var (proposal, _) = await admin.ProposeAsync(issue, body, meeting);
        return (proposal.GetProperty("id").GetGuid(), meeting, issue);
    }
}
