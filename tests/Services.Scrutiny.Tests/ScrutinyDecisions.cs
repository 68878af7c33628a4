using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Cycle;

namespace Concordat.Scrutiny.Tests;

/// <summary>The cycle's decisions as scrutiny hears them, and call-ins made through the API.</summary>
public static class ScrutinyDecisions
{
    /// <summary>A decision the cycle published, its call-in window closing at <paramref name="callInEndsAt"/> (null: urgent).</summary>
    public static DecisionPublished Published(DateTimeOffset? callInEndsAt, bool urgent = false)
    {
        var id = Guid.CreateVersion7();
        return new DecisionPublished
        {
            EventId = Guid.CreateVersion7(),
            Source = new Uri("http://glos.test/cycle"),
            InstanceId = "glos",
            OccurredAt = DateTimeOffset.UtcNow,
            Subject = $"decisions/{id}",
            DecisionId = id,
            IssueId = Guid.CreateVersion7(),
            BodyId = Guid.CreateVersion7(),
            Outcome = "approved",
            Summary = "Employco redundancy response: a jobs taskforce, funded by the county and Stroud.",
            Allocations = [],
            Urgent = urgent,
            UrgencyReason = urgent ? "The plant closes on Friday." : null,
            PublishedAt = DateTimeOffset.UtcNow,
            CallInEndsAt = callInEndsAt,
            Url = new Uri($"http://glos.test/api/cycle/decisions/{id}"),
            PublishedBy = "Sam Clerk",
        };
    }

    /// <summary>A decision whose window is open for five more days, known to scrutiny; its id.</summary>
    public static async Task<Guid> OpenDecisionAsync(this ScrutinyFactory scrutiny)
    {
        var published = Published(DateTimeOffset.UtcNow.AddDays(5));
        await scrutiny.PublishAndWaitAsync(published);
        return published.DecisionId;
    }

    public static Task<HttpResponseMessage> CallInAsync(this HttpClient client, Guid committee, Guid decision, string reasons = "The taskforce's funding was not consulted on.") =>
        client.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/call-ins", new { decisionId = decision, reasons });

    /// <summary>Calls <paramref name="decision"/> in; the call-in's id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> CalledInAsync(this HttpClient client, Guid committee, Guid decision)
    {
        using var response = await client.CallInAsync(committee, decision);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> ResolveAsync(this HttpClient client, Guid callIn, string? etag, string outcome = "no_further_action", string reasons = "The committee was satisfied by the portfolio holder's answers.")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/scrutiny/call-ins/{callIn}/resolution") { Content = JsonContent.Create(new { outcome, reasons }) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        }

        return client.SendAsync(request);
    }

    public static async Task<string?> RuleAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("rule", out var rule) ? rule.GetString() : null;
}
