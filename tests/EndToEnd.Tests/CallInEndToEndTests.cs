using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Testing;
using Npgsql;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// Call-in across services, through the gateway: a decision published in the cycle is called in by a scrutiny committee,
/// the cycle refuses to move its issue to implementation, the call-in is resolved with no further action, and the
/// decision takes effect so the move succeeds. The call-in window is days long, so the test moves the cycle's window end
/// into the past in its database ("as if the days had passed"), as the cycle's own tests do; nothing else is staged.
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class CallInEndToEndTests(PlatformFixture platform)
{
    private HttpClient Gateway => platform.Gateway;

    [Fact]
    public async Task A_decision_called_in_by_scrutiny_is_held_until_the_call_in_is_resolved()
    {
        var gsp = await BodyAsync("Gloucestershire Strategic Partnership", "deliberative");
        var abg = await BodyAsync("Accountable Bodies Group", "authorising");
        var cseb = await BodyAsync("Community Strategy Executive Board", "executive");
        var committee = await BodyAsync("Joint Overview and Scrutiny Committee", "scrutiny");
        await Eventually.HoldsAsync(async () => (await Gateway.GetAsync($"/api/scrutiny/committees/{committee}")).IsSuccessStatusCode, what: "the committee in scrutiny");

        var (issue, etag) = await RaiseInAuthorisationAsync(gsp, abg);
        var decision = await DecideAndPublishAsync(issue, abg);

        // Scrutiny hears DecisionPublished through the broker before it can judge the window.
        var callIn = await Eventually.ReturnsAsync(async () =>
        {
            var response = await Gateway.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/call-ins",
                new { decisionId = decision, reasons = "The taskforce's funding was not consulted on with the districts." });
            return response.StatusCode == HttpStatusCode.Created ? response : null;
        }, what: "the call-in accepted by scrutiny");
        var callInId = (await callIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.HoldsAsync(async () => await StatusAsync(decision) == "called_in", what: "the decision held by the cycle");
        await WindowPassedAsync(decision);

        using var whileCalledIn = await MoveAsync(issue, etag, "implementation", [cseb]);
        Assert.Equal(HttpStatusCode.Conflict, whileCalledIn.StatusCode);
        Assert.Equal("decision-not-in-effect", (await whileCalledIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());

        using var resolve = new HttpRequestMessage(HttpMethod.Post, $"/api/scrutiny/call-ins/{callInId}/resolution")
        {
            Content = JsonContent.Create(new { outcome = "no_further_action", reasons = "The portfolio holder's answers satisfied the committee." }),
        };
        resolve.Headers.IfMatch.Add(callIn.Headers.ETag!);
        using var resolved = await Gateway.SendAsync(resolve);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        await Eventually.HoldsAsync(async () => await StatusAsync(decision) == "in_effect", what: "the decision in effect in the cycle");

        using var afterwards = await MoveAsync(issue, etag, "implementation", [cseb]);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        // The cycle's DecisionTookEffect comes back to scrutiny, which shows it with the call-in's outcome.
        await Eventually.HoldsAsync(async () =>
        {
            var shown = await Gateway.GetFromJsonAsync<JsonElement>($"/api/scrutiny/call-ins/{callInId}");
            return shown.GetProperty("outcome").GetString() == "no_further_action"
                && shown.GetProperty("decision").GetProperty("tookEffectAt").ValueKind == JsonValueKind.String;
        }, what: "the decision's taking effect heard by scrutiny");
    }

    private async Task<Guid> BodyAsync(string name, string role)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/registry/bodies", new
        {
            name = $"{name} {Guid.NewGuid().ToString("N")[..8]}",
            type = role == "scrutiny" ? "consultative" : "strategic",
            scope = "geographic",
            tier = "county",
            roles = new[] { role },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.HoldsAsync(async () => (await Gateway.GetAsync($"/api/cycle/bodies/{id}")).IsSuccessStatusCode, what: $"{name} in the cycle");
        return id;
    }

    private async Task<(Guid Issue, string ETag)> RaiseInAuthorisationAsync(Guid holder, Guid authoriser)
    {
        using var raised = await Gateway.PostAsJsonAsync("/api/cycle/issues", new
        {
            title = "Employco closure: strategic response",
            description = "A major employer closes its Stroud plant.",
            kind = "strategic_response",
            themes = new[] { "economy" },
            raisedByBodyId = holder,
            holders = new[] { holder },
        });
        Assert.True(raised.StatusCode == HttpStatusCode.Created, await raised.Content.ReadAsStringAsync());
        var issue = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var moved = await MoveAsync(issue, raised.Headers.ETag!.ToString(), "authorisation", [authoriser]);
        Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        return (issue, moved.Headers.ETag!.ToString());
    }

    private async Task<Guid> DecideAndPublishAsync(Guid issue, Guid body)
    {
        using var taken = await Gateway.PostAsJsonAsync("/api/cycle/decisions", new
        {
            issueId = issue,
            bodyId = body,
            outcome = "approved",
            summary = "A jobs taskforce, funded by the county and Stroud.",
            allocations = Array.Empty<object>(),
            meeting = "Special meeting of the ABG",
            meetingOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.True(taken.StatusCode == HttpStatusCode.Created, await taken.Content.ReadAsStringAsync());
        var decision = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/cycle/decisions/{decision}/publication") { Content = JsonContent.Create(new { }) };
        publish.Headers.IfMatch.Add(taken.Headers.ETag!);
        using var published = await Gateway.SendAsync(publish);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        return decision;
    }

    private Task<HttpResponseMessage> MoveAsync(Guid issue, string etag, string to, Guid[] holders)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cycle/issues/{issue}/moves") { Content = JsonContent.Create(new { to, holders }) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return Gateway.SendAsync(request);
    }

    private async Task<string?> StatusAsync(Guid decision) =>
        (await Gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{decision}")).GetProperty("status").GetString();

    /// <summary>The cycle's call-in window for the decision closed a minute ago, as if its working days had passed.</summary>
    private async Task WindowPassedAsync(Guid decision)
    {
        await using var connection = platform.Database("cycledb");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE decisions SET call_in_ends_at = now() - interval '1 minute' WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", decision);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
