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
public static class Expect
{
    private const int Allowed = Expectation.Allowed;

    /// <summary>Published information: everyone, with or without a token.</summary>
    public static readonly Expectation<Caller> Public = Where("public", _ => Allowed);

    public static readonly Expectation<Caller> AnyToken = Where("any token", c => c == Caller.Anonymous ? 401 : Allowed);

    public static readonly Expectation<Caller> Administrator = Where("platform_admin", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator => Allowed,
        _ => 403,
    });

    /// <summary>Acting for the committee: its clerk or scrutiny officer, chair or a member today (by the read model), or a platform administrator.</summary>
    public static readonly Expectation<Caller> ActingForTheCommittee = Where("platform_admin or clerk, scrutiny officer, chair or member of the committee", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.ClerkOfTheCommittee or Caller.MemberOfTheCommittee or Caller.ChairOfTheCommittee => Allowed,
        _ => 403,
    });

    /// <summary>
    /// One information request: those who act for its committee and the partner it is addressed to; the token's roles let a
    /// member of another committee in, and the record answers it 404 (object-level access, nothing to probe).
    /// </summary>
    public static readonly Expectation<Caller> CommitteeOrAddressedPartner = Where("clerk, scrutiny officer, chair or member of the committee, or the addressed partner", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.MemberOfAnotherCommittee => 404,
        _ => Allowed,
    });

    /// <summary>A partner's own requests: partner tokens (administrators pass); no one else's token reaches them.</summary>
    public static readonly Expectation<Caller> Partner = Where("partner", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.Partner => Allowed,
        _ => 403,
    });

    /// <summary>
    /// A recommendation's addressee (the matrix's is the partner's organisation): partner, clerk and chair tokens pass the
    /// role check, and the recommendation answers 404 to a clerk or chair who is not its addressee's.
    /// </summary>
    public static readonly Expectation<Caller> Addressee = Where("the recommendation's addressee: its partner, or the clerk or chair of its body", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.Partner => Allowed,
        Caller.ClerkOfTheCommittee or Caller.ChairOfTheCommittee => 404,
        _ => 403,
    });

    private static Expectation<Caller> Where(string name, Func<Caller, int> status) => Expectation.Where(name, status);
}

