using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Concordat.DemoData;
using static Concordat.DemoData.JointScrutiny;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The joint scrutiny committee's demo, end to end through the gateway, played after Appendix 1 on the same platform:
/// its work programme, an overdue information request to the PCT, a published report with one recommendation answered
/// and one awaiting its response, and the call-in of the Employco decision resolved with no further action.
/// </summary>
[Collection(AppendixOneDemo.Name)]
public sealed class JointScrutinyScenarioTests(AppendixOneFixture demo)
{
    [Fact]
    public void Each_part_is_played_once_and_a_second_load_adds_nothing()
    {
        string[] parts = ["work programme topic", "overdue information request to the PCT", "published report with two recommendations", "call-in of the Employco decision"];

        Assert.Empty(demo.ScrutinyFirst.Skipped);
        Assert.Equal(parts, demo.ScrutinyFirst.Played);
        Assert.Empty(demo.ScrutinySecond.Played);
        Assert.Equal(parts, demo.ScrutinySecond.AlreadyThere);
    }

    [Fact]
    public async Task The_committee_has_the_Employco_closure_open_on_its_work_programme()
    {
        var topics = await ReadAsync($"/api/scrutiny/committees/{Committee}/topics");

        var topic = Assert.Single(topics.GetProperty("items").EnumerateArray(), t => t.GetProperty("title").GetString() == TopicTitle);
        Assert.Equal("open", topic.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_information_request_to_the_PCT_is_overdue_and_private_to_the_committee()
    {
        var overdue = (await demo.Api.ReadAsAsync(Clerk, $"/api/scrutiny/committees/{Committee}/information-requests/overdue", default)).Body;
        using var anonymous = await demo.Anonymous.GetAsync($"/api/scrutiny/committees/{Committee}/information-requests");

        var request = Assert.Single(overdue.EnumerateArray(), r => r.GetProperty("question").GetString() == Question);
        Assert.Equal(AppendixOne.Organisation("pct"), request.GetProperty("organisationId").GetGuid());
        Assert.Equal(RequestSentDaysAgo - 28, request.GetProperty("daysOverdue").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_report_is_public_with_one_recommendation_answered_and_one_awaiting_its_response()
    {
        var reports = await demo.Api.ReadAsync("/api/scrutiny/reports?limit=200", default) ?? throw new InvalidOperationException("no reports");

        var report = Assert.Single(reports.GetProperty("items").EnumerateArray(), r => r.GetProperty("title").GetString() == ReportTitle);
        Assert.Equal("published", report.GetProperty("status").GetString());
        var recommendations = report.GetProperty("recommendations").EnumerateArray().ToList();
        Assert.Equal(2, recommendations.Count);
        Assert.Equal(AppendixOne.Organisation("pct"), recommendations[0].GetProperty("addresseeOrganisationId").GetGuid());
        Assert.Equal("awaiting_response", recommendations[0].GetProperty("status").GetString());
        Assert.Equal(AppendixOne.Body("safer-stronger"), recommendations[1].GetProperty("addresseeBodyId").GetGuid());
        Assert.Equal("responded", recommendations[1].GetProperty("status").GetString());
        Assert.Equal("accepted", recommendations[1].GetProperty("response").GetProperty("outcome").GetString());
        Assert.Equal(2, recommendations[1].GetProperty("response").GetProperty("actions").GetArrayLength());
    }

    [Fact]
    public async Task The_Employco_decision_was_called_in_and_resolved_with_no_further_action()
    {
        var decision = await new JointScrutiny(demo.Api, TimeProvider.System).EmploycoDecisionAsync(default);
        var callIns = await ReadAsync($"/api/scrutiny/call-ins?decision={decision}");
        var inCycle = await ReadAsync($"/api/cycle/decisions/{decision}");

        var callIn = Assert.Single(callIns.GetProperty("items").EnumerateArray());
        Assert.Equal(Committee, callIn.GetProperty("committeeBodyId").GetGuid());
        Assert.Equal("resolved", callIn.GetProperty("status").GetString());
        Assert.Equal("no_further_action", callIn.GetProperty("outcome").GetString());
        Assert.NotEqual("called_in", inCycle.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_partnership_chair_cannot_answer_the_recommendation_addressed_to_the_PCT()
    {
        var report = (await ReadAsync("/api/scrutiny/reports?limit=200")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("title").GetString() == ReportTitle);
        var toPct = report.GetProperty("recommendations")[0].GetProperty("id").GetGuid();
        using var answer = new HttpRequestMessage(HttpMethod.Post, $"/api/scrutiny/recommendations/{toPct}/response")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { outcome = "rejected", reasons = "Not ours." }),
        };
        answer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", demo.Platform.TokenFor(DemoIds.Subject(PartnershipChair), "chair"));
        answer.Headers.IfMatch.Add(EntityTagHeaderValue.Parse("\"1\""));

        using var refused = await demo.Anonymous.SendAsync(answer);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    /// <summary>Reads as the clerk, on the clerk's request budget: the anonymous one is the Appendix 1 tests' (and the public's).</summary>
    private async Task<JsonElement> ReadAsync(string path) => (await demo.Api.ReadAsAsync(Clerk, path, default)).Body;
}
