using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Concordat.Cycle.Tests.CycleDecisions;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>
/// Task groups over HTTP and PostgreSQL: a registry body set up for one issue (the Employco task group) may lead that
/// issue's implementation without the executive or delivery role, and no other issue's.
/// </summary>
public sealed class TaskGroupTests(CycleFactory cycle) : IClassFixture<CycleFactory>
{
    private readonly HttpClient _admin = cycle.CreateClient();

    [Fact]
    public async Task A_registered_task_group_leads_its_issues_implementation_and_no_other()
    {
        var abg = await cycle.BodyAsync("ABG", ["authorising"]);
        var group = await cycle.BodyAsync("Employco closure task group", [], scope: "thematic");
        var (employco, employcoVersion) = await InEffectAsync(abg);
        var (other, otherVersion) = await InEffectAsync(abg);

        using var beforeRegistration = await _admin.MoveAsync(employco, employcoVersion, "implementation", [group]);
        using var registered = await _admin.PostAsJsonAsync($"/api/cycle/issues/{employco}/task-groups",
            new { bodyId = group, purpose = "Oversee the Employco action plan, with the Gloucester and Forest of Dean LSPs." });
        using var moved = await _admin.MoveAsync(employco, employcoVersion, "implementation", [group]);
        using var otherIssue = await _admin.MoveAsync(other, otherVersion, "implementation", [group]);

        await AssertRuleAsync(beforeRegistration, "implementation-needs-executive-or-delivery-body");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Assert.Equal([group], (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("holders").EnumerateArray().Select(h => h.GetGuid()));
        await AssertRuleAsync(otherIssue, "implementation-needs-executive-or-delivery-body");
        var listed = await cycle.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{employco}/task-groups");
        Assert.Equal("Employco closure task group", Assert.Single(listed.EnumerateArray()).GetProperty("bodyName").GetString());
        var timeline = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{employco}/timeline");
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "task_group_registered");
    }

    [Fact]
    public async Task A_task_group_is_registered_once_only_by_the_issues_holder_and_never_a_dissolved_body()
    {
        var gsp = await cycle.BodyAsync("GSP", ["deliberative"]);
        var (group, dissolved) = (await cycle.BodyAsync("Task group", []), await cycle.BodyAsync("Wound-up task group", []));
        await cycle.DissolveAsync(dissolved);
        var (issue, _) = await _admin.RaiseAsync([gsp]);
        var outsider = cycle.ClientFor("someone-else");

        using var first = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = group });
        using var again = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = group });
        using var ofDissolved = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = dissolved });
        using var byOutsider = await outsider.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = dissolved });
        using var noBody = await _admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { purpose = "?" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertRuleAsync(again, "task-group-already-registered");
        await AssertRuleAsync(ofDissolved, "holder-dissolved");
        Assert.Equal(HttpStatusCode.Forbidden, byOutsider.StatusCode);
        Assert.Contains("bodyId", (await ProblemAsync(noBody, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var listed = await _admin.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/task-groups");
        Assert.Single(listed.EnumerateArray());
    }

    /// <summary>An issue in authorisation at <paramref name="abg"/> with an approved decision in effect.</summary>
    private async Task<(Guid Id, string ETag)> InEffectAsync(Guid abg)
    {
        var (issue, etag) = await cycle.InAuthorisationAsync(_admin, abg);
        var decision = (await _admin.DecideAndPublishAsync(issue, abg)).GetProperty("id").GetGuid();
        await cycle.WindowPassedAsync(decision);
        return (issue, etag);
    }
}
