using Concordat.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Registry.Tests;

/// <summary>Who calls, in the matrix.</summary>
public enum Caller
{
    Anonymous,
    Administrator,
    ClerkOfTheBody,
    ClerkOfAnotherBody,
    MemberOfTheBody,
    ChairOfTheBody,
    ScrutinyOfficer,
    Partner,
}

/// <summary>What each caller should get: <c>2xx</c> (allowed), 401 or 403.</summary>
public static class Expect
{
    private const int Allowed = Expectation.Allowed;

    /// <summary>Published information: everyone, with or without a token.</summary>
    public static readonly Expectation<Caller> Public = Where("public", _ => Allowed);

    /// <summary>Any valid token (<c>/auth/me</c>).</summary>
    public static readonly Expectation<Caller> AnyToken = Where("any token", c => c == Caller.Anonymous ? 401 : Allowed);

    /// <summary>Platform administrators only.</summary>
    public static readonly Expectation<Caller> Administrator = Where("platform_admin", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator => Allowed,
        _ => 403,
    });

    /// <summary>Platform administrators and the clerk of the body the request concerns.</summary>
    public static readonly Expectation<Caller> ClerkOfTheBody = Where("platform_admin or clerk of the body", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.ClerkOfTheBody => Allowed,
        _ => 403,
    });

    private static Expectation<Caller> Where(string name, Func<Caller, int> status) => Expectation.Where(name, status);
}

