using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Meetings as the tests schedule them: a summer evening (BST), an agenda item with a paper, publication.</summary>
public static class CycleMeetings
{
    /// <summary>19:00 BST on 15 July 2027, which is 18:00 UTC.</summary>
    public const string SummerEvening = "2027-07-15T19:00:00+01:00";

    public static object Request(Guid[] bodies, string startsAt = SummerEvening, string kind = "ordinary") =>
        new { bodyIds = bodies, startsAt, place = "Council Chamber, County Hall", kind };

    public static object Item(Guid? issue = null, string title = "Climate change strategy") => new
    {
        kind = issue is null ? "other_business" : "issue",
        issueId = issue,
        title,
        papers = new object[] { new { title = "Officers' report", authorOrganisationId = Guid.CreateVersion7(), link = "https://example.org/papers/1.pdf" } },
    };

    /// <summary>Schedules a meeting; its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> ScheduleAsync(this HttpClient client, Guid[] bodies, string startsAt = SummerEvening)
    {
        using var response = await client.PostAsJsonAsync("/api/cycle/meetings", Request(bodies, startsAt));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> AddItemAsync(this HttpClient client, Guid meeting, string? etag, object item) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/meetings/{meeting}/agenda/items", etag, item));

    public static Task<HttpResponseMessage> PublishAgendaAsync(this HttpClient client, Guid meeting, string? etag) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/meetings/{meeting}/agenda/publication", etag, new { }));

    public static Task<HttpResponseMessage> MinuteAsync(this HttpClient client, Guid meeting, Guid item, string? etag) =>
        client.SendAsync(Conditional(HttpMethod.Put, $"/api/cycle/meetings/{meeting}/agenda/items/{item}/minutes", etag,
            new { outcome = "Strategy endorsed for adoption.", keyMessages = "Districts to report local actions by March." }));

    public static Task<HttpResponseMessage> PublishMinutesAsync(this HttpClient client, Guid meeting, string? etag) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/meetings/{meeting}/minutes/publication", etag, new { }));

    /// <summary>A meeting with one item, its agenda published; its id, the item's id and the ETag.</summary>
    public static async Task<(Guid Id, Guid Item, string ETag)> PublishedAsync(this HttpClient client, Guid[] bodies)
    {
        var (id, etag) = await client.WithAgendaAsync(bodies);
        using var published = await client.PublishAgendaAsync(id, etag);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var item = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid();
        return (id, item, published.Headers.ETag!.ToString());
    }

    /// <summary>Schedules a meeting with one item on its agenda (draft); its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> WithAgendaAsync(this HttpClient client, Guid[] bodies, Guid? issue = null)
    {
        var (id, etag) = await client.ScheduleAsync(bodies);
        using var added = await client.AddItemAsync(id, etag, Item(issue));
        Assert.True(added.StatusCode == HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
        return (id, added.Headers.ETag!.ToString());
    }
}
