using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Scrutiny;
using Concordat.ServiceDefaults;
using Concordat.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

public sealed class CallInTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    [Fact]
    public async Task A_member_calls_in_a_decision_and_the_resolution_follows_it_onto_the_broker()
    {
        var calledIn = new ConcurrentDictionary<Guid, DecisionCalledIn>();
        var resolved = new ConcurrentDictionary<Guid, CallInResolved>();
        var handle = scrutiny.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"test-call-ins-{Guid.NewGuid():N}", e =>
        {
            e.Handler<DecisionCalledIn>(context => Task.FromResult(calledIn[context.Message.CallInId] = context.Message));
            e.Handler<CallInResolved>(context => Task.FromResult(resolved[context.Message.CallInId] = context.Message));
        });
        await handle.Ready;
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        using var member = await scrutiny.SeatedAsync(committee, "member", ConcordatRoles.Member);
        var decision = await scrutiny.OpenDecisionAsync();

        var (id, etag) = await member.CalledInAsync(committee, decision);
        var first = await Eventually.ReturnsAsync(() => Task.FromResult(calledIn.GetValueOrDefault(id)), TimeSpan.FromSeconds(30), "DecisionCalledIn on the broker");
        using var resolution = await member.ResolveAsync(id, etag);
        var second = await Eventually.ReturnsAsync(() => Task.FromResult(resolved.GetValueOrDefault(id)), TimeSpan.FromSeconds(30), "CallInResolved on the broker");
        await handle.StopAsync();

        Assert.Equal(HttpStatusCode.OK, resolution.StatusCode);
        Assert.Equal((decision, committee, $"call-ins/{id}"), (first.DecisionId, first.CommitteeBodyId, first.Subject));
        Assert.Equal("org.concordat.scrutiny.decision.called-in.v1", first.Type);
        Assert.Equal((decision, committee, "no_further_action"), (second.DecisionId, second.CommitteeBodyId, second.Outcome));
        Assert.Equal("The committee was satisfied by the portfolio holder's answers.", second.Reasons);
    }

    [Fact]
    public async Task A_call_in_after_the_window_is_refused()
    {
        var committee = await scrutiny.CommitteeAsync("Stroud Overview and Scrutiny", "district");
        var closed = ScrutinyDecisions.Published(DateTimeOffset.UtcNow.AddMinutes(-1));
        await scrutiny.PublishAndWaitAsync(closed);

        using var response = await scrutiny.CreateClient().CallInAsync(committee, closed.DecisionId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("call-in-window-closed", await response.RuleAsync());
    }

    [Fact]
    public async Task A_call_in_of_an_urgent_decision_is_refused()
    {
        var committee = await scrutiny.CommitteeAsync("Cotswold Overview and Scrutiny", "district");
        var urgent = ScrutinyDecisions.Published(null, urgent: true);
        await scrutiny.PublishAndWaitAsync(urgent);

        using var response = await scrutiny.CreateClient().CallInAsync(committee, urgent.DecisionId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("decision-urgent", await response.RuleAsync());
    }

    [Fact]
    public async Task A_call_in_of_a_decision_scrutiny_never_heard_of_is_refused()
    {
        var committee = await scrutiny.CommitteeAsync("Tewkesbury Overview and Scrutiny", "district");

        using var response = await scrutiny.CreateClient().CallInAsync(committee, Guid.CreateVersion7());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("decision-not-known", await response.RuleAsync());
    }

    [Fact]
    public async Task A_decision_already_called_in_cannot_be_called_in_again_until_resolved()
    {
        var committee = await scrutiny.CommitteeAsync("Forest of Dean Overview and Scrutiny", "district");
        var decision = await scrutiny.OpenDecisionAsync();
        var admin = scrutiny.CreateClient();
        await admin.CalledInAsync(committee, decision);

        using var again = await admin.CallInAsync(committee, decision);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("decision-already-called-in", await again.RuleAsync());
    }

    [Fact]
    public async Task A_call_in_is_resolved_once_and_only_with_the_version_read()
    {
        var committee = await scrutiny.CommitteeAsync("Gloucester Overview and Scrutiny", "district");
        var admin = scrutiny.CreateClient();
        var (id, etag) = await admin.CalledInAsync(committee, await scrutiny.OpenDecisionAsync());

        using var without = await admin.ResolveAsync(id, null);
        using var resolved = await admin.ResolveAsync(id, etag, "referred_back", "The allocations need the districts' agreement.");
        using var again = await admin.ResolveAsync(id, resolved.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("referred_back", (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("call-in-already-resolved", await again.RuleAsync());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_fields_and_nothing_is_stored()
    {
        var committee = await scrutiny.CommitteeAsync("Cheltenham Overview and Scrutiny", "district");
        var decision = await scrutiny.OpenDecisionAsync();
        var admin = scrutiny.CreateClient();

        using var noReasons = await admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/call-ins", new { decisionId = decision, reasons = " " });
        using var noDecision = await admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/call-ins", new { reasons = "Why not." });
        var (id, etag) = await admin.CalledInAsync(committee, decision);
        using var badOutcome = await admin.ResolveAsync(id, etag, "shrug");

        Assert.Equal(HttpStatusCode.BadRequest, noReasons.StatusCode);
        Assert.Contains("reasons", await FieldsAsync(noReasons));
        Assert.Equal(HttpStatusCode.BadRequest, noDecision.StatusCode);
        Assert.Contains("decisionId", await FieldsAsync(noDecision));
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/scrutiny/call-ins?decision={decision}");
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("open", only.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Call_ins_and_their_outcomes_are_public()
    {
        var committee = await scrutiny.CommitteeAsync("Joint Health Scrutiny", "county");
        var decision = await scrutiny.OpenDecisionAsync();
        var (id, etag) = await scrutiny.CreateClient().CalledInAsync(committee, decision);
        using var resolved = await scrutiny.CreateClient().ResolveAsync(id, etag);
        using var anonymous = scrutiny.CreateClient(token: null);

        var one = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/call-ins/{id}");
        var list = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/call-ins?committee={committee}");

        Assert.Equal("no_further_action", one.GetProperty("outcome").GetString());
        Assert.Equal(decision, one.GetProperty("decision").GetProperty("id").GetGuid());
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Only_a_committee_may_call_in()
    {
        var body = await scrutiny.BodyAsync("Accountable Bodies Group", ["authorising"]);

        using var response = await scrutiny.CreateClient().CallInAsync(body, await scrutiny.OpenDecisionAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<IEnumerable<string>> FieldsAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
