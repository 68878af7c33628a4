using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Reports;
using Concordat.ServiceDefaults;
using Concordat.ServiceKit;
using Concordat.LocalServers;
using Concordat.Testing;

namespace Concordat.Scrutiny.Tests;

public sealed class ReportTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    private static DateOnly Today => StatutoryCalendar.UkToday(TimeProvider.System);

    private HttpClient PartnerOf(Guid organisation) =>
        scrutiny.CreateClient(scrutiny.Tokens.Token(new TokenRequest { Subject = $"api-key:{Guid.NewGuid():N}", Roles = [ConcordatRoles.Partner], Organisation = organisation.ToString() }));

    private sealed record Scene(Guid Committee, HttpClient Clerk, Guid Pct, Guid Police, Guid Report, string ETag, Guid[] Recommendations);

    private async Task<Scene> DraftAsync(Guid? body = null)
    {
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        var clerk = await scrutiny.SeatedAsync(committee, "clerk", ConcordatRoles.Clerk);
        var (pct, police) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        using var drafted = await clerk.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/reports", new
        {
            title = "Out-of-county placements",
            findings = "Too many children are placed far from home.",
            recommendations = new object[]
            {
                new { text = "Commission local placements.", addresseeOrganisationId = pct },
                body is { } b ? new { text = "Share missing-from-care data.", addresseeBodyId = (Guid?)b, addresseeOrganisationId = (Guid?)null }
                    : new { text = "Share missing-from-care data.", addresseeBodyId = (Guid?)null, addresseeOrganisationId = (Guid?)police },
            },
        });
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var report = await drafted.Content.ReadFromJsonAsync<JsonElement>();
        return new Scene(committee, clerk, pct, police, report.GetProperty("id").GetGuid(), drafted.Headers.ETag!.ToString(),
            [.. report.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())]);
    }

    private static async Task<HttpResponseMessage> PublishAsync(Scene scene, string? etag = null) =>
        await scene.Clerk.SendAsync(InformationRequestTests.Conditional($"/api/scrutiny/reports/{scene.Report}/publication", etag ?? scene.ETag, new { }));

    private static async Task<string> ETagAsync(HttpClient client, string path)
    {
        using var read = await client.GetAsync(path);
        return read.Headers.ETag!.ToString();
    }

    [Fact]
    public async Task A_draft_is_invisible_anonymously_and_public_once_published()
    {
        var scene = await DraftAsync();
        using var anonymous = scrutiny.CreateClient(token: null);

        using var draftRead = await anonymous.GetAsync($"/api/scrutiny/reports/{scene.Report}");
        using var draftRecommendation = await anonymous.GetAsync($"/api/scrutiny/recommendations/{scene.Recommendations[0]}");
        var draftList = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{scene.Committee}/reports");
        var clerkList = await scene.Clerk.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{scene.Committee}/reports");
        using var published = await PublishAsync(scene);
        using var publicRead = await anonymous.GetAsync($"/api/scrutiny/reports/{scene.Report}");
        var openData = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/reports?modified_since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"))}");

        Assert.Equal(HttpStatusCode.NotFound, draftRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, draftRecommendation.StatusCode);
        Assert.Equal(0, draftList.GetProperty("items").GetArrayLength());
        Assert.Equal(1, clerkList.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publicRead.StatusCode);
        Assert.Contains(scene.Report, openData.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Publishing_sets_each_response_due_two_calendar_months_on_and_announces_it_once()
    {
        var scene = await DraftAsync();

        using var published = await PublishAsync(scene);
        using var again = await PublishAsync(scene, published.Headers.ETag!.ToString());
        var report = await published.Content.ReadFromJsonAsync<JsonElement>();
        var announced = Assert.Single(await scrutiny.EventsAsync<ReportPublished>($"reports/{scene.Report}"));

        Assert.Equal("published", report.GetProperty("status").GetString());
        var due = Today.AddMonths(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(report.GetProperty("recommendations").EnumerateArray(), r =>
        {
            Assert.Equal(due, r.GetProperty("responseDueOn").GetString());
            Assert.Equal("awaiting_response", r.GetProperty("status").GetString());
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(Report.AlreadyPublished, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
        Assert.Equal(scene.Recommendations, announced.Recommendations.Select(r => r.RecommendationId));
        Assert.Equal([scene.Pct, scene.Police], announced.Recommendations.Select(r => r.AddresseeOrganisationId!.Value));
        Assert.All(announced.Recommendations, r => Assert.Equal(Today.AddMonths(2), r.ResponseDueOn));
    }

    [Fact]
    public async Task The_addressee_responds_and_tracks_an_accepted_recommendation_to_completion()
    {
        var scene = await DraftAsync();
        using var publication = await PublishAsync(scene);
        var recommendation = scene.Recommendations[0];
        using var pct = PartnerOf(scene.Pct);
        using var police = PartnerOf(scene.Police);
        var path = $"/api/scrutiny/recommendations/{recommendation}";

        using var probed = await police.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(pct, path), new { outcome = "rejected", reasons = "Not ours." }));
        using var noPlan = await pct.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(pct, path), new { outcome = "accepted", reasons = "Agreed." }));
        using var accepted = await pct.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(pct, path), new
        {
            outcome = "partly_accepted",
            reasons = "Agreed for under-12s; older children need specialist places.",
            actions = new[] { new { action = "Commission ten local foster places.", targetOn = "2027-09-30" } },
        }));
        using var progress = await pct.SendAsync(InformationRequestTests.Conditional(path + "/progress", accepted.Headers.ETag!.ToString(), new { note = "Six places commissioned." }));
        using var completed = await pct.SendAsync(InformationRequestTests.Conditional(path + "/progress", progress.Headers.ETag!.ToString(), new { note = "All ten in place.", completed = true }));
        var final = await completed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, probed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noPlan.StatusCode);
        Assert.True((await noPlan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("actions", out _));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("completed", final.GetProperty("status").GetString());
        Assert.Equal("partly_accepted", final.GetProperty("response").GetProperty("outcome").GetString());
        Assert.Equal(2, final.GetProperty("progress").GetArrayLength());
        var responded = Assert.Single(await scrutiny.EventsAsync<RecommendationResponded>($"recommendations/{recommendation}"));
        Assert.Equal(("partly_accepted", false, new DateOnly(2027, 9, 30)), (responded.Outcome, responded.Late, responded.Actions.Single().TargetOn));
        Assert.Single(await scrutiny.EventsAsync<RecommendationCompleted>($"recommendations/{recommendation}"));
    }

    [Fact]
    public async Task A_rejected_recommendation_has_no_action_plan_and_no_progress()
    {
        var scene = await DraftAsync();
        using var publication = await PublishAsync(scene);
        using var police = PartnerOf(scene.Police);
        var path = $"/api/scrutiny/recommendations/{scene.Recommendations[1]}";

        using var withPlan = await police.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(police, path), new
        {
            outcome = "rejected", reasons = "Data protection.", actions = new[] { new { action = "Something.", targetOn = "2027-01-01" } },
        }));
        using var rejected = await police.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(police, path), new { outcome = "rejected", reasons = "Data protection." }));
        using var progress = await police.SendAsync(InformationRequestTests.Conditional(path + "/progress", rejected.Headers.ETag!.ToString(), new { note = "None." }));

        Assert.Equal(HttpStatusCode.BadRequest, withPlan.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, progress.StatusCode);
        Assert.Equal(Recommendation.NotAccepted, (await progress.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task The_clerk_of_an_addressed_body_responds_for_it()
    {
        var csp = await scrutiny.BodyAsync("Community Safety Partnership", ["delivery"]);
        using var cspClerk = await scrutiny.SeatedAsync(csp, "clerk", ConcordatRoles.Clerk);
        var scene = await DraftAsync(csp);
        using var publication = await PublishAsync(scene);
        var path = $"/api/scrutiny/recommendations/{scene.Recommendations[1]}";

        using var committeeClerk = await scene.Clerk.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(cspClerk, path), new { outcome = "rejected", reasons = "Not for us." }));
        using var responded = await cspClerk.SendAsync(InformationRequestTests.Conditional(path + "/response", await ETagAsync(cspClerk, path), new
        {
            outcome = "accepted", reasons = "Agreed.", actions = new[] { new { action = "Monthly data share.", targetOn = "2027-03-31" } },
        }));

        Assert.Equal(HttpStatusCode.NotFound, committeeClerk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, responded.StatusCode);
    }

    [Fact]
    public async Task A_response_past_its_due_date_is_listed_and_chased_once_a_UK_day()
    {
        var scene = await DraftAsync();
        using var publication = await PublishAsync(scene);
        var dueEnds = StatutoryCalendar.EndOf(Today.AddMonths(2));

        await scrutiny.ChaseAsync(dueEnds.AddHours(-1), (db, time) => new ResponseChase(db, time).ChaseAsync);
        await scrutiny.ChaseAsync(dueEnds.AddHours(1), (db, time) => new ResponseChase(db, time).ChaseAsync);
        await scrutiny.ChaseAsync(dueEnds.AddHours(2), (db, time) => new ResponseChase(db, time).ChaseAsync);
        await scrutiny.ChaseAsync(dueEnds.AddDays(1).AddHours(1), (db, time) => new ResponseChase(db, time).ChaseAsync);
        var chases = await scrutiny.EventsAsync<ResponseOverdue>($"recommendations/{scene.Recommendations[0]}");

        Assert.Equal([1, 2], chases.Select(c => c.DaysOverdue));
        Assert.Equal(Today.AddMonths(2), chases[0].DueOn);
    }

    [Fact]
    public async Task A_bad_report_names_the_fields_and_stores_nothing()
    {
        var committee = await scrutiny.CommitteeAsync("Stroud Scrutiny");
        using var clerk = await scrutiny.SeatedAsync(committee, "clerk", ConcordatRoles.Clerk);

        using var bad = await clerk.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/reports", new
        {
            title = "Title",
            findings = "Findings.",
            recommendations = new object[] { new { text = "To nobody." }, new { text = "Unknown body.", addresseeBodyId = Guid.CreateVersion7() } },
        });
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var list = await clerk.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}/reports");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(errors.TryGetProperty("recommendations[0].addresseeOrganisationId", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("recommendations[1].addresseeBodyId", out _), errors.ToString());
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_thrown_away_draft_leaves_a_tombstone_for_the_committee_and_a_published_report_stays()
    {
        var scene = await DraftAsync();
        var since = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        var kept = await DraftAsync();
        using var published = await PublishAsync(kept);

        using var removed = await scene.Clerk.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/scrutiny/reports/{scene.Report}") { Headers = { { "If-Match", scene.ETag } } });
        using var refused = await kept.Clerk.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/scrutiny/reports/{kept.Report}") { Headers = { { "If-Match", published.Headers.ETag!.ToString() } } });
        var sync = await scene.Clerk.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{scene.Committee}/reports?modified_since={Uri.EscapeDataString(since)}");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal([scene.Report], sync.GetProperty("tombstones").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
    }
}
