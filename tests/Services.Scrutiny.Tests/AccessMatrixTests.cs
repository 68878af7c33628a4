using System.Net.Http.Headers;
using System.Net.Http.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concordat.Scrutiny.Tests;

/// <summary>Who calls, in the matrix.</summary>
public enum Caller
{
    Anonymous,
    Administrator,
    ClerkOfTheCommittee,
    MemberOfTheCommittee,
    ChairOfTheCommittee,
    MemberOfAnotherCommittee,
    Partner,
}

/// <summary>What each caller should get: <c>2xx</c> (allowed), 401 or 403.</summary>
public sealed record Expect(string Name, IReadOnlyDictionary<Caller, int> Statuses)
{
    private const int Allowed = 200;

    /// <summary>Published information: everyone, with or without a token.</summary>
    public static readonly Expect Public = Where("public", _ => Allowed);

    public static readonly Expect AnyToken = Where("any token", c => c == Caller.Anonymous ? 401 : Allowed);

    public static readonly Expect Administrator = Where("platform_admin", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator => Allowed,
        _ => 403,
    });

    /// <summary>Acting for the committee: its clerk or scrutiny officer, chair or a member today (by the read model), or a platform administrator.</summary>
    public static readonly Expect ActingForTheCommittee = Where("platform_admin or clerk, scrutiny officer, chair or member of the committee", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.ClerkOfTheCommittee or Caller.MemberOfTheCommittee or Caller.ChairOfTheCommittee => Allowed,
        _ => 403,
    });

    public bool Allows(Caller caller) => Statuses[caller] == Allowed;

    public override string ToString() => Name;

    private static Expect Where(string name, Func<Caller, int> status) =>
        new(name, Enum.GetValues<Caller>().ToDictionary(c => c, status));
}

