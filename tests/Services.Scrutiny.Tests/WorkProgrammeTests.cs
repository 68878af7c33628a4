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

/// <summary>Work programme topics, inquiries and the two-tier duplication warning.</summary>
public sealed class WorkProgrammeTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    private readonly HttpClient _admin = scrutiny.CreateClient();

    // Each test its own councils' areas, so no test sees another's open work.
    private readonly Guid _county = Guid.CreateVersion7();
    private readonly Guid _stroud = Guid.CreateVersion7();
    private readonly Guid _tewkesbury = Guid.CreateVersion7();

    [Fact]
    public async Task A_district_committee_opening_a_topic_the_county_committee_has_open_in_its_area_is_warned_and_both_see_it()
    {
        var county = await scrutiny.CommitteeAsync("Gloucestershire Overview and Scrutiny", "county");
        var district = await scrutiny.CommitteeAsync("Stroud Overview and Scrutiny", "district");
        var (countyTopic, _) = await TopicAsync(county, "Youth unemployment and skills across the county", ["economy"], [_county, _stroud]);

        var added = await AddTopicAsync(district, "Youth unemployment in Stroud after Employco", ["jobs"], [_stroud]);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var warning = Assert.Single((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Equal((county, countyTopic, "topic"), (warning.GetProperty("otherCommitteeBodyId").GetGuid(), warning.GetProperty("otherItemId").GetGuid(), warning.GetProperty("otherKind").GetString()));
        Assert.Equal([_stroud], warning.GetProperty("sharedAreas").EnumerateArray().Select(a => a.GetGuid()));
        Assert.True(warning.GetProperty("sharedWords").GetInt32() >= 2);
        var forCounty = await _admin.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{county}/duplication-warnings");
        var forDistrict = await _admin.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{district}/duplication-warnings");
        Assert.Equal(warning.GetProperty("id").GetGuid(), Assert.Single(forCounty.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(warning.GetProperty("id").GetGuid(), Assert.Single(forDistrict.EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_shared_theme_in_an_overlapping_area_is_enough_for_a_warning()
    {
        var county = await scrutiny.CommitteeAsync("Gloucestershire Health Scrutiny", "county");
        var district = await scrutiny.CommitteeAsync("Tewkesbury Overview and Scrutiny", "district");
        await TopicAsync(county, "Access to GP surgeries", ["health"], [_county, _tewkesbury]);

        var added = await AddTopicAsync(district, "Waiting lists at Tewkesbury hospital", ["health"], [_tewkesbury]);

        var warning = Assert.Single((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Equal(["health"], warning.GetProperty("sharedThemes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Unrelated_topics_in_the_same_area_raise_no_warning()
    {
        var county = await scrutiny.CommitteeAsync("Gloucestershire Environment Scrutiny", "county");
        var district = await scrutiny.CommitteeAsync("Stroud Environment Scrutiny", "district");
        await TopicAsync(county, "Flood defences along the Severn", ["environment"], [_county, _stroud]);

        var added = await AddTopicAsync(district, "Youth unemployment in Stroud after Employco", ["economy"], [_stroud]);

        Assert.Empty((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{district}/duplication-warnings")).EnumerateArray());
    }

    [Fact]
    public async Task The_same_topic_in_areas_that_do_not_overlap_raises_no_warning()
    {
        var stroud = await scrutiny.CommitteeAsync("Stroud Housing Scrutiny", "district");
        var tewkesbury = await scrutiny.CommitteeAsync("Tewkesbury Housing Scrutiny", "district");
        await TopicAsync(stroud, "Affordable housing for young families", ["housing"], [_stroud]);

        var added = await AddTopicAsync(tewkesbury, "Affordable housing for young families", ["housing"], [_tewkesbury]);

        Assert.Empty((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicationWarnings").EnumerateArray());
    }

    [Fact]
    public async Task An_inquiry_is_opened_on_a_topic_announced_and_warned_of_the_county_committees_open_work()
    {
        var opened = new ConcurrentDictionary<Guid, InquiryOpened>();
        var handle = scrutiny.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"test-inquiries-{Guid.NewGuid():N}", e =>
            e.Handler<InquiryOpened>(context => Task.FromResult(opened[context.Message.InquiryId] = context.Message)));
        await handle.Ready;
        var county = await scrutiny.CommitteeAsync("Gloucestershire Children's Scrutiny", "county");
        var district = await scrutiny.CommitteeAsync("Stroud Children's Scrutiny", "district");
        await TopicAsync(county, "Rising truancy in secondary schools", ["education"], [_county, _stroud]);
        var (topic, _) = await TopicAsync(district, "Community cohesion", ["cohesion"], [_stroud]);
        using var clerk = await scrutiny.SeatedAsync(district, "clerk", ConcordatRoles.Clerk);

        using var response = await clerk.PostAsJsonAsync($"/api/scrutiny/topics/{topic}/inquiries", new
        {
            title = "Truancy in Stroud's secondary schools",
            termsOfReference = "Why truancy is rising in Stroud's secondary schools, and what the partners are doing about it.",
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("inquiry").GetProperty("id").GetGuid();
        var warning = Assert.Single(body.GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Equal(("inquiry", county), (warning.GetProperty("kind").GetString(), warning.GetProperty("otherCommitteeBodyId").GetGuid()));
        var announced = await Eventually.ReturnsAsync(() => Task.FromResult(opened.GetValueOrDefault(id)), TimeSpan.FromSeconds(30), "InquiryOpened on the broker");
        await handle.StopAsync();
        Assert.Equal((topic, district, $"inquiries/{id}"), (announced.TopicId, announced.CommitteeBodyId, announced.Subject));
        Assert.Equal([_stroud], announced.Areas);
    }

    [Fact]
    public async Task An_inquiry_records_its_evidence_sessions_and_evidence_on_its_timeline()
    {
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee", "county");
        var (topic, _) = await TopicAsync(committee, "Employco closure", ["economy"], [_county]);
        using var opened = await _admin.PostAsJsonAsync($"/api/scrutiny/topics/{topic}/inquiries", new { title = "The response to Employco", termsOfReference = "How well the partners responded." });
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inquiry").GetProperty("id").GetGuid();
        var police = Guid.CreateVersion7();

        using var session = await _admin.SendAsync(ScrutinyRequests.Conditional(HttpMethod.Post, $"/api/scrutiny/inquiries/{id}/evidence-sessions", opened.Headers.ETag!.ToString(), new
        {
            meeting = "Joint OSC, 12 January",
            heldOn = "2027-01-12",
            witnesses = new object[] { new { name = "Chief Superintendent Jo Bloggs", role = "Area commander", organisationId = police }, new { name = "Pat Smith", organisationName = "Employco Ltd" } },
        }));
        using var evidence = await _admin.SendAsync(ScrutinyRequests.Conditional(HttpMethod.Post, $"/api/scrutiny/inquiries/{id}/evidence", session.Headers.ETag!.ToString(), new
        {
            kind = "link", title = "Jobcentre Plus claimant counts", url = "https://example.org/claimants", fromOrganisationId = police,
        }));
        var inquiry = await scrutiny.CreateClient(token: null).GetFromJsonAsync<JsonElement>($"/api/scrutiny/inquiries/{id}");

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal(HttpStatusCode.OK, evidence.StatusCode);
        Assert.Equal(2, inquiry.GetProperty("evidenceSessions")[0].GetProperty("witnesses").GetArrayLength());
        Assert.Equal("link", inquiry.GetProperty("evidence")[0].GetProperty("kind").GetString());
        Assert.Equal(["opened", "evidence_session", "evidence_received"], inquiry.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("what").GetString()));
    }

    [Fact]
    public async Task A_proposed_topic_is_a_draft_seen_only_by_the_committee_and_opening_it_checks_for_duplication()
    {
        var county = await scrutiny.CommitteeAsync("Gloucestershire Transport Scrutiny", "county");
        var district = await scrutiny.CommitteeAsync("Stroud Transport Scrutiny", "district");
        await TopicAsync(county, "Rural bus services", ["transport"], [_county, _stroud]);
        using var member = await scrutiny.SeatedAsync(district, "member", ConcordatRoles.Member);
        using var proposed = await member.PostAsJsonAsync($"/api/scrutiny/committees/{district}/topics", new { title = "Bus services in rural Stroud", themes = new[] { "transport" }, areas = new[] { _stroud }, status = "proposed" });
        var proposedBody = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var id = proposedBody.GetProperty("topic").GetProperty("id").GetGuid();
        using var anonymous = scrutiny.CreateClient(token: null);

        using var hidden = await anonymous.GetAsync($"/api/scrutiny/topics/{id}");
        var publicList = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{district}/topics");
        using var seen = await member.GetAsync($"/api/scrutiny/topics/{id}");
        using var opening = await member.SendAsync(ScrutinyRequests.Conditional(HttpMethod.Post, $"/api/scrutiny/topics/{id}/status", seen.Headers.ETag!.ToString(), new { status = "open" }));

        Assert.Empty(proposedBody.GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Empty(publicList.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opening.StatusCode);
        Assert.Single((await opening.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicationWarnings").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/scrutiny/topics/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_fields_and_nothing_is_stored()
    {
        var committee = await scrutiny.CommitteeAsync("Cheltenham Overview and Scrutiny", "district");

        using var response = await _admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/topics", new { title = "Rural buses", themes = new[] { "" }, areas = new[] { Guid.Empty }, status = "closed" });
        using var untitled = await _admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/topics", new { title = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["areas", "status", "themes"], fields.Order());
        Assert.Equal(HttpStatusCode.BadRequest, untitled.StatusCode);
        Assert.Equal(["title"], (await untitled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}/topics")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_inquiry_needs_an_open_topic()
    {
        var committee = await scrutiny.CommitteeAsync("Forest of Dean Overview and Scrutiny", "district");
        using var proposed = await _admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/topics", new { title = "Forestry jobs", status = "proposed" });
        var topic = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetProperty("id").GetGuid();

        using var response = await _admin.PostAsJsonAsync($"/api/scrutiny/topics/{topic}/inquiries", new { title = "Forestry jobs", termsOfReference = "What happens to them." });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("topic-not-open", await response.RuleAsync());
    }

    private Task<HttpResponseMessage> AddTopicAsync(Guid committee, string title, string[] themes, Guid[] areas) =>
        _admin.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/topics", new { title, themes, areas, organisationsInScope = areas });

    private async Task<(Guid Id, string ETag)> TopicAsync(Guid committee, string title, string[] themes, Guid[] areas)
    {
        using var response = await AddTopicAsync(committee, title, themes, areas);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("topic").GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }
}

internal static class ScrutinyRequests
{
    public static HttpRequestMessage Conditional(HttpMethod method, string path, string etag, object body) => AccessMatrixTests.Conditional(method, path, etag, body);
}
