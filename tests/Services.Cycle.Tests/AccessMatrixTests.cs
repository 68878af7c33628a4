using Concordat.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.LocalServers;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Concordat.Cycle.Tests.CycleRegistry;

namespace Concordat.Cycle.Tests;

/// <summary>Who calls, in the matrix.</summary>
public enum Caller
{
    Anonymous,
    Administrator,
    ClerkOfTheBody,
    ClerkOfAnotherBody,
    MemberOfTheBody,
    ChairOfTheBody,
    Partner,
}

/// <summary>What each caller should get: <c>2xx</c> (allowed), 401 or 403.</summary>
public static class Expect
{
    private const int Allowed = Expectation.Allowed;

    /// <summary>Published information: everyone, with or without a token. Issues are public for now.</summary>
    public static readonly Expectation<Caller> Public = Where("public", _ => Allowed);

    public static readonly Expectation<Caller> AnyToken = Where("any token", c => c == Caller.Anonymous ? 401 : Allowed);

    public static readonly Expectation<Caller> Administrator = Where("platform_admin", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator => Allowed,
        _ => 403,
    });

    /// <summary>Acting for the body: its clerk, chair or a member today (by the read model), or a platform administrator.</summary>
    public static readonly Expectation<Caller> ActingForTheBody = Where("platform_admin or clerk, chair or member of the body", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.ClerkOfTheBody or Caller.MemberOfTheBody or Caller.ChairOfTheBody => Allowed,
        _ => 403,
    });

    /// <summary>
    /// Any token, then the handler's check: the owner organisation (the partner's token carries it), a clerk, chair or
    /// member of the lead body, or a platform administrator; a clerk of another body is refused (403).
    /// </summary>
    public static readonly Expectation<Caller> OwnerOrLeadBody = Where("any token, then the owner organisation or the lead body", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.ClerkOfAnotherBody => 403,
        _ => Allowed,
    });

    /// <summary>Any token, then the handler's check: the issue's holder (its clerk, chair or a member) names an independent evaluator; others 403.</summary>
    public static readonly Expectation<Caller> HolderNamesTheEvaluator = Where("any token, then the issue's holder or the evaluating body", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.ClerkOfAnotherBody or Caller.Partner => 403,
        _ => Allowed,
    });

    /// <summary>Any token, then the handler's check: the evaluator (here the independent organisation the partner's token carries) or an administrator.</summary>
    public static readonly Expectation<Caller> Evaluator = Where("any token, then the evaluator", c => c switch
    {
        Caller.Anonymous => 401,
        Caller.Administrator or Caller.Partner => Allowed,
        _ => 403,
    });

    private static Expectation<Caller> Where(string name, Func<Caller, int> status) => Expectation.Where(name, status);
}

