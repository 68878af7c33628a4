using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;

namespace Concordat.Registry.Tests;

/// <summary>A clerk records the business of the bodies the registry says they clerk today, and of no other.</summary>
public sealed class BodyScopeTests(AccessScene scene) : IClassFixture<AccessScene>
{
    [Fact]
    public async Task A_clerk_can_start_a_membership_on_their_body_but_not_on_another()
    {
        using var clerk = ClientAs(AccessScene.SubjectOf(Caller.ClerkOfTheBody));

        var own = await JoinAsync(clerk, scene.Body);
        var other = await JoinAsync(clerk, scene.OtherBody);

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var problem = await AssertForbiddenAsync(other);
        Assert.Contains(scene.OtherBody.ToString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_claiming_clerk_for_someone_the_registry_does_not_know_as_clerk_is_refused()
    {
        using var member = ClientAs(AccessScene.SubjectOf(Caller.MemberOfTheBody));
        using var stranger = ClientAs("nobody-in-the-registry");

        await AssertForbiddenAsync(await JoinAsync(member, scene.Body));
        await AssertForbiddenAsync(await JoinAsync(stranger, scene.Body));
    }

    [Fact]
    public async Task A_clerk_whose_membership_has_ended_is_refused()
    {
        var subject = "former-clerk-" + Guid.NewGuid().ToString("N");
        var person = await scene.SeatedAsync(subject, scene.Body, "clerk", startsOn: "2020-01-01");
        using var clerk = ClientAs(subject);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(clerk, scene.Body)).StatusCode);

        await EndMembershipsAsync(person, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1));

        await AssertForbiddenAsync(await JoinAsync(clerk, scene.Body));
    }

    [Fact]
    public async Task A_token_limited_to_one_body_is_not_used_for_another_the_person_also_clerks()
    {
        var subject = "two-body-clerk-" + Guid.NewGuid().ToString("N");
        var person = await scene.SeatedAsync(subject, scene.Body, "clerk");
        Assert.Equal(HttpStatusCode.Created, (await scene.Admin.JoinAsync(scene.OtherBody, person, "clerk")).StatusCode);
        using var forA = ClientAs(subject, bodies: [scene.Body.ToString()]);
        using var forB = ClientAs(subject, bodies: [scene.OtherBody.ToString()]);

        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(forA, scene.Body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(forB, scene.OtherBody)).StatusCode);
        await AssertForbiddenAsync(await JoinAsync(forA, scene.OtherBody));
        await AssertForbiddenAsync(await JoinAsync(forB, scene.Body));
    }

    [Fact]
    public async Task A_caller_without_the_role_is_told_which_role_is_needed()
    {
        var problem = await AssertForbiddenAsync(await JoinAsync(scene.ClientFor(Caller.Partner), scene.Body));

        Assert.Contains("clerk", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_sign_in_subject_belongs_to_one_person_and_only_administrators_see_it()
    {
        var subject = "unique-" + Guid.NewGuid().ToString("N");
        var first = await scene.Admin.CreateAsync("/api/registry/people", scene.NewPerson(subject));

        var second = await scene.Admin.Http.PostAsJsonAsync("/api/registry/people", scene.NewPerson(subject));
        var asAdmin = await scene.Admin.Http.GetFromJsonAsync<JsonElement>($"/api/registry/people/{first.GetProperty("id").GetGuid()}");
        var asPublic = await scene.ClientFor(Caller.Anonymous).GetFromJsonAsync<JsonElement>($"/api/registry/people/{first.GetProperty("id").GetGuid()}");

        Assert.Equal("subject-taken", await RegistryClient.RuleOfAsync(second));
        Assert.Equal(subject, asAdmin.GetProperty("subject").GetString());
        Assert.False(asPublic.TryGetProperty("subject", out _));
    }

    private HttpClient ClientAs(string subject, IReadOnlyList<string>? bodies = null) =>
        scene.Registry.CreateClient(scene.Registry.Tokens.Token(new TokenRequest { Subject = subject, Roles = [ConcordatRoles.Clerk], Bodies = bodies ?? [] }));

    private async Task<HttpResponseMessage> JoinAsync(HttpClient client, Guid body) =>
        await client.PostAsJsonAsync("/api/registry/memberships", new { bodyId = body, personId = await scene.Admin.PersonAsync("New member", elected: true), role = "member" });

    private static async Task<JsonElement> AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private async Task EndMembershipsAsync(Guid person, DateOnly on)
    {
        var page = await scene.Admin.Http.GetFromJsonAsync<JsonElement>($"/api/registry/memberships?person={person}");
        foreach (var membership in page.GetProperty("items").EnumerateArray())
        {
            var ended = await scene.Admin.Http.SendAsync(RegistryClient.Conditional(
                HttpMethod.Post, $"/api/registry/memberships/{membership.GetProperty("id").GetGuid()}/end", membership.GetProperty("version").GetString(), new { endsOn = on }));
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        }
    }
}
