using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Concordat.Registry.Tests;

/// <summary>
/// The registry's rules hold when the two requests that could break them arrive at once (issue 11): each pair is fired
/// concurrently, many rounds, and the invariant is checked afterwards. One after the other they were always refused;
/// together they used to both succeed, because each checked before the other wrote.
/// </summary>
public sealed class RaceTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private const int Rounds = 20;

    private readonly RegistryClient _api = new(registry.CreateClient());

    [Fact]
    public async Task A_seat_cut_to_one_place_while_a_member_joins_never_ends_with_more_holders_than_places()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var body = await _api.BodyAsync($"Seat race {round}");
            var seat = await _api.CreateAsync($"/api/registry/bodies/{body}/seats", new { title = "Member", places = 2 });
            var seatId = seat.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.Created, (await _api.JoinAsync(body, await _api.PersonAsync("First holder", elected: true), seat: seatId)).StatusCode);
            var version = (await _api.Http.GetAsync($"/api/registry/seats/{seatId}")).Headers.ETag!.ToString();
            var joiner = await _api.PersonAsync("Second holder", elected: true);

            await Task.WhenAll(
                _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/seats/{seatId}", version, new { title = "Member", places = 1 })),
                _api.JoinAsync(body, joiner, seat: seatId));

            var composition = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/bodies/{body}/composition");
            var places = composition.GetProperty("seats")[0];
            Assert.True(
                places.GetProperty("held").GetInt32() <= places.GetProperty("seat").GetProperty("places").GetInt32(),
                $"Round {round}: {places}");
        }
    }

    [Fact]
    public async Task A_body_dissolved_while_a_member_joins_is_left_with_no_open_membership()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var body = await _api.CreateAsync("/api/registry/bodies", new { name = $"Dissolving {round}", type = "strategic", scope = "geographic", tier = "county" });
            var id = body.GetProperty("id").GetGuid();
            var person = await _api.PersonAsync("Late joiner", elected: true);

            var (dissolved, _) = await BothAsync(
                _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Post, $"/api/registry/bodies/{id}/dissolution", body.GetProperty("version").GetString(), new { })),
                _api.JoinAsync(id, person));

            Assert.Equal(HttpStatusCode.OK, dissolved.StatusCode);
            var dissolvedOn = DateOnly.Parse((await dissolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dissolvedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var memberships = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/memberships?body={id}");
            foreach (var membership in memberships.GetProperty("items").EnumerateArray())
            {
                var endsOn = membership.GetProperty("endsOn");
                Assert.True(
                    endsOn.ValueKind == JsonValueKind.String && DateOnly.Parse(endsOn.GetString()!, System.Globalization.CultureInfo.InvariantCulture) <= dissolvedOn,
                    $"Round {round}: a membership left open on a dissolved body: {membership}");
            }
        }
    }

    [Fact]
    public async Task A_part_of_B_and_B_part_of_A_at_once_never_make_a_loop()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var a = await _api.BodyAsync($"Loop A {round}");
            var b = await _api.BodyAsync($"Loop B {round}");

            var answers = await Task.WhenAll(
                _api.Http.PostAsJsonAsync("/api/registry/relationships", new { fromBodyId = a, kind = "part_of", toBodyId = b }),
                _api.Http.PostAsJsonAsync("/api/registry/relationships", new { fromBodyId = b, kind = "part_of", toBodyId = a }));

            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal("relationship-cycle", await RegistryClient.RuleOfAsync(answers.Single(r => r.StatusCode != HttpStatusCode.Created)));
        }
    }

    [Fact]
    public async Task A_longer_loop_closed_from_both_ends_at_once_is_refused_too()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var bodies = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                bodies.Add(await _api.BodyAsync($"Ring {round}.{i}"));
            }

            // A→B and C→D exist; B→C and D→A together would close A→B→C→D→A.
            await _api.CreateAsync("/api/registry/relationships", new { fromBodyId = bodies[0], kind = "reports_to", toBodyId = bodies[1] });
            await _api.CreateAsync("/api/registry/relationships", new { fromBodyId = bodies[2], kind = "reports_to", toBodyId = bodies[3] });

            var answers = await Task.WhenAll(
                _api.Http.PostAsJsonAsync("/api/registry/relationships", new { fromBodyId = bodies[1], kind = "reports_to", toBodyId = bodies[2] }),
                _api.Http.PostAsJsonAsync("/api/registry/relationships", new { fromBodyId = bodies[3], kind = "reports_to", toBodyId = bodies[0] }));

            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task The_same_relationship_asked_for_twice_at_once_is_made_once_and_the_other_is_409_relationship_exists()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var a = await _api.BodyAsync($"Represented {round}");
            var b = await _api.BodyAsync($"Representing {round}");
            var relationship = new { fromBodyId = a, kind = "represented_on", toBodyId = b };

            var answers = await Task.WhenAll(
                _api.Http.PostAsJsonAsync("/api/registry/relationships", relationship),
                _api.Http.PostAsJsonAsync("/api/registry/relationships", relationship));

            Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal("relationship-exists", await RegistryClient.RuleOfAsync(answers.Single(r => r.StatusCode != HttpStatusCode.Created)));
        }
    }

    [Fact]
    public async Task An_organisation_removed_while_someone_is_affiliated_to_it_leaves_no_affiliation_to_a_removed_organisation()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var organisation = await _api.CreateAsync("/api/registry/organisations", new { name = $"Closing council {round}", kind = "district_council" });
            var id = organisation.GetProperty("id").GetGuid();

            await Task.WhenAll(
                _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/organisations/{id}", organisation.GetProperty("version").GetString())),
                _api.Http.PostAsJsonAsync("/api/registry/people", new { name = "New officer", elected = false, affiliations = new[] { new { organisationId = id } } }));

            var removed = (await _api.Http.GetAsync($"/api/registry/organisations/{id}")).StatusCode == HttpStatusCode.NotFound;
            var affiliated = (await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/people?organisation={id}")).GetProperty("items").GetArrayLength();
            Assert.False(removed && affiliated > 0, $"Round {round}: {affiliated} people affiliated to a removed organisation");
        }
    }

    [Fact]
    public async Task A_person_removed_while_a_membership_for_them_starts_leaves_no_membership_of_a_removed_person()
    {
        var body = await _api.BodyAsync("Removal race board");
        for (var round = 0; round < Rounds; round++)
        {
            var person = await _api.CreateAsync("/api/registry/people", new { name = $"Entered in error {round}", elected = true });
            var id = person.GetProperty("id").GetGuid();

            await Task.WhenAll(
                _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/people/{id}", person.GetProperty("version").GetString())),
                _api.JoinAsync(body, id));

            var removed = (await _api.Http.GetAsync($"/api/registry/people/{id}")).StatusCode == HttpStatusCode.NotFound;
            var memberships = (await _api.Http.GetFromJsonAsync<JsonElement>($"/api/registry/memberships?person={id}")).GetProperty("items").GetArrayLength();
            Assert.False(removed && memberships > 0, $"Round {round}: a membership of a removed person");
        }
    }

    private static async Task<(HttpResponseMessage First, HttpResponseMessage Second)> BothAsync(Task<HttpResponseMessage> first, Task<HttpResponseMessage> second)
    {
        await Task.WhenAll(first, second);
        return (await first, await second);
    }
}