/// <summary>One endpoint of the matrix: its method and route as mapped, what callers should get, and how to make a valid request.</summary>
public sealed record MatrixRow(string Method, string Route, Expectation<Caller> Expect, Func<ScrutinyAccessScene, Task<HttpRequestMessage>> Request)
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

        new("POST", "/api/scrutiny/committees/{id:guid}/information-requests/", Expect.ActingForTheCommittee, s =>
            Post($"/api/scrutiny/committees/{s.Committee}/information-requests", new { organisationId = s.PartnerOrganisation, question = "Matrix?" })),
        new("GET", "/api/scrutiny/committees/{id:guid}/information-requests/", Expect.ActingForTheCommittee, s => Get($"/api/scrutiny/committees/{s.Committee}/information-requests")),
        new("GET", "/api/scrutiny/committees/{id:guid}/information-requests/overdue", Expect.ActingForTheCommittee, s => Get($"/api/scrutiny/committees/{s.Committee}/information-requests/overdue")),
        new("GET", "/api/scrutiny/information-requests/{id:guid}", Expect.CommitteeOrAddressedPartner, async s => await Get($"/api/scrutiny/information-requests/{(await s.InformationRequestAsync()).Id}")),
        new("POST", "/api/scrutiny/information-requests/{id:guid}/answer", Expect.Partner, async s =>
        {
            var (id, etag) = await s.InformationRequestAsync();
            return Conditional(HttpMethod.Post, $"/api/scrutiny/information-requests/{id}/answer", etag, new { answer = "Matrix." });
        }),
        new("GET", "/api/scrutiny/partner/information-requests", Expect.Partner, s => Get("/api/scrutiny/partner/information-requests")),

        new("POST", "/api/scrutiny/committees/{id:guid}/reports/", Expect.ActingForTheCommittee, s =>
            Post($"/api/scrutiny/committees/{s.Committee}/reports", ScrutinyAccessScene.ReportBody(s.PartnerOrganisation))),
        new("GET", "/api/scrutiny/committees/{id:guid}/reports/", Expect.Public, s => Get($"/api/scrutiny/committees/{s.Committee}/reports")),
        new("GET", "/api/scrutiny/reports/", Expect.Public, s => Get("/api/scrutiny/reports")),
        new("GET", "/api/scrutiny/reports/{id:guid}", Expect.Public, async s => await Get($"/api/scrutiny/reports/{(await s.ReportAsync(publish: true)).Id}")),
        new("POST", "/api/scrutiny/reports/{id:guid}/publication", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.ReportAsync(publish: false);
            return Conditional(HttpMethod.Post, $"/api/scrutiny/reports/{id}/publication", etag, new { });
        }),
        new("DELETE", "/api/scrutiny/reports/{id:guid}", Expect.ActingForTheCommittee, async s =>
        {
            var (id, etag) = await s.ReportAsync(publish: false);
            var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/scrutiny/reports/{id}");
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            return request;
        }),
        new("GET", "/api/scrutiny/recommendations/", Expect.Public, s => Get("/api/scrutiny/recommendations")),
        new("GET", "/api/scrutiny/recommendations/overdue", Expect.Public, s => Get("/api/scrutiny/recommendations/overdue")),
        new("GET", "/api/scrutiny/recommendations/{id:guid}", Expect.Public, async s => await Get($"/api/scrutiny/recommendations/{(await s.RecommendationAsync(accepted: false)).Id}")),
        new("POST", "/api/scrutiny/recommendations/{id:guid}/response", Expect.Addressee, async s =>
        {
            var (id, etag) = await s.RecommendationAsync(accepted: false);
            return Conditional(HttpMethod.Post, $"/api/scrutiny/recommendations/{id}/response", etag, new { outcome = "rejected", reasons = "Matrix." });
        }),
        new("POST", "/api/scrutiny/recommendations/{id:guid}/progress", Expect.Addressee, async s =>
        {
            var (id, etag) = await s.RecommendationAsync(accepted: true);
            return Conditional(HttpMethod.Post, $"/api/scrutiny/recommendations/{id}/progress", etag, new { note = "Matrix.", completed = true });
        }),
    ];

    public static TheoryData<MatrixRow> Endpoints => [.. Rows];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public Task Each_caller_gets_what_the_rules_say(MatrixRow row) =>
        AccessMatrix.AssertEachCallerAsync(row.ToString(), row.Expect, scene.ClientFor, () => row.Request(scene));

    [Fact]
    public void Every_endpoint_declares_its_access_and_is_in_the_matrix() =>
        AccessMatrix.AssertEveryEndpointHasARow(Declared(), Rows.Select(r => r.ToString()));

    [Fact]
    public void Each_row_expects_what_the_endpoint_declares() =>
        AccessMatrix.AssertRowsExpectWhatIsDeclared(Declared(), Rows.Select(r => (r.ToString(), r.Expect)), Matches);

    private Dictionary<string, AccessPolicy?> Declared() => AccessMatrix.Declared<AccessPolicy>(scene.Scrutiny.Services);

    private static bool Matches(string expect, AccessPolicy? policy) => (expect, policy?.Kind, policy?.Needed) switch
    {
        ("public", AccessKind.Public, _) => true,
        ("any token", AccessKind.Token, _) => true,
        ("platform_admin", AccessKind.Roles, ConcordatRoles.PlatformAdmin) => true,
        ("platform_admin or clerk, scrutiny officer, chair or member of the committee", AccessKind.BodyRoles, "clerk or scrutiny_officer or chair or member") => true,
        ("clerk, scrutiny officer, chair or member of the committee, or the addressed partner", AccessKind.Roles, "clerk or scrutiny_officer or chair or member or partner") => true,
        ("partner", AccessKind.Roles, ConcordatRoles.Partner) => true,
        ("the recommendation's addressee: its partner, or the clerk or chair of its body", AccessKind.Roles, "partner or clerk or chair") => true,
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

    /// <summary>The organisation the matrix's partner acts for: requests and recommendations are addressed to it.</summary>
    public Guid PartnerOrganisation { get; } = Guid.CreateVersion7();

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
        _clients[Caller.Partner] = Scrutiny.CreateClient(Scrutiny.Tokens.Token(new TokenRequest { Subject = "matrix-partner", Roles = [ConcordatRoles.Partner], Organisation = PartnerOrganisation.ToString() }));
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

    /// <summary>A new information request of the committee to the partner; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> InformationRequestAsync()
    {
        using var response = await Admin.PostAsJsonAsync($"/api/scrutiny/committees/{Committee}/information-requests", new { organisationId = PartnerOrganisation, question = "Matrix?" });
        var request = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (request.GetProperty("id").GetGuid(), response.Headers.ETag!.ToString());
    }

    /// <summary>A report of one recommendation addressed to <paramref name="organisation"/>.</summary>
    public static object ReportBody(Guid organisation) =>
        new { title = "Matrix report", findings = "Matrix.", recommendations = new[] { new { text = "Matrix.", addresseeOrganisationId = organisation } } };

    /// <summary>A new report of the committee, draft or published; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> ReportAsync(bool publish)
    {
        using var drafted = await Admin.PostAsJsonAsync($"/api/scrutiny/committees/{Committee}/reports", ReportBody(PartnerOrganisation));
        var report = await drafted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var (id, etag) = (report.GetProperty("id").GetGuid(), drafted.Headers.ETag!.ToString());
        if (!publish)
        {
            return (id, etag);
        }

        using var published = await Admin.SendAsync(AccessMatrixTests.Conditional(HttpMethod.Post, $"/api/scrutiny/reports/{id}/publication", etag, new { }));
        return (id, published.Headers.ETag!.ToString());
    }

    /// <summary>A published recommendation to the partner, accepted (with an action plan) or awaiting its response; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> RecommendationAsync(bool accepted)
    {
        var (report, _) = await ReportAsync(publish: true);
        var id = (await Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/scrutiny/reports/{report}")).GetProperty("recommendations")[0].GetProperty("id").GetGuid();
        using var read = await Admin.GetAsync($"/api/scrutiny/recommendations/{id}");
        var etag = read.Headers.ETag!.ToString();
        if (!accepted)
        {
            return (id, etag);
        }

        using var responded = await Admin.SendAsync(AccessMatrixTests.Conditional(HttpMethod.Post, $"/api/scrutiny/recommendations/{id}/response", etag,
            new { outcome = "accepted", reasons = "Matrix.", actions = new[] { new { action = "Matrix.", targetOn = "2027-06-30" } } }));
        return (id, responded.Headers.ETag!.ToString());
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