/// <summary>One endpoint of the matrix: its method and route as mapped, what callers should get, and how to make a valid request.</summary>
public sealed record MatrixRow(string Method, string Route, Expectation<Caller> Expect, Func<CycleAccessScene, Task<HttpRequestMessage>> Request)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Every endpoint of the cycle × every kind of caller, against the real service with memberships from the registry's
/// events: 401 without a token where one is needed, 403 for a caller not entitled, 2xx otherwise. A new endpoint joins
/// with one line in <see cref="Rows"/>; <see cref="Every_endpoint_declares_its_access_and_is_in_the_matrix"/> fails until it does.
/// </summary>
public sealed class AccessMatrixTests(CycleAccessScene scene) : IClassFixture<CycleAccessScene>
{
    private static readonly MatrixRow[] Rows =
    [
        new("*", "/health/live", Expect.Public, s => Get("/health/live")),
        new("*", "/health/ready", Expect.Public, s => Get("/health/ready")),
        new("GET", "/openapi/{documentName}.json", Expect.Public, s => Get("/openapi/v1.json")),
        new("GET", "/auth/me", Expect.AnyToken, s => Get("/auth/me")),
        new("GET", "/api/cycle/audit", Expect.Administrator, s => Get("/api/cycle/audit?limit=1")),
        new("GET", "/api/cycle/audit.csv", Expect.Administrator, s => Get("/api/cycle/audit.csv?since=2026-01-01T00:00:00Z")),

        new("GET", "/api/cycle/bodies/{id:guid}", Expect.Public, s => Get($"/api/cycle/bodies/{s.Body}")),
        new("GET", "/api/cycle/bodies/{id:guid}/holding", Expect.Public, s => Get($"/api/cycle/bodies/{s.Body}/holding")),
        new("GET", "/api/cycle/me/bodies", Expect.AnyToken, s => Get("/api/cycle/me/bodies")),

        new("GET", "/api/cycle/issues/", Expect.Public, s => Get("/api/cycle/issues")),
        new("GET", "/api/cycle/issues/{id:guid}", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}")),
        new("GET", "/api/cycle/issues/{id:guid}/timeline", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/timeline")),
        new("POST", "/api/cycle/issues/", Expect.ActingForTheBody, s => Post("/api/cycle/issues", new
        {
            title = "Matrix issue", kind = "emergent_strategy", raisedByBodyId = s.Body, holders = new[] { s.Body },
        })),
        new("POST", "/api/cycle/issues/{id:guid}/moves", Expect.ActingForTheBody, async s =>
        {
            var (id, etag) = await s.IssueOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/issues/{id}/moves", etag, new { to = "authorisation", holders = new[] { s.AuthorisingBody } });
        }),

        new("POST", "/api/cycle/issues/{id:guid}/referrals", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/referrals", new { bodyIds = new[] { s.OtherBody }, dueOn = Date(Today.AddDays(7)) })),
        new("GET", "/api/cycle/issues/{id:guid}/referrals", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/referrals")),
        new("GET", "/api/cycle/referrals/overdue", Expect.Public, s => Get("/api/cycle/referrals/overdue")),
        new("GET", "/api/cycle/referrals/{id:guid}", Expect.Public, async s => await Get($"/api/cycle/referrals/{await s.ReferralToTheBodyAsync()}")),
        new("POST", "/api/cycle/referrals/{id:guid}/responses", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/referrals/{await s.ReferralToTheBodyAsync()}/responses", new { bodyId = s.Body, findings = "Seen to.", realProblemInArea = true })),
        new("POST", "/api/cycle/referrals/{id:guid}/synthesis", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/referrals/{await s.ReferralToTheBodyAsync()}/synthesis", new { summary = "All agree." })),

        new("GET", "/api/cycle/decisions/", Expect.Public, s => Get("/api/cycle/decisions")),
        new("GET", "/api/cycle/decisions.atom", Expect.Public, s => Get("/api/cycle/decisions.atom")),
        new("GET", "/api/cycle/decisions/{id:guid}", Expect.Public, async s =>
        {
            var (id, etag) = await s.DecisionOfTheBodyAsync();
            using var published = await s.Admin.PublishAsync(id, etag);
            return await Get($"/api/cycle/decisions/{id}");
        }),
        new("POST", "/api/cycle/decisions/", Expect.ActingForTheBody, async s =>
            await Post("/api/cycle/decisions", CycleDecisions.Request(await s.IssueAuthorisedByTheBodyAsync(), s.Body))),
        new("POST", "/api/cycle/decisions/{id:guid}/publication", Expect.ActingForTheBody, async s =>
        {
            var (id, etag) = await s.DecisionOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/decisions/{id}/publication", etag, new { });
        }),

        new("POST", "/api/cycle/meetings/", Expect.ActingForTheBody, s => Post("/api/cycle/meetings", CycleMeetings.Request([s.Body]))),
        new("GET", "/api/cycle/meetings/{id:guid}", Expect.Public, async s =>
        {
            var (id, etag) = await s.Admin.WithAgendaAsync([s.Body]);
            using var published = await s.Admin.PublishAgendaAsync(id, etag);
            return await Get($"/api/cycle/meetings/{id}");
        }),
        new("POST", "/api/cycle/meetings/{id:guid}/agenda/items", Expect.ActingForTheBody, async s =>
        {
            var (id, etag) = await s.Admin.ScheduleAsync([s.Body]);
            return Conditional(HttpMethod.Post, $"/api/cycle/meetings/{id}/agenda/items", etag, CycleMeetings.Item());
        }),
        new("POST", "/api/cycle/meetings/{id:guid}/agenda/publication", Expect.ActingForTheBody, async s =>
        {
            var (id, etag) = await s.Admin.WithAgendaAsync([s.Body]);
            return Conditional(HttpMethod.Post, $"/api/cycle/meetings/{id}/agenda/publication", etag, new { });
        }),
        new("PUT", "/api/cycle/meetings/{id:guid}/agenda/items/{itemId:guid}/minutes", Expect.ActingForTheBody, async s =>
        {
            var (id, item, etag) = await s.Admin.PublishedAsync([s.Body]);
            return Conditional(HttpMethod.Put, $"/api/cycle/meetings/{id}/agenda/items/{item}/minutes", etag, new { outcome = "Noted." });
        }),
        new("POST", "/api/cycle/meetings/{id:guid}/minutes/publication", Expect.ActingForTheBody, async s =>
        {
            var (id, item, etag) = await s.Admin.PublishedAsync([s.Body]);
            using var minuted = await s.Admin.MinuteAsync(id, item, etag);
            return Conditional(HttpMethod.Post, $"/api/cycle/meetings/{id}/minutes/publication", minuted.Headers.ETag!.ToString(), new { });
        }),
        new("GET", "/api/cycle/bodies/{id:guid}/meetings.ics", Expect.Public, s => Get($"/api/cycle/bodies/{s.Body}/meetings.ics")),

        new("GET", "/api/cycle/issues/{id:guid}/task-groups/", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/task-groups")),
        new("POST", "/api/cycle/issues/{id:guid}/task-groups/", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/task-groups", new { bodyId = s.OtherBody })),

        new("GET", "/api/cycle/bodies/{id:guid}/meetings", Expect.Public, s => Get($"/api/cycle/bodies/{s.Body}/meetings")),

        new("POST", "/api/cycle/proposals/", Expect.ActingForTheBody, async s =>
            await Post("/api/cycle/proposals", CycleProposals.Request((await s.IssueOfTheBodyAsync()).Id, s.AuthorisingBody))),
        new("GET", "/api/cycle/proposals/{id:guid}", Expect.Public, async s =>
        {
            var (proposal, meeting, _) = await s.Admin.PlacedAsync(s.Body, s.Body);
            using var published = await s.Admin.PublishAgendaAsync(meeting, await s.Admin.MeetingETagAsync(meeting));
            return await Get($"/api/cycle/proposals/{proposal}");
        }),
        new("POST", "/api/cycle/proposals/{id:guid}/placement", Expect.ActingForTheBody, async s =>
        {
            var (proposal, etag) = await s.Admin.ProposeAsync((await s.IssueOfTheBodyAsync()).Id, s.AuthorisingBody);
            var (meeting, _) = await s.Admin.ScheduleAsync([s.AuthorisingBody], CycleProposals.NextYear);
            return Conditional(HttpMethod.Post, $"/api/cycle/proposals/{proposal.GetProperty("id").GetGuid()}/placement", etag, new { meetingId = meeting });
        }),
        new("GET", "/api/cycle/forward-plan", Expect.Public, s => Get("/api/cycle/forward-plan")),
        new("GET", "/api/cycle/issues/{id:guid}/proposals", Expect.Public, async s =>
            await Get($"/api/cycle/issues/{(await s.Admin.PlacedAsync(s.Body, s.Body)).Issue}/proposals")),
        new("GET", "/api/cycle/bodies/{id:guid}/unplaced-proposals", Expect.ActingForTheBody, s => Get($"/api/cycle/bodies/{s.Body}/unplaced-proposals")),
        new("GET", "/api/cycle/bodies/{id:guid}/draft-decisions", Expect.ActingForTheBody, async s =>
        {
            await s.DecisionOfTheBodyAsync();
            return await Get($"/api/cycle/bodies/{s.Body}/draft-decisions");
        }),

        new("POST", "/api/cycle/delivery-plans/", Expect.ActingForTheBody, async s =>
            await Post("/api/cycle/delivery-plans", new { decisionId = await s.DecisionInEffectLedByTheBodyAsync(), leadBodyId = s.Body })),
        new("GET", "/api/cycle/delivery-plans/{id:guid}", Expect.Public, async s => await Get($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}")),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/actions", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/actions", new { title = "Matrix action", ownerOrganisationId = s.PartnerOrganisation, dueOn = Date(Today) })),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/milestones", Expect.ActingForTheBody, async s =>
        {
            var (plan, etag) = await s.PlanOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/milestones", etag, new { title = "Matrix milestone", dueOn = Date(Today) });
        }),
        new("PUT", "/api/cycle/delivery-plans/{id:guid}/milestones/{milestoneId:guid}", Expect.ActingForTheBody, async s =>
        {
            var (plan, etag) = await s.PlanOfTheBodyAsync();
            using var added = await s.Admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/milestones", etag, new { title = "Matrix milestone", dueOn = Date(Today) }));
            var milestone = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("milestones")[0].GetProperty("id").GetGuid();
            return Conditional(HttpMethod.Put, $"/api/cycle/delivery-plans/{plan}/milestones/{milestone}", added.Headers.ETag!.ToString(), new { dueOn = Date(Today.AddDays(7)), reason = "Slipped." });
        }),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/indicators", Expect.ActingForTheBody, async s =>
        {
            var (plan, etag) = await s.PlanOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators", etag, s.Indicator());
        }),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/indicators/{indicatorId:guid}/actuals", Expect.OwnerOrLeadBody, async s =>
        {
            var (plan, indicator, etag) = await s.IndicatorOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/actuals", etag, new { period = "2009-10", value = 10 });
        }),
        new("GET", "/api/cycle/delivery-plans/{id:guid}/indicators/{indicatorId:guid}/trajectory", Expect.Public, async s =>
        {
            var (plan, indicator, _) = await s.IndicatorOfTheBodyAsync();
            return await Get($"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/trajectory");
        }),
        new("GET", "/api/cycle/delivery-plans/{id:guid}/indicators/{indicatorId:guid}/trajectory.svg", Expect.Public, async s =>
        {
            var (plan, indicator, _) = await s.IndicatorOfTheBodyAsync();
            return await Get($"/api/cycle/delivery-plans/{plan}/indicators/{indicator}/trajectory.svg");
        }),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/risks", Expect.ActingForTheBody, async s =>
        {
            var (plan, etag) = await s.PlanOfTheBodyAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/risks", etag,
                new { description = "Matrix risk", likelihood = 2, impact = 3, owner = "Matrix Partnership", reviewOn = Date(Today) });
        }),
        new("PUT", "/api/cycle/delivery-plans/{id:guid}/risks/{riskId:guid}", Expect.ActingForTheBody, async s =>
        {
            var (plan, etag) = await s.PlanOfTheBodyAsync();
            var risk = new { description = "Matrix risk", likelihood = 2, impact = 3, owner = "Matrix Partnership", reviewOn = Date(Today) };
            using var added = await s.Admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/risks", etag, risk));
            var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("risks")[0].GetProperty("id").GetGuid();
            return Conditional(HttpMethod.Put, $"/api/cycle/delivery-plans/{plan}/risks/{id}", added.Headers.ETag!.ToString(), risk with { reviewOn = Date(Today.AddDays(90)) });
        }),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/monitoring-reports", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/monitoring-reports", new { summary = "Matrix report." })),
        new("GET", "/api/cycle/delivery-plans/{id:guid}/monitoring-reports", Expect.Public, async s => await Get($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/monitoring-reports")),
        new("POST", "/api/cycle/delivery-actions/{id:guid}/progress", Expect.OwnerOrLeadBody, async s =>
        {
            var (action, etag) = await s.ActionOfThePartnerAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/delivery-actions/{action}/progress", etag, new { note = "Under way.", status = "on_track" });
        }),
        new("PUT", "/api/cycle/delivery-actions/{id:guid}/override", Expect.ActingForTheBody, async s =>
        {
            var (action, etag) = await s.ActionOfThePartnerAsync();
            return Conditional(HttpMethod.Put, $"/api/cycle/delivery-actions/{action}/override", etag, new { rag = "amber", reason = "Matrix override." });
        }),
        new("GET", "/api/cycle/monitoring-reports/{id:guid}", Expect.Public, async s =>
        {
            using var issued = await s.Admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/monitoring-reports", new { });
            return await Get($"/api/cycle/monitoring-reports/{(await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        }),
        new("GET", "/api/cycle/issues/{id:guid}/delivery-plans", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/delivery-plans")),
        new("GET", "/api/cycle/organisations/{id:guid}/overdue-actions", Expect.Public, s => Get($"/api/cycle/organisations/{s.PartnerOrganisation}/overdue-actions")),

        new("POST", "/api/cycle/issues/{id:guid}/evaluations", Expect.HolderNamesTheEvaluator, async s =>
            await Post($"/api/cycle/issues/{await s.IssueInImplementationOfTheBodyAsync()}/evaluations", new { evaluatorOrganisationId = s.PartnerOrganisation, evaluatorName = "Matrix Evaluators" })),
        new("GET", "/api/cycle/issues/{id:guid}/evaluations", Expect.Public, async s => await Get($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/evaluations")),
        new("GET", "/api/cycle/evaluations/{id:guid}", Expect.Public, async s => await Get($"/api/cycle/evaluations/{await s.CompletedEvaluationAsync()}")),
        new("PUT", "/api/cycle/evaluations/{id:guid}", Expect.Evaluator, async s =>
        {
            var (id, etag) = await s.IndependentEvaluationAsync();
            return Conditional(HttpMethod.Put, $"/api/cycle/evaluations/{id}", etag, new { summary = "Matrix summary." });
        }),
        new("POST", "/api/cycle/evaluations/{id:guid}/completion", Expect.Evaluator, async s =>
        {
            var (id, etag) = await s.IndependentEvaluationAsync();
            return Conditional(HttpMethod.Post, $"/api/cycle/evaluations/{id}/completion", etag, new { });
        }),
        new("GET", "/api/cycle/lessons/", Expect.Public, s => Get("/api/cycle/lessons?q=matrix")),
        new("GET", "/api/cycle/lessons/{id:guid}", Expect.Public, async s =>
        {
            await s.CompletedEvaluationAsync();
            var lessons = await s.Admin.GetFromJsonAsync<JsonElement>("/api/cycle/lessons?limit=1");
            return await Get($"/api/cycle/lessons/{lessons.GetProperty("items")[0].GetProperty("id").GetGuid()}");
        }),
        new("POST", "/api/cycle/issues/{id:guid}/follow-ups", Expect.ActingForTheBody, async s =>
            await Post($"/api/cycle/issues/{(await s.IssueOfTheBodyAsync()).Id}/follow-ups", new { title = "Matrix follow-up", holders = new[] { s.Body } })),
        new("GET", "/api/cycle/bodies/{id:guid}/delivery", Expect.Public, s => Get($"/api/cycle/bodies/{s.Body}/delivery")),
        new("GET", "/api/cycle/delivery-plans/{id:guid}/actions.csv", Expect.Public, async s => await Get($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/actions.csv")),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/actions.csv", Expect.ActingForTheBody, async s =>
            new HttpRequestMessage(HttpMethod.Post, $"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/actions.csv")
            {
                Content = new StringContent($"title,ownerOrganisationId,dueOn\r\nMatrix action,{s.PartnerOrganisation},{Date(Today)}\r\n", System.Text.Encoding.UTF8, "text/csv"),
            }),
        new("GET", "/api/cycle/delivery-plans/{id:guid}/indicator-actuals.csv", Expect.Public, async s => await Get($"/api/cycle/delivery-plans/{(await s.PlanOfTheBodyAsync()).Id}/indicator-actuals.csv")),
        new("POST", "/api/cycle/delivery-plans/{id:guid}/indicator-actuals.csv", Expect.OwnerOrLeadBody, async s =>
        {
            var (plan, indicator, etag) = await s.IndicatorOfTheBodyAsync();
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicator-actuals.csv")
            {
                Content = new StringContent($"indicatorId,period,value\r\n{indicator},2009-10,10\r\n", System.Text.Encoding.UTF8, "text/csv"),
            };
            request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
            return request;
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

    private Dictionary<string, AccessPolicy?> Declared() => AccessMatrix.Declared<AccessPolicy>(scene.Cycle.Services);

    private static bool Matches(string expect, AccessPolicy? policy) => (expect, policy?.Kind, policy?.Needed) switch
    {
        ("public", AccessKind.Public, _) => true,
        ("any token", AccessKind.Token, _) => true,
        ("platform_admin", AccessKind.Roles, ConcordatRoles.PlatformAdmin) => true,
        ("platform_admin or clerk, chair or member of the body", AccessKind.BodyRoles, "clerk or chair or member") => true,
        ("any token, then the owner organisation or the lead body", AccessKind.Token, _) => true,
        ("any token, then the issue's holder or the evaluating body", AccessKind.Token, _) => true,
        ("any token, then the evaluator", AccessKind.Token, _) => true,
        _ => false,
    };

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Post(string path, object body) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
}

/// <summary>
/// The cycle with the callers of the matrix, its read model fed by the registry's events: body A (deliberative and authorising) with a
/// clerk, a member and a chair; body B with its clerk; an authorising body to move issues to; a partner.
/// </summary>
public sealed class CycleAccessScene : IAsyncLifetime
{
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    public CycleFactory Cycle { get; } = new();

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Body A: the body the requests concern.</summary>
    public Guid Body { get; private set; }

    public Guid OtherBody { get; private set; }

    public Guid AuthorisingBody { get; private set; }

    /// <summary>The organisation the partner's token acts for: the owner of the actions and indicators of the delivery rows.</summary>
    public Guid PartnerOrganisation { get; } = Guid.CreateVersion7();

    public HttpClient ClientFor(Caller caller) => _clients[caller];

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Cycle).InitializeAsync();
        Admin = Cycle.CreateClient();
        // Authorising too, so it can take decisions for the decisions' rows.
        Body = await Cycle.BodyAsync("Matrix Partnership", ["deliberative", "authorising"]);
        OtherBody = await Cycle.BodyAsync("Other Partnership", ["deliberative"]);
        AuthorisingBody = await Cycle.BodyAsync("Matrix Accountable Bodies Group", ["authorising"]);

        _clients[Caller.Anonymous] = Cycle.CreateClient(token: null);
        _clients[Caller.Administrator] = Cycle.CreateClient();
        _clients[Caller.ClerkOfTheBody] = await Cycle.SeatedAsync(Body, "clerk", ConcordatRoles.Clerk);
        _clients[Caller.ClerkOfAnotherBody] = await Cycle.SeatedAsync(OtherBody, "clerk", ConcordatRoles.Clerk);
        _clients[Caller.MemberOfTheBody] = await Cycle.SeatedAsync(Body, "member", ConcordatRoles.Member);
        _clients[Caller.ChairOfTheBody] = await Cycle.SeatedAsync(Body, "chair", ConcordatRoles.Chair);
        _clients[Caller.Partner] = Cycle.CreateClient(Cycle.Tokens.Token(new TokenRequest { Subject = "matrix-partner", Roles = [ConcordatRoles.Partner], Organisation = PartnerOrganisation.ToString() }));
    }

    /// <summary>A new issue held by body A, in deliberation; its id and ETag.</summary>
    public Task<(Guid Id, string ETag)> IssueOfTheBodyAsync() => Admin.RaiseAsync([Body]);

    /// <summary>A new issue in authorisation, held by body A.</summary>
    public async Task<Guid> IssueAuthorisedByTheBodyAsync()
    {
        var (issue, etag) = await Admin.RaiseAsync([OtherBody]);
        using var moved = await Admin.MoveAsync(issue, etag, "authorisation", [Body]);
        Assert.Equal(System.Net.HttpStatusCode.OK, moved.StatusCode);
        return issue;
    }

    /// <summary>A new draft decision of body A; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> DecisionOfTheBodyAsync() => await Admin.DecideAsync(await IssueAuthorisedByTheBodyAsync(), Body);

    /// <summary>A new referral, by the other body, asking body A, whose responses body A also synthesises.</summary>
    public async Task<Guid> ReferralToTheBodyAsync()
    {
        var (issue, _) = await Admin.RaiseAsync([OtherBody]);
        return await Admin.ReferAsync(issue, new { bodyIds = new[] { Body }, dueOn = Date(Today.AddDays(7)), synthesisedByBodyId = Body });
    }

    /// <summary>
    /// A decision of body A in effect on a new issue, with body A registered as a task group for the issue so it may lead
    /// the delivery plan (body A is deliberative and authorising, neither executive nor delivery).
    /// </summary>
    public async Task<Guid> DecisionInEffectLedByTheBodyAsync()
    {
        var issue = await IssueAuthorisedByTheBodyAsync();
        var (decision, etag) = await Admin.DecideAsync(issue, Body);
        using var published = await Admin.PublishAsync(decision, etag);
        await Cycle.WindowPassedAsync(decision);
        using var registered = await Admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = Body });
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        return decision;
    }

    /// <summary>A new delivery plan led by body A; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> PlanOfTheBodyAsync()
    {
        using var started = await Admin.PostAsJsonAsync("/api/cycle/delivery-plans", new { decisionId = await DecisionInEffectLedByTheBodyAsync(), leadBodyId = Body });
        Assert.True(started.StatusCode == System.Net.HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return ((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), started.Headers.ETag!.ToString());
    }

    /// <summary>An action of a plan led by body A, owned by the partner's organisation; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> ActionOfThePartnerAsync()
    {
        var (plan, _) = await PlanOfTheBodyAsync();
        using var added = await Admin.PostAsJsonAsync($"/api/cycle/delivery-plans/{plan}/actions", new { title = "Matrix action", ownerOrganisationId = PartnerOrganisation, dueOn = Date(Today) });
        Assert.Equal(System.Net.HttpStatusCode.Created, added.StatusCode);
        return ((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), added.Headers.ETag!.ToString());
    }

    /// <summary>A new issue in implementation held by body A (registered as its task group) under its decision in effect.</summary>
    public async Task<Guid> IssueInImplementationOfTheBodyAsync()
    {
        var issue = await IssueAuthorisedByTheBodyAsync();
        var (decision, etag) = await Admin.DecideAsync(issue, Body);
        using var published = await Admin.PublishAsync(decision, etag);
        await Cycle.WindowPassedAsync(decision);
        using var registered = await Admin.PostAsJsonAsync($"/api/cycle/issues/{issue}/task-groups", new { bodyId = Body });
        using var read = await Admin.GetAsync($"/api/cycle/issues/{issue}");
        using var moved = await Admin.MoveAsync(issue, read.Headers.ETag!.ToString(), "implementation", [Body]);
        Assert.True(moved.StatusCode == System.Net.HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        return issue;
    }

    /// <summary>A draft evaluation, by the partner's organisation as independent evaluator, of an issue body A implements, ready to complete; its id and ETag.</summary>
    public async Task<(Guid Id, string ETag)> IndependentEvaluationAsync()
    {
        using var started = await Admin.PostAsJsonAsync($"/api/cycle/issues/{await IssueInImplementationOfTheBodyAsync()}/evaluations", new
        {
            evaluatorOrganisationId = PartnerOrganisation, evaluatorName = "Matrix Evaluators",
            content = new
            {
                objectives = new[] { new { objective = "Matrix objective", whatWorked = "Most of it." } },
                lessons = new[] { new { statement = "Matrix lesson.", evidence = "Matrix evidence." } },
            },
        });
        Assert.True(started.StatusCode == System.Net.HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        return ((await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), started.Headers.ETag!.ToString());
    }

    /// <summary>A completed independent evaluation; its id.</summary>
    public async Task<Guid> CompletedEvaluationAsync()
    {
        var (id, etag) = await IndependentEvaluationAsync();
        using var completed = await Admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/evaluations/{id}/completion", etag, new { }));
        Assert.True(completed.StatusCode == System.Net.HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        return id;
    }

    public object Indicator() => new
    {
        name = "Matrix indicator", unit = "%", better = "higher", ownerOrganisationId = PartnerOrganisation, baseline = 5, baselineOn = "2008-04-01",
        targets = new[] { new { period = "2009-10", value = 8 } },
    };

    /// <summary>An indicator of a plan led by body A, reported by the partner's organisation; the plan, the indicator and the plan's ETag.</summary>
    public async Task<(Guid Plan, Guid Indicator, string ETag)> IndicatorOfTheBodyAsync()
    {
        var (plan, etag) = await PlanOfTheBodyAsync();
        using var added = await Admin.SendAsync(Conditional(HttpMethod.Post, $"/api/cycle/delivery-plans/{plan}/indicators", etag, Indicator()));
        Assert.Equal(System.Net.HttpStatusCode.OK, added.StatusCode);
        return (plan, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators")[0].GetProperty("id").GetGuid(), added.Headers.ETag!.ToString());
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await ((IAsyncLifetime)Cycle).DisposeAsync();
    }
}
