using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.Registry.Tests;

/// <summary>Seats say who a body should contain; the registry refuses memberships that contradict them, naming the rule.</summary>
public sealed class MembershipRulesTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly RegistryClient _api = new(registry.CreateClient());

    [Fact]
    public async Task An_elected_member_cannot_take_the_seat_of_a_non_elected_chair()
    {
        var abg = await _api.BodyAsync("Accountable Bodies Group", ["authorising"]);
        var chair = await _api.SeatAsync(abg, new { title = "Chair: an independent person (non-elected)", places = 1, voting = true, holder = "non_elected", chair = true });
        var councillor = await _api.PersonAsync("Cllr Ann Example", elected: true);
        var independent = await _api.PersonAsync("Dr Ruth Independent", elected: false);

        var refused = await _api.JoinAsync(abg, councillor, "chair", chair);
        var accepted = await _api.JoinAsync(abg, independent, "chair", chair);

        Assert.Equal("seat-requires-non-elected", await RegistryClient.RuleOfAsync(refused));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task A_seat_takes_no_more_holders_than_it_has_places_but_a_substitute_does_not_count()
    {
        var cseb = await _api.BodyAsync("Community Strategy Executive Board", ["executive"]);
        var chief = await _api.SeatAsync(cseb, new { title = "Chief Constable", places = 1, voting = true, substitutesAllowed = true, substituteRule = "executive director level" });
        var first = await _api.PersonAsync("Chief Constable Example", elected: false);
        var second = await _api.PersonAsync("Another Chief", elected: false);
        var deputy = await _api.PersonAsync("Deputy Chief Constable", elected: false);
        Assert.Equal(HttpStatusCode.Created, (await _api.JoinAsync(cseb, first, seat: chief)).StatusCode);

        var full = await _api.JoinAsync(cseb, second, seat: chief);
        var substitute = await _api.JoinAsync(cseb, deputy, "substitute", chief);

        Assert.Equal("seat-full", await RegistryClient.RuleOfAsync(full));
        Assert.Equal(HttpStatusCode.Created, substitute.StatusCode);
    }

    [Fact]
    public async Task A_place_freed_by_an_ended_membership_can_be_taken_from_the_next_day()
    {
        var body = await _api.BodyAsync("Stroud LSP board", tier: "district");
        var seat = await _api.SeatAsync(body, new { title = "Chair", places = 1, voting = true, chair = true });
        var outgoing = await _api.PersonAsync("Outgoing Chair", elected: true);
        var incoming = await _api.PersonAsync("Incoming Chair", elected: true);
        var held = await _api.JoinAsync(body, outgoing, "chair", seat, startsOn: "2026-01-01");
        var membership = await held.Content.ReadFromJsonAsync<JsonElement>();

        var ended = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Post, $"/api/registry/memberships/{membership.GetProperty("id")}/end",
            held.Headers.ETag!.ToString(), new { endsOn = "2026-05-31" }));
        var overlapping = await _api.JoinAsync(body, incoming, "chair", seat, startsOn: "2026-05-31");
        var after = await _api.JoinAsync(body, incoming, "chair", seat, startsOn: "2026-06-01");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("seat-full", await RegistryClient.RuleOfAsync(overlapping));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_seat_for_one_representative_of_each_partnership_refuses_a_second_from_the_same_one()
    {
        var gsp = await _api.BodyAsync("Gloucestershire Strategic Partnership", ["deliberative"]);
        var lsp = await _api.BodyAsync("Cotswold Local Strategic Partnership", tier: "district");
        var seat = await _api.SeatAsync(gsp, new { title = "One representative of each district LSP", places = 6, voting = true, represents = "body", onePerRepresented = true });
        var first = await _api.PersonAsync("Cotswold Representative", elected: true);
        var second = await _api.PersonAsync("Another Cotswold Voice", elected: true);

        var unrepresented = await _api.JoinAsync(gsp, first, seat: seat);
        Assert.Equal(HttpStatusCode.Created, (await _api.JoinAsync(gsp, first, seat: seat, onBehalfOfBody: lsp)).StatusCode);
        var duplicate = await _api.JoinAsync(gsp, second, seat: seat, onBehalfOfBody: lsp);

        Assert.Equal("seat-requires-representation", await RegistryClient.RuleOfAsync(unrepresented));
        Assert.Equal("one-per-represented", await RegistryClient.RuleOfAsync(duplicate));
    }

    [Fact]
    public async Task The_clerk_must_come_from_the_supporting_organisation()
    {
        var county = await _api.OrganisationAsync("Gloucestershire County Council", "county_council");
        var district = await _api.OrganisationAsync("Tewkesbury Borough Council");
        var gsp = await _api.BodyAsync("GSP (clerk test)", supportingOrganisationId: county);
        var countyOfficer = await _api.PersonAsync("County Support Officer", elected: false, county, "Partnership support officer");
        var districtOfficer = await _api.PersonAsync("District Officer", elected: false, district);

        var refused = await _api.JoinAsync(gsp, districtOfficer, "clerk");
        var accepted = await _api.JoinAsync(gsp, countyOfficer, "clerk");

        Assert.Equal("clerk-from-supporting-organisation", await RegistryClient.RuleOfAsync(refused));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.False((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("voting").GetBoolean());
    }

    [Fact]
    public async Task A_membership_naming_what_does_not_exist_is_a_bad_request_and_stores_nothing()
    {
        var body = await _api.BodyAsync("Body for bad memberships");

        var response = await _api.JoinAsync(body, Guid.NewGuid(), seat: Guid.NewGuid());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("personId", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("seatId", out _));
        var members = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/memberships?body={body}");
        Assert.Equal(0, members.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_body_shows_its_current_members_and_its_vacant_places()
    {
        var gsp = await _api.BodyAsync("GSP (composition)", ["deliberative"]);
        var thematic = await _api.SeatAsync(gsp, new { title = "One representative from each thematic partnership", places = 5, voting = true });
        var chair = await _api.SeatAsync(gsp, new { title = "Chair: a leading member of the County Council", places = 1, voting = true, holder = "elected", chair = true });
        var leader = await _api.PersonAsync("Cllr County Leader", elected: true);
        var rep = await _api.PersonAsync("Thematic Representative", elected: false);
        var former = await _api.PersonAsync("Former Representative", elected: false);
        await _api.JoinAsync(gsp, leader, "chair", chair);
        await _api.JoinAsync(gsp, rep, seat: thematic);
        var formerMembership = await (await _api.JoinAsync(gsp, former, seat: thematic, startsOn: "2020-01-01")).Content.ReadFromJsonAsync<JsonElement>();
        await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Post, $"/api/registry/memberships/{formerMembership.GetProperty("id")}/end",
            formerMembership.GetProperty("version").GetString(), new { endsOn = "2021-01-01" }));

        var composition = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/bodies/{gsp}/composition");

        var members = composition.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("personName").GetString()).ToList();
        Assert.Equal(["Cllr County Leader", "Thematic Representative"], members.Order());
        var seats = composition.GetProperty("seats").EnumerateArray().ToDictionary(s => s.GetProperty("seat").GetProperty("title").GetString()!, s => s.GetProperty("vacancies").GetInt32());
        Assert.Equal(4, seats["One representative from each thematic partnership"]);
        Assert.Equal(0, seats["Chair: a leading member of the County Council"]);
        Assert.Equal(4, composition.GetProperty("vacantPlaces").GetInt32());
    }

    [Fact]
    public async Task Every_body_a_person_or_an_organisation_sits_on_can_be_listed()
    {
        var council = await _api.OrganisationAsync("Cheltenham Borough Council");
        var abg = await _api.BodyAsync("ABG (sits on)", ["authorising"]);
        var cseb = await _api.BodyAsync("CSEB (sits on)", ["executive"]);
        var leader = await _api.PersonAsync("Cllr Cheltenham Leader", elected: true, council, "Leader");
        await _api.JoinAsync(abg, leader, onBehalfOfOrganisation: council);
        await _api.JoinAsync(cseb, leader, onBehalfOfOrganisation: council);

        var ofPerson = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/people/{leader}/bodies");
        var ofOrganisation = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/organisations/{council}/bodies");

        Assert.Equal(["ABG (sits on)", "CSEB (sits on)"], ofPerson.EnumerateArray().Select(s => s.GetProperty("bodyName").GetString()).Order());
        Assert.Equal(["ABG (sits on)", "CSEB (sits on)"], ofOrganisation.EnumerateArray().Select(s => s.GetProperty("bodyName").GetString()).Order());
    }
}