/// <summary>One endpoint of the matrix: its method and route as mapped, what callers should get, and how to make a valid request.</summary>
public sealed record MatrixRow(string Method, string Route, Expect Expect, Func<ScrutinyAccessScene, Task<HttpRequestMessage>> Request)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every endpoint of scrutiny × every kind of caller, against the real service with memberships from the registry's
/// events: 401 without a token where one is needed, 403 for a caller not entitled, 2xx otherwise. A new endpoint joins
/// with one line in <see cref="Rows"/>; <see cref="Every_endpoint_declares_its_access_and_is_in_the_matrix"/> fails until it does.
/// </summary>
public sealed class AccessMatrixTests(ScrutinyAccessScene scene) : IClassFixture<ScrutinyAccessScene>
{
    private static readonly MatrixRow[] Rows =
    [
        new("*", "/health/live", Expect.Public, s => Get("/health/live")),
        new("*", "/health/ready", Expect.Public, s => Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Expect.Public, s => Get("/openapi/v1.json")),
        new("GET", "/auth/me", Expect.AnyToken, s => Get("/auth/me")),
        new("GET", "/api/scrutiny/audit", Expect.Administrator, s => Get("/api/scrutiny/audit?limit=1")),
        new("GET", "/api/scrutiny/audit.csv", Expect.Administrator, s => Get("/api/scrutiny/audit.csv?since=2026-01-01T00:00:00Z")),

        new("GET", "/api/scrutiny/committees/", Expect.Public, s => Get("/api/scrutiny/committees")),
        new("GET", "/api/scrutiny/committees/{id:guid}", Expect.Public, s => Get($"/api/scrutiny/committees/{s.Committee}")),

        new("POST", "/api/scrutiny/committees/{id:guid}/call-ins", Expect.ActingForTheCommittee, async s =>
            await Post($"/api/scrutiny/committees/{s.Committee}/call-ins", new { decisionId = await s.Scrutiny.OpenDecisionAsync(), reasons = "Matrix." })),
        new("GET", "/api/scrutiny/call-ins/", Expect.Public, s => Get("/api/scrutiny/call-ins")),
        new("POST", "/api/scrutiny/committees/{id:guid}/topics", Expect.ActingForTheCommittee, s =>
            Post($"/api/scrutiny/committees/{s.Committee}/topics", new { title = "Matrix topic", themes = new[] { "matrix" }, areas = new[] { Guid.CreateVersion7() } })),
        new("GET", "/api/scrutiny/committees/{id:guid}/topics", Expect.Public, s => Get($"/api/scrutiny/committees/{s.Committee}/topics")),
        new("GET", "/api/scrutiny/committees/{id:guid}/duplication-warnings", Expect.Public, s => Get($"/api/scrutiny/committees/{s.Committee}/duplication-warnings")),
        new("GET", "/api/scrutiny/topics/{id:guid}", Expect.Public, async s => await Get($"/api/scrutiny/topics/{(await s.TopicAsync()).Id}")),
        new("POST", "/api/scrutiny/topics/{id:guid}/status", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.TopicAsync();
            return Conditional(HttpMethod.Post, $"/api/scrutiny/topics/{id}/status", etag, new { status = "closed" });
        }),
        new("POST", "/api/scrutiny/topics/{id:guid}/inquiries", Expect.ActingForTheCommittee, async s =>
            await Post($"/api/scrutiny/topics/{(await s.TopicAsync()).Id}/inquiries", new { title = "Matrix inquiry", termsOfReference = "Matrix." })),
        new("GET", "/api/scrutiny/committees/{id:guid}/inquiries", Expect.Public, s => Get($"/api/scrutiny/committees/{s.Committee}/inquiries")),
        new("GET", "/api/scrutiny/inquiries/{id:guid}", Expect.Public, async s => await Get($"/api/scrutiny/inquiries/{(await s.InquiryAsync()).Id}")),
        new("POST", "/api/scrutiny/inquiries/{id:guid}/evidence-sessions", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.InquiryAsync();
            return Conditional(HttpMethod.Post, $"/api/scrutiny/inquiries/{id}/evidence-sessions", etag, new { meeting = "Matrix meeting", heldOn = "2027-01-12" });
        }),
        new("POST", "/api/scrutiny/inquiries/{id:guid}/evidence", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.InquiryAsync();
            return Conditional(HttpMethod.Post, $"/api/scrutiny/inquiries/{id}/evidence", etag, new { kind = "link", title = "Matrix", url = "https://example.org/matrix" });
        }),
        new("GET", "/api/scrutiny/call-ins/{id:guid}", Expect.Public, async s => await Get($"/api/scrutiny/call-ins/{(await s.CallInAsync()).Id}")),
        new("POST", "/api/scrutiny/call-ins/{id:guid}/resolution", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.CallInAsync();
            return Conditional(HttpMethod.Post, $"/api/scrutiny/call-ins/{id}/resolution", etag, new { outcome = "no_further_action", reasons = "Matrix." });
        }),
    ];

    public static TheoryData<MatrixRow> Endpoints => [.. Rows];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_caller_gets_what_the_rules_say(MatrixRow row)
    {
        var wrong = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var request = await row.Request(scene);
            using var response = await scene.ClientFor(caller).SendAsync(request);
            var status = (int)response.StatusCode;
            var expected = row.Expect.Statuses[caller];
            var body = await response.Content.ReadAsStringAsync();
            if (row.Expect.Allows(caller) ? status is < 200 or > 299 : status != expected)
            {
                wrong.Add($"{caller}: expected {(row.Expect.Allows(caller) ? "2xx" : expected)}, got {status} {body[..Math.Min(body.Length, 300)]}");
            }
            else if (status is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{caller}: a {status} must be a problem (application/problem+json), got '{response.Content.Headers.ContentType}'");
            }
        }

        Assert.True(wrong.Count == 0, $"{row} ({row.Expect}):\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public void Every_endpoint_declares_its_access_and_is_in_the_matrix()
    {
        var endpoints = Declared();
        var inMatrix = Rows.Select(r => r.ToString()).ToHashSet();

        var undeclared = endpoints.Where(e => e.Value is null).Select(e => e.Key).ToList();
        var missing = endpoints.Keys.Where(k => !inMatrix.Contains(k)).ToList();
        var stale = inMatrix.Except(endpoints.Keys).ToList();

        Assert.True(undeclared.Count == 0, "No access declared (add .Public(), .RequireRoles(...) or .RequireBodyRole(...)):\n" + string.Join("\n", undeclared));
        Assert.True(missing.Count == 0, "Not in the access matrix (add a row to AccessMatrixTests.Rows):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "In the matrix but no longer mapped:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Each_row_expects_what_the_endpoint_declares()
    {
        var declared = Declared();
        var mismatched = Rows.Where(r => declared.TryGetValue(r.ToString(), out var policy) && !Matches(r.Expect, policy))
            .Select(r => $"{r}: matrix says {r.Expect}, endpoint declares {declared[r.ToString()]}").ToList();

        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched));
    }

    private Dictionary<string, AccessPolicy?> Declared() => scene.Scrutiny.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Policy: e.Metadata.GetMetadata<AccessPolicy>())))
        .ToDictionary(e => e.Key, e => e.Policy);

    private static bool Matches(Expect expect, AccessPolicy? policy) => (expect.Name, policy?.Kind, policy?.Needed) switch
    {
        ("public", AccessKind.Public, _) => true,
        ("any token", AccessKind.Token, _) => true,
        ("platform_admin", AccessKind.Roles, ConcordatRoles.PlatformAdmin) => true,
        ("platform_admin or clerk, scrutiny officer, chair or member of the committee", AccessKind.BodyRoles, "clerk or scrutiny_officer or chair or member") => true,
        _ => false,
    };

    internal static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    internal static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    internal static HttpRequestMessage Conditional(HttpMethod method, string path, string etag, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }
}

