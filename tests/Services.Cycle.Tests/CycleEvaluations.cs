using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Issues as the evaluation tests need them: carried to implementation or evaluation under a decision in effect.</summary>
public static class CycleEvaluations
{
    /// <summary>
    /// A new issue (of <paramref name="kind"/>, in <paramref name="areas"/>) raised by a new deliberative body, decided by a
    /// new authorising body, its decision in effect, and moved to implementation held by <paramref name="executive"/>; its id and ETag.
    /// </summary>
    public static async Task<(Guid Id, string ETag, Guid Decision)> InImplementationAsync(this CycleFactory cycle, HttpClient admin, Guid executive,
        string kind = "strategy_development", Guid[]? areas = null, string title = "Employco closure")
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        using var raised = await admin.PostAsJsonAsync("/api/cycle/issues", new
        {
            title, kind, themes = new[] { "economy" }, areas = areas ?? [], raisedByBodyId = gsp, holders = new[] { gsp },
        });
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
        var issue = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var toAbg = await admin.MoveAsync(issue, raised.Headers.ETag!.ToString(), "authorisation", [abg]);
        Assert.Equal(HttpStatusCode.OK, toAbg.StatusCode);
        var decision = (await admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(decision);
        using var implemented = await admin.MoveAsync(issue, toAbg.Headers.ETag!.ToString(), "implementation", [executive]);
        Assert.True(implemented.StatusCode == HttpStatusCode.OK, await implemented.Content.ReadAsStringAsync());
        return (issue, implemented.Headers.ETag!.ToString(), decision);
    }

    /// <summary>Starts an evaluation of <paramref name="issue"/>; the response.</summary>
    public static Task<HttpResponseMessage> StartEvaluationAsync(this HttpClient client, Guid issue, object request) =>
        client.PostAsJsonAsync($"/api/cycle/issues/{issue}/evaluations", request);

    /// <summary>What a finished evaluation says: an objective and <paramref name="lessons"/>.</summary>
    public static object Content(params object[] lessons) => new
    {
        summary = "The closure was handled; fewer found work than hoped.",
        objectives = new[] { new { objective = "Re-employ Employco's staff", whatWorked = "The jobs fair", whatDidNot = "Retraining places", why = "Too few college places in the Forest" } },
        unintendedEffects = "Commuting to Bristol rose.",
        recommendations = new[] { "Plan college places with the LSC before a closure." },
        lessons,
    };

    public static object Lesson(string statement, string evidence, params string[] themes) => new { statement, evidence, themes };

    /// <summary>A completed evaluation of a new issue in implementation, by <paramref name="executive"/>, yielding <paramref name="lessons"/>; the evaluation's id and the issue's.</summary>
    public static async Task<(Guid Evaluation, Guid Issue)> CompletedEvaluationAsync(this CycleFactory cycle, HttpClient admin, Guid executive,
        string kind = "strategy_development", Guid[]? areas = null, params object[] lessons)
    {
        var (issue, _, _) = await cycle.InImplementationAsync(admin, executive, kind, areas);
        using var started = await admin.StartEvaluationAsync(issue, new { evaluatorBodyId = executive, content = Content(lessons) });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var evaluation = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var completed = await admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/evaluations/{evaluation}/completion", started.Headers.ETag!.ToString(), new { }));
        Assert.True(completed.StatusCode == HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        return (evaluation, issue);
    }
}
