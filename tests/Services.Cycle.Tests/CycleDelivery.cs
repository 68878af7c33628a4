using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Delivery plans as the tests make them: a decision in effect on an issue, a plan led by an executive body, its actions.</summary>
public static class CycleDelivery
{
    /// <summary>A new issue with an approving decision of a new authorising body, published and its window passed; the decision's id and issue.</summary>
    public static async Task<(Guid Decision, Guid Issue)> DecisionInEffectAsync(this CycleFactory cycle, HttpClient admin)
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var (issue, _) = await cycle.InAuthorisationAsync(admin, abg);
        var decision = (await admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(decision);
        return (decision, issue);
    }

    public static Task<HttpResponseMessage> StartPlanAsync(this HttpClient client, Guid decision, Guid lead, Guid[]? organisations = null) =>
        client.PostAsJsonAsync("/api/cycle/delivery-plans", new { decisionId = decision, leadBodyId = lead, contributingOrganisationIds = organisations ?? [] });

    /// <summary>A plan of a new decision in effect, led by <paramref name="lead"/>; its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> PlanAsync(this CycleFactory cycle, HttpClient admin, Guid lead)
    {
        var (decision, _) = await cycle.DecisionInEffectAsync(admin);
        using var started = await admin.StartPlanAsync(decision, lead);
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return ((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), started.Headers.ETag!.ToString());
    }

    /// <summary>Adds an action; its id and ETag.</summary>
    public static async Task<(Guid Id, string ETag)> ActionAsync(this HttpClient client, Guid plan, Guid owner, DateOnly dueOn, Guid? parent = null, string title = "Run the jobs fair")
    {
        using var added = await client.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/actions", new { title, ownerOrganisationId = owner, dueOn = Date(dueOn), parentId = parent });
        Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        return ((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), added.Headers.ETag!.ToString());
    }

    public static Task<HttpResponseMessage> ProgressAsync(this HttpClient client, Guid action, string etag, object update) =>
        client.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-actions/{action}/progress", etag, update));

    /// <summary>A client for a partner's application acting for <paramref name="organisation"/>.</summary>
    public static HttpClient PartnerOf(this CycleFactory cycle, Guid organisation) =>
        cycle.CreateClient(cycle.Tokens.Token(new TokenRequest { Subject = $"partner-{organisation}", Roles = [ConcordatRoles.Partner], Organisation = organisation.ToString() }));

    public static async Task<string> PlanETagAsync(this HttpClient client, Guid plan)
    {
        using var read = await client.GetAsync($"/api/cycle/delivery-plans/{plan}");
        return read.Headers.ETag!.ToString();
    }
}