/// <summary>
/// Scrutiny with the callers of the matrix, its read model fed by the registry's events: a committee with a clerk, a
/// member and a chair; another committee with a member; a partner.
/// </summary>
public sealed class ScrutinyAccessScene : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public ScrutinyFactory Scrutiny { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The committee the requests concern.</summary>
    public Guid Committee { get; private set; }

    public Guid OtherCommittee { get; private set; }

    public HttpClient ClientFor(Caller caller) => _clients[caller];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Scrutiny).InitializeAsync();
        Admin = Scrutiny.CreateClient();
        Committee = await Scrutiny.CommitteeAsync("Matrix Scrutiny Committee");
        OtherCommittee = await Scrutiny.CommitteeAsync("Other Scrutiny Committee", "district");

        _clients[Caller.Anonymous] = Scrutiny.CreateClient(token: null);
        _clients[Caller.Administrator] = Scrutiny.CreateClient();
        _clients[Caller.ClerkOfTheCommittee] = await Scrutiny.SeatedAsync(Committee, "clerk", ConcordatRoles.Clerk);
        _clients[Caller.MemberOfTheCommittee] = await Scrutiny.SeatedAsync(Committee, "member", ConcordatRoles.Member);
        _clients[Caller.ChairOfTheCommittee] = await Scrutiny.SeatedAsync(Committee, "chair", ConcordatRoles.Chair);
        _clients[Caller.MemberOfAnotherCommittee] = await Scrutiny.SeatedAsync(OtherCommittee, "member", ConcordatRoles.Member);
        _clients[Caller.Partner] = Scrutiny.CreateClient(Scrutiny.Tokens.Token(new TokenRequest { Subject = "matrix-partner", Roles = [ConcordatRoles.Partner], Organisation = Guid.NewGuid().ToString() }));
    }

    /// <summary>A new open call-in by the committee; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> CallInAsync() => await Admin.CalledInAsync(Committee, await Scrutiny.OpenDecisionAsync());

    /// <summary>A new open topic of the committee; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> TopicAsync()
    {
        using var response = await Admin.PostAsJsonAsync($"/api/scrutiny/committees/{Committee}/topics", new { title = "Matrix topic", areas = new[] { Guid.CreateVersion7() } });
        var topic = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("topic");
        return (topic.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    /// <summary>A new inquiry of the committee; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> InquiryAsync()
    {
        using var response = await Admin.PostAsJsonAsync($"/api/scrutiny/topics/{(await TopicAsync()).Id}/inquiries", new { title = "Matrix inquiry", termsOfReference = "Matrix." });
        var inquiry = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("inquiry");
        return (inquiry.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await ((IAsyncLifetime)Scrutiny).DisposeAsync();
    }
}
