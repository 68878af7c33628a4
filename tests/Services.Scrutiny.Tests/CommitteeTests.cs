using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.Scrutiny.Tests;

public sealed class CommitteeTests(ScrutinyFactory scrutiny) : IClassFixture<ScrutinyFactory>
{
    [Fact]
    public async Task A_registry_body_with_the_scrutiny_role_is_a_committee()
    {
        var committee = await scrutiny.CommitteeAsync("Joint Overview and Scrutiny Committee");
        using var anonymous = scrutiny.CreateClient(token: null);

        var found = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}");

        Assert.Equal("Joint Overview and Scrutiny Committee", found.GetProperty("name").GetString());
        Assert.Equal("county", found.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task A_joint_committee_shows_its_parts_by_the_council_each_member_sits_for_today()
    {
        var committee = await scrutiny.CommitteeAsync("Joint Partnerships Overview and Scrutiny Committee");
        var (county, district) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await scrutiny.SeatedAsync(committee, "chair", "member", onBehalfOf: county, name: "Brian Yardley");
        await scrutiny.SeatedAsync(committee, "member", "member", onBehalfOf: county, name: "Helen Ashby");
        await scrutiny.SeatedAsync(committee, "member", "member", onBehalfOf: district, name: "Owen Lacey");
        await scrutiny.SeatedAsync(committee, "clerk", "clerk", name: "Martin Coles");
        var single = await scrutiny.CommitteeAsync("Stroud Overview and Scrutiny", "district");
        await scrutiny.SeatedAsync(single, "member", "member", onBehalfOf: district);
        using var anonymous = scrutiny.CreateClient(token: null);

        var joint = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{committee}");
        var notJoint = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees/{single}");

        Assert.True(joint.GetProperty("joint").GetBoolean());
        var parts = joint.GetProperty("parts").EnumerateArray().ToDictionary(p => p.GetProperty("organisationId").GetGuid(),
            p => p.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToList());
        Assert.Equal(["Brian Yardley", "Helen Ashby"], parts[county]);
        Assert.Equal(["Owen Lacey"], parts[district]);
        Assert.Equal(2, parts.Count);
        Assert.False(notJoint.GetProperty("joint").GetBoolean());
        Assert.DoesNotContain("personSubject", joint.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_the_scrutiny_role_is_not_a_committee()
    {
        var body = await scrutiny.BodyAsync("Accountable Bodies Group", ["authorising"]);
        using var anonymous = scrutiny.CreateClient(token: null);

        using var response = await anonymous.GetAsync($"/api/scrutiny/committees/{body}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Committees_are_listed_in_pages()
    {
        await scrutiny.CommitteeAsync("Stroud Overview and Scrutiny");
        await scrutiny.CommitteeAsync("Cotswold Overview and Scrutiny", "district");
        using var anonymous = scrutiny.CreateClient(token: null);

        var first = await anonymous.GetFromJsonAsync<JsonElement>("/api/scrutiny/committees?limit=1");
        var next = first.GetProperty("next").GetString();
        var second = await anonymous.GetFromJsonAsync<JsonElement>($"/api/scrutiny/committees?limit=1&cursor={next}");

        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.All(first.GetProperty("items").EnumerateArray(), c => Assert.Contains("scrutiny", c.GetProperty("roles").EnumerateArray().Select(r => r.GetString())));
    }

    [Fact]
    public async Task A_bad_limit_is_a_problem_naming_it()
    {
        using var response = await scrutiny.CreateClient(token: null).GetAsync("/api/scrutiny/committees?limit=0");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