/// <summary>One endpoint of the matrix: its method and route as mapped, what callers should get, and how to make a valid request.</summary>
public sealed record MatrixRow(string Method, string Route, Expectation<Caller> Expect, Func<AccessScene, Task<HttpRequestMessage>> Request)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every endpoint of the registry × every kind of caller, against the real service: 401 without a token where one is
/// needed, 403 for a caller not entitled, 2xx otherwise. A new endpoint joins with one line in <see cref="Rows"/>;
/// <see cref="Every_endpoint_declares_its_access_and_is_in_the_matrix"/> fails until it does.
/// </summary>
public sealed class AccessMatrixTests(AccessScene scene) : IClassFixture<AccessScene>
{
    private static readonly MatrixRow[] Rows =
    [
        // Health checks answer any method ("*"); probes use GET.
        new("*", "/health/live", Expect.Public, s => Get("/health/live")),
        new("*", "/health/ready", Expect.Public, s => Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Expect.Public, s => Get("/openapi/v1.json")),
        new("GET", "/auth/me", Expect.AnyToken, s => Get("/auth/me")),

        new("GET", "/api/registry/organisations/", Expect.Public, s => Get("/api/registry/organisations")),
        new("GET", "/api/registry/organisations/{id:guid}", Expect.Public, s => Get($"/api/registry/organisations/{s.Organisation}")),
        new("GET", "/api/registry/organisations/{id:guid}/bodies", Expect.Public, s => Get($"/api/registry/organisations/{s.Organisation}/bodies")),
        new("POST", "/api/registry/organisations/", Expect.Administrator, s => Post("/api/registry/organisations", AccessScene.NewOrganisation())),
        new("PUT", "/api/registry/organisations/{id:guid}", Expect.Administrator, async s => await s.ChangeAsync("/api/registry/organisations", AccessScene.NewOrganisation())),
        new("DELETE", "/api/registry/organisations/{id:guid}", Expect.Administrator, async s => await s.RemoveAsync("/api/registry/organisations", AccessScene.NewOrganisation())),

        new("GET", "/api/registry/people/", Expect.Public, s => Get("/api/registry/people")),
        new("GET", "/api/registry/people/{id:guid}", Expect.Public, s => Get($"/api/registry/people/{s.Clerk}")),
        new("GET", "/api/registry/people/{id:guid}/bodies", Expect.Public, s => Get($"/api/registry/people/{s.Clerk}/bodies")),
        new("POST", "/api/registry/people/", Expect.Administrator, s => Post("/api/registry/people", s.NewPerson())),
        new("PUT", "/api/registry/people/{id:guid}", Expect.Administrator, async s => await s.ChangeAsync("/api/registry/people", s.NewPerson())),
        new("DELETE", "/api/registry/people/{id:guid}", Expect.Administrator, async s => await s.RemoveAsync("/api/registry/people", s.NewPerson())),

        new("GET", "/api/registry/bodies/", Expect.Public, s => Get("/api/registry/bodies")),
        new("GET", "/api/registry/bodies/review-due", Expect.Public, s => Get("/api/registry/bodies/review-due")),
        new("GET", "/api/registry/bodies/{id:guid}", Expect.Public, s => Get($"/api/registry/bodies/{s.Body}")),
        new("GET", "/api/registry/bodies/{id:guid}/composition", Expect.Public, s => Get($"/api/registry/bodies/{s.Body}/composition")),
        new("POST", "/api/registry/bodies/", Expect.Administrator, s => Post("/api/registry/bodies", s.NewBody())),
        new("PUT", "/api/registry/bodies/{id:guid}", Expect.ClerkOfTheBody, s => s.ChangeTheBodyAsync()),
        new("POST", "/api/registry/bodies/{id:guid}/dissolution", Expect.Administrator, async s => await s.ConditionalAsync(HttpMethod.Post, "/api/registry/bodies", s.NewBody(), "/dissolution", new { })),

        new("GET", "/api/registry/bodies/{bodyId:guid}/seats/", Expect.Public, s => Get($"/api/registry/bodies/{s.Body}/seats")),
        new("POST", "/api/registry/bodies/{bodyId:guid}/seats/", Expect.ClerkOfTheBody, s => Post($"/api/registry/bodies/{s.Body}/seats", AccessScene.NewSeat())),
        new("GET", "/api/registry/seats/", Expect.Public, s => Get("/api/registry/seats")),
        new("GET", "/api/registry/seats/{id:guid}", Expect.Public, async s => await Get($"/api/registry/seats/{(await s.SeatOfTheBodyAsync()).Id}")),
        new("PUT", "/api/registry/seats/{id:guid}", Expect.ClerkOfTheBody, async s => Conditional(HttpMethod.Put, "/api/registry/seats/{0}", await s.SeatOfTheBodyAsync(), AccessScene.NewSeat())),
        new("DELETE", "/api/registry/seats/{id:guid}", Expect.ClerkOfTheBody, async s => Conditional(HttpMethod.Delete, "/api/registry/seats/{0}", await s.SeatOfTheBodyAsync())),

        new("GET", "/api/registry/memberships/", Expect.Public, s => Get("/api/registry/memberships")),
        new("GET", "/api/registry/memberships/{id:guid}", Expect.Public, async s => await Get($"/api/registry/memberships/{(await s.MembershipOfTheBodyAsync()).Id}")),
        new("POST", "/api/registry/memberships/", Expect.ClerkOfTheBody, async s => await Post("/api/registry/memberships", new { bodyId = s.Body, personId = await s.Admin.PersonAsync("Joining member", elected: true), role = "member" })),
        new("POST", "/api/registry/memberships/{id:guid}/end", Expect.ClerkOfTheBody, async s => Conditional(HttpMethod.Post, "/api/registry/memberships/{0}/end", await s.MembershipOfTheBodyAsync(), new { })),
        new("DELETE", "/api/registry/memberships/{id:guid}", Expect.ClerkOfTheBody, async s => Conditional(HttpMethod.Delete, "/api/registry/memberships/{0}", await s.MembershipOfTheBodyAsync())),

        new("GET", "/api/registry/relationships/", Expect.Public, s => Get("/api/registry/relationships")),
        new("GET", "/api/registry/relationships/graph", Expect.Public, s => Get("/api/registry/relationships/graph")),
        new("POST", "/api/registry/relationships/", Expect.Administrator, async s => await Post("/api/registry/relationships", await s.NewRelationshipAsync())),
        new("DELETE", "/api/registry/relationships/{id:guid}", Expect.Administrator, async s => await s.RemoveAsync("/api/registry/relationships", await s.NewRelationshipAsync())),

        new("GET", "/api/registry/agreements/", Expect.Public, s => Get("/api/registry/agreements")),
        new("GET", "/api/registry/agreements/{id:guid}", Expect.Public, async s => await Get($"/api/registry/agreements/{(await s.CreateAsync("/api/registry/agreements", s.NewAgreement())).Id}")),
        new("POST", "/api/registry/agreements/", Expect.Administrator, s => Post("/api/registry/agreements", s.NewAgreement())),
        new("PUT", "/api/registry/agreements/{id:guid}", Expect.Administrator, async s => await s.ChangeAsync("/api/registry/agreements", s.NewAgreement())),
        new("DELETE", "/api/registry/agreements/{id:guid}", Expect.Administrator, async s => await s.RemoveAsync("/api/registry/agreements", s.NewAgreement())),

        new("GET", "/api/registry/open-data/popolo.json", Expect.Public, s => Get("/api/registry/open-data/popolo.json")),
        new("GET", "/api/registry/export.json", Expect.Administrator, s => Get("/api/registry/export.json")),
        new("GET", "/api/registry/export/{collection}.csv", Expect.Administrator, s => Get("/api/registry/export/organisations.csv")),
        new("GET", "/api/registry/audit", Expect.Administrator, s => Get("/api/registry/audit?limit=1")),
        new("GET", "/api/registry/audit.csv", Expect.Administrator, s => Get("/api/registry/audit.csv?since=2026-01-01T00:00:00Z")),
        new("POST", "/api/registry/organisations/{organisationId:guid}/api-keys/", Expect.Administrator, s => Post($"/api/registry/organisations/{s.Organisation}/api-keys", new { name = "Matrix key" })),
        new("GET", "/api/registry/organisations/{organisationId:guid}/api-keys/", Expect.Administrator, s => Get($"/api/registry/organisations/{s.Organisation}/api-keys")),
        new("GET", "/api/registry/api-keys/{id:guid}", Expect.Administrator, async s => await Get($"/api/registry/api-keys/{await s.IssueKeyAsync()}")),
        new("POST", "/api/registry/api-keys/{id:guid}/revocation", Expect.Administrator, async s => await Post($"/api/registry/api-keys/{await s.IssueKeyAsync()}/revocation", new { })),
        // Another process checking a key it was shown; the gateway never routes /internal.
        new("POST", "/internal/api-keys/verification", Expect.Public, s => Post("/internal/api-keys/verification", new { key = "cnc_not-a-key" })),
        new("POST", "/api/registry/import", Expect.Administrator, s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/registry/import")
        {
            Content = new StringContent("""{"format":"concordat-registry/1"}""", Encoding.UTF8, "application/json"),
        })),
        new("POST", "/api/registry/import/{collection}", Expect.Administrator, s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/registry/import/organisations")
        {
            Content = new StringContent($"name,kind\r\nImported {Guid.NewGuid():N},police\r\n", Encoding.UTF8, "text/csv"),
        })),
    ];

    public static TheoryData<MatrixRow> Endpoints => [.. Rows];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Each_caller_gets_what_the_rules_say(MatrixRow row) =>
        AccessMatrix.AssertEachCallerAsync(row.ToString(), row.Expect, scene.ClientFor, () => row.Request(scene));

    /// <summary>
    /// The matrix of a person's fields (docs/security.md, "Personal data"): the e-mail address only to administrators and
    /// to people who sit on a body with the person today; the sign-in subject only to administrators; the rest to all.
    /// </summary>
    private static readonly (string Field, Func<Caller, bool> Shown)[] PersonFields =
    [
        ("name", _ => true),
        ("elected", _ => true),
        ("affiliations", _ => true),
        ("email", c => c is Caller.Administrator or Caller.ClerkOfTheBody or Caller.MemberOfTheBody or Caller.ChairOfTheBody or Caller.ScrutinyOfficer),
        ("subject", c => c is Caller.Administrator),
    ];

    [Fact]
    public async Task Each_caller_sees_only_the_personal_fields_the_rules_allow()
    {
        var name = $"Field matrix member {Guid.NewGuid():N}";
        var (id, _) = await scene.CreateAsync("/api/registry/people", new
        {
            name, elected = true, email = "field.member@example.org", subject = $"field-{Guid.NewGuid():N}",
            affiliations = new[] { new { organisationId = scene.Organisation, title = "Councillor" } },
        });
        Assert.Equal(HttpStatusCode.Created, (await scene.Admin.JoinAsync(scene.Body, id)).StatusCode);
        var wrong = new List<string>();

        foreach (var caller in Enum.GetValues<Caller>())
        {
            var single = await scene.ClientFor(caller).GetFromJsonAsync<JsonElement>($"/api/registry/people/{id}");
            var listed = (await scene.ClientFor(caller).GetFromJsonAsync<JsonElement>($"/api/registry/people?q={Uri.EscapeDataString(name)}")).GetProperty("items")[0];
            foreach (var (where, person) in new[] { ("GET /people/{id}", single), ("GET /people", listed) })
            {
                foreach (var (field, shown) in PersonFields)
                {
                    var present = person.TryGetProperty(field, out var value) && value.ValueKind is not JsonValueKind.Null;
                    if (present != shown(caller))
                    {
                        wrong.Add($"{caller} {where}: {field} {(present ? "shown" : "hidden")}, should be {(shown(caller) ? "shown" : "hidden")}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Every_endpoint_declares_its_access_and_is_in_the_matrix() =>
        AccessMatrix.AssertEveryEndpointHasARow(Declared(), Rows.Select(r => r.ToString()));

    [Fact]
    public void Each_row_expects_what_the_endpoint_declares() =>
        AccessMatrix.AssertRowsExpectWhatIsDeclared(Declared(), Rows.Select(r => (r.ToString(), r.Expect)), Matches);

    private Dictionary<string, AccessPolicy?> Declared() => AccessMatrix.Declared<AccessPolicy>(scene.Registry.Services);

    private static bool Matches(string expect, AccessPolicy? policy) => (expect, policy?.Kind, policy?.Needed) switch
    {
        ("public", AccessKind.Public, _) => true,
        ("any token", AccessKind.Token, _) => true,
        ("platform_admin", AccessKind.Roles, ConcordatRoles.PlatformAdmin) => true,
        ("platform_admin or clerk of the body", AccessKind.BodyRoles, ConcordatRoles.Clerk) => true,
        _ => false,
    };

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    private static HttpRequestMessage Conditional(HttpMethod method, string pathFormat, (Guid Id, string Version) record, object? body = null) =>
        RegistryClient.Conditional(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, record.Id), record.Version, body);
}

/// <summary>
/// The registry with the callers of the matrix: body A (with scrutiny among its roles) and body B, both supported by one
/// council; a clerk of each, a member, a chair and an adviser (the scrutiny officer) of A, each linked by subject.
/// </summary>
public sealed class AccessScene : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public RegistryFactory Registry { get; } = new();

    public RegistryClient Admin { get; private set; } = null!;

    public Guid Organisation { get; private set; }

    /// <summary>Body A: the body the requests concern.</summary>
    public Guid Body { get; private set; }

    public Guid OtherBody { get; private set; }

    /// <summary>The clerk of A (a person record).</summary>
    public Guid Clerk { get; private set; }

    public HttpClient ClientFor(Caller caller) => _clients[caller];

    public static string SubjectOf(Caller caller) => "matrix-" + caller.ToString().ToLowerInvariant();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Registry).InitializeAsync();
        Admin = new RegistryClient(Registry.CreateClient());
        Organisation = await Admin.OrganisationAsync("Matrix County Council", "county_council");
        Body = await Admin.BodyAsync("Matrix Partnership", ["deliberative", "scrutiny"], Organisation);
        OtherBody = await Admin.BodyAsync("Other Partnership", ["deliberative"], Organisation);
        Clerk = await SeatedAsync(Caller.ClerkOfTheBody, Body, "clerk");
        await SeatedAsync(Caller.ClerkOfAnotherBody, OtherBody, "clerk");
        await SeatedAsync(Caller.MemberOfTheBody, Body, "member");
        await SeatedAsync(Caller.ChairOfTheBody, Body, "chair");
        await SeatedAsync(Caller.ScrutinyOfficer, Body, "adviser");

        _clients[Caller.Anonymous] = Registry.CreateClient(token: null);
        _clients[Caller.Administrator] = Registry.CreateClient();
        foreach (var (caller, role) in new[]
        {
            (Caller.ClerkOfTheBody, ConcordatRoles.Clerk), (Caller.ClerkOfAnotherBody, ConcordatRoles.Clerk), (Caller.MemberOfTheBody, ConcordatRoles.Member),
            (Caller.ChairOfTheBody, ConcordatRoles.Chair), (Caller.ScrutinyOfficer, ConcordatRoles.ScrutinyOfficer), (Caller.Partner, ConcordatRoles.Partner),
        })
        {
            _clients[caller] = Registry.CreateClient(Registry.Tokens.Token(new TokenRequest
            {
                Subject = SubjectOf(caller), Roles = [role], Organisation = caller == Caller.Partner ? Organisation.ToString() : null,
            }));
        }
    }

    /// <summary>A person signing in as <paramref name="caller"/>'s subject, sitting on <paramref name="body"/> in <paramref name="role"/> from today.</summary>
    public async Task<Guid> SeatedAsync(Caller caller, Guid body, string role) => await SeatedAsync(SubjectOf(caller), body, role);

    public async Task<Guid> SeatedAsync(string subject, Guid body, string role, string? startsOn = null)
    {
        var person = (await CreateAsync("/api/registry/people", NewPerson(subject))).Id;
        var joined = await Admin.JoinAsync(body, person, role, startsOn: startsOn);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        return person;
    }

    public static object NewOrganisation() => new { name = $"Organisation {Guid.NewGuid():N}", kind = "police" };

    public object NewPerson(string? subject = null) =>
        new { name = "Someone", elected = false, subject, affiliations = new[] { new { organisationId = Organisation, title = (string?)null } } };

    public object NewBody() => new { name = $"Body {Guid.NewGuid():N}", type = "strategic", scope = "geographic", tier = "county", supportingOrganisationId = Organisation };

    /// <summary>Issues a partner API key for the scene's organisation; its id.</summary>
    public async Task<Guid> IssueKeyAsync()
    {
        using var issued = await Admin.Http.PostAsJsonAsync($"/api/registry/organisations/{Organisation}/api-keys", new { name = "Matrix key" });
        issued.EnsureSuccessStatusCode();
        return (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetProperty("id").GetGuid();
    }

    public static object NewSeat() => new { title = "Partner seat", places = 2, voting = true };

    public object NewAgreement() => new
    {
        title = "Matrix protocol",
        kind = "protocol",
        purpose = "To be agreed.",
        parties = new object[] { new { organisationId = Organisation }, new { bodyId = Body } },
    };

    public async Task<object> NewRelationshipAsync() =>
        new { fromBodyId = (await CreateAsync("/api/registry/bodies", NewBody())).Id, kind = "reports_to", toBodyId = OtherBody };

    public async Task<(Guid Id, string Version)> CreateAsync(string path, object request)
    {
        var created = await Admin.CreateAsync(path, request);
        return (created.GetProperty("id").GetGuid(), created.GetProperty("version").GetString()!);
    }

    public async Task<(Guid Id, string Version)> SeatOfTheBodyAsync() => await CreateAsync($"/api/registry/bodies/{Body}/seats", NewSeat());

    public async Task<(Guid Id, string Version)> MembershipOfTheBodyAsync()
    {
        var person = await Admin.PersonAsync("Sitting member", elected: true);
        var joined = await Admin.JoinAsync(Body, person);
        var membership = await joined.Content.ReadFromJsonAsync<JsonElement>();
        return (membership.GetProperty("id").GetGuid(), membership.GetProperty("version").GetString()!);
    }

    /// <summary>A PUT of <paramref name="request"/> to a record just made from it.</summary>
    public Task<HttpRequestMessage> ChangeAsync(string collection, object request) => ConditionalAsync(HttpMethod.Put, collection, request, "", request);

    /// <summary>A DELETE of a record just made from <paramref name="request"/>.</summary>
    public Task<HttpRequestMessage> RemoveAsync(string collection, object request) => ConditionalAsync(HttpMethod.Delete, collection, request, "", null);

    public async Task<HttpRequestMessage> ConditionalAsync(HttpMethod method, string collection, object create, string suffix, object? body)
    {
        var (id, version) = await CreateAsync(collection, create);
        return RegistryClient.Conditional(method, $"{collection}/{id}{suffix}", version, body);
    }

    /// <summary>A PUT of body A's own details, under its current version.</summary>
    public async Task<HttpRequestMessage> ChangeTheBodyAsync()
    {
        var current = await Admin.Http.GetAsync($"/api/registry/bodies/{Body}");
        return RegistryClient.Conditional(HttpMethod.Put, $"/api/registry/bodies/{Body}", current.Headers.ETag!.ToString(), new
        {
            name = "Matrix Partnership", type = "strategic", scope = "geographic", tier = "county", roles = new[] { "deliberative", "scrutiny" }, supportingOrganisationId = Organisation,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await ((IAsyncLifetime)Registry).DisposeAsync();
    }
}