/// <summary>References that would dangle, refused without any race (issue 11).</summary>
public sealed class DanglingReferenceTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private readonly RegistryClient _api = new(registry.CreateClient());

    [Fact]
    public async Task An_organisation_people_are_affiliated_to_cannot_be_removed()
    {
        var organisation = await _api.CreateAsync("/api/registry/organisations", new { name = "Employer of officers", kind = "district_council" });
        var id = organisation.GetProperty("id").GetGuid();
        await _api.PersonAsync("An officer", elected: false, id, "Chief Executive");

        var response = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/organisations/{id}", organisation.GetProperty("version").GetString()));

        Assert.Equal("organisation-in-use", await RegistryClient.RuleOfAsync(response));
    }

    [Fact]
    public async Task An_organisation_named_in_an_agreement_cannot_be_removed()
    {
        var organisation = await _api.CreateAsync("/api/registry/organisations", new { name = "Party to a compact", kind = "voluntary_sector" });
        var id = organisation.GetProperty("id").GetGuid();
        await _api.CreateAsync("/api/registry/agreements", new { title = "Compact", kind = "compact", purpose = "Working together.", parties = new[] { new { organisationId = id } } });

        var response = await _api.Http.SendAsync(RegistryClient.Conditional(HttpMethod.Delete, $"/api/registry/organisations/{id}", organisation.GetProperty("version").GetString()));

        Assert.Equal("organisation-in-use", await RegistryClient.RuleOfAsync(response));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b")]
    public async Task A_signatory_on_behalf_of_an_organisation_that_does_not_exist_is_a_field_error(string onBehalfOf)
    {
        var organisation = await _api.OrganisationAsync("Signing council");
        var person = await _api.PersonAsync("Signer", elected: false, organisation);

        var response = await _api.Http.PostAsJsonAsync("/api/registry/agreements", new
        {
            title = "Data-sharing protocol", kind = "protocol", purpose = "Share data.",
            parties = new[] { new { organisationId = organisation } },
            signatories = new[] { new { personId = person, onBehalfOfOrganisationId = Guid.Parse(onBehalfOf), signedOn = "2026-01-01" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("signatories[0].onBehalfOfOrganisationId", out _), problem.ToString());
    }
}
