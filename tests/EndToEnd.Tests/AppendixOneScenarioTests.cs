using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Concordat.DemoData;
using static Concordat.DemoData.AppendixOne;

namespace Concordat.EndToEnd.Tests;

/// <summary>
/// The platform with the registry's demo, the four Appendix 1 examples played once through the gateway by the people of
/// the demo (the same script the launcher plays), after the registry's events have told the cycle who they are; then the
/// joint scrutiny committee's demo (<see cref="JointScrutiny"/>), which calls in the Employco decision and resolves it.
/// </summary>
public sealed class AppendixOneFixture : IAsyncLifetime
{
    public AspirePlatform Platform { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public PublicApi Api { get; private set; } = null!;

    public AppendixOneLoad First { get; private set; } = null!;

    public AppendixOneLoad Second { get; private set; } = null!;

    /// <summary>The joint scrutiny demo, played after the examples as the launcher plays it, then again.</summary>
    public JointScrutinyLoad ScrutinyFirst { get; private set; } = null!;

    public JointScrutinyLoad ScrutinySecond { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The scenario tests read the demo back as the public does, more quickly than an anonymous client's budget
        // allows (5 a second): lift that budget only; the demo is played under the identified clients' usual limits.
        Platform = await AspirePlatform.StartAsync(new AspirePlatform.Options
        {
            GatewayEnvironment = new Dictionary<string, string>
            {
                ["Gateway__RateLimits__Anonymous__PermitsPerSecond"] = "1000",
                ["Gateway__RateLimits__Anonymous__Burst"] = "1000",
            },
        });
        Anonymous = Platform.CreateGatewayClient(administrator: false);
        Api = new PublicApi(Anonymous, subject => Platform.TokenFor(subject, "clerk", "chair", "member"));
        var examples = new AppendixOne(Api, TimeProvider.System);
        Assert.True(await examples.WaitForRegistryAsync(TimeSpan.FromMinutes(2), default), "the cycle never heard of the demo's bodies and people");
        First = await examples.LoadAsync(default);
        Second = await examples.LoadAsync(default);
        var scrutiny = new JointScrutiny(Api, TimeProvider.System);
        ScrutinyFirst = await scrutiny.LoadAsync(default);
        ScrutinySecond = await scrutiny.LoadAsync(default);
    }

    /// <summary>The example's issue, as the public reads it.</summary>
    public async Task<JsonElement> IssueAsync(string title, string theme) =>
        await new AppendixOne(Api, TimeProvider.System).IssueTitledAsync(title, theme, default) ?? throw new InvalidOperationException($"No issue '{title}'.");

    public async Task DisposeAsync()
    {
        Anonymous?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }
    }
}

/// <summary>One platform with the demo loaded, shared by the Appendix 1 and the joint scrutiny scenario tests.</summary>
[CollectionDefinition(Name)]
public sealed class AppendixOneDemo : ICollectionFixture<AppendixOneFixture>
{
    public const string Name = "Appendix 1 demo";
}

/// <summary>
/// Appendix 1 of the Gloucestershire prospectus, end to end through the gateway: each example ends where the prospectus
/// leaves it, by the stage rules, referral selections, meetings, decisions and task groups of the cycle.
/// </summary>
[Collection(AppendixOneDemo.Name)]
public sealed class AppendixOneScenarioTests(AppendixOneFixture demo)
{
    [Fact]
    public void Each_example_is_played_once_and_a_second_load_adds_nothing()
    {
        Assert.Equal([ClimateChange.Title, Employco.Title, CommunityCohesion.Title, Truancy.Title], demo.First.Played);
        Assert.Empty(demo.Second.Played);
        Assert.Equal(demo.First.Played, demo.Second.AlreadyThere);
    }

    [Fact]
    public async Task Climate_change_is_with_every_thematic_partnership_and_district_LSP_and_the_CSEB_is_to_synthesise()
    {
        var issue = await demo.IssueAsync(ClimateChange.Title, ClimateChange.Theme);
        var referrals = await ReadAsync($"/api/cycle/issues/{Id(issue)}/referrals");

        Assert.Equal("deliberation", issue.GetProperty("stage").GetString());
        Assert.Equal([Body("gsp")], Guids(issue.GetProperty("holders")));
        Assert.Equal(2, referrals.GetArrayLength());
        var asked = referrals.EnumerateArray().SelectMany(r => r.GetProperty("bodies").EnumerateArray()).Select(b => b.GetProperty("bodyId").GetGuid()).ToHashSet();
        Assert.Equal(
            new[] { "cypsp", "safer-stronger", "gloucestershire-first", "health-wellbeing", "environment", "cheltenham-lsp", "cotswold-lsp", "forest-of-dean-lsp", "gloucester-lsp", "stroud-lsp", "tewkesbury-lsp" }
                .Select(Body).ToHashSet(),
            asked);
        Assert.All(referrals.EnumerateArray(), r => Assert.Equal(Body("cseb"), r.GetProperty("synthesisedByBodyId").GetGuid()));
        Assert.All(referrals.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("synthesis").ValueKind));
        var answered = referrals.EnumerateArray().SelectMany(r => r.GetProperty("bodies").EnumerateArray()).Count(b => b.GetProperty("answeredAt").ValueKind == JsonValueKind.String);
        Assert.Equal(3, answered);
    }

    [Fact]
    public async Task Employco_has_its_joint_meeting_minuted_its_action_plan_approved_with_allocations_in_its_call_in_window_and_a_task_group()
    {
        var issue = await demo.IssueAsync(Employco.Title, Employco.Theme);
        var decisions = (await ReadAsync($"/api/cycle/decisions?body={Body("abg")}")).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("issueId").GetGuid() == Id(issue)).ToList();
        var taskGroups = await ReadAsync($"/api/cycle/issues/{Id(issue)}/task-groups");
        var calendar = await demo.Anonymous.GetStringAsync($"/api/cycle/bodies/{Body("gloucestershire-first")}/meetings.ics");

        Assert.Equal(2, decisions.Count);
        var decision = Assert.Single(decisions, d => !d.GetProperty("urgent").GetBoolean());
        Assert.Equal("approved_with_amendments", decision.GetProperty("outcome").GetString());
        Assert.Equal("call_in_window", decision.GetProperty("status").GetString());
        Assert.Equal(4, decision.GetProperty("allocations").GetArrayLength());
        Assert.Equal(300000m, decision.GetProperty("requestedResources")[0].GetProperty("amountGbp").GetDecimal());
        Assert.Equal(250000m, decision.GetProperty("allocations")[0].GetProperty("amountGbp").GetDecimal());
        var urgent = Assert.Single(decisions, d => d.GetProperty("urgent").GetBoolean());
        Assert.Equal(("in_effect", Employco.UrgentSummary), (urgent.GetProperty("status").GetString(), urgent.GetProperty("summary").GetString()));
        var special = await ReadAsync($"/api/cycle/meetings/{decision.GetProperty("meetingId").GetGuid()}");
        Assert.Equal("special", special.GetProperty("kind").GetString());
        Assert.Equal([Body("abg")], Guids(special.GetProperty("bodyIds")));
        Assert.Equal(Body("employco-task-group"), Assert.Single(taskGroups.EnumerateArray()).GetProperty("bodyId").GetGuid());
        Assert.Contains("Employco", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employco_is_delivered_under_its_urgent_decision_by_the_task_group_and_monitored()
    {
        var issue = await demo.IssueAsync(Employco.Title, Employco.Theme);
        var plans = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/delivery-plans")).GetProperty("items");
        var plan = await ReadAsync($"/api/cycle/delivery-plans/{Id(Assert.Single(plans.EnumerateArray()))}");
        var reports = (await ReadAsync($"/api/cycle/delivery-plans/{Id(plan)}/monitoring-reports")).GetProperty("items");
        var entries = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/timeline?limit=200")).GetProperty("entries").EnumerateArray().ToList();
        var timeline = entries.Select(e => e.GetProperty("kind").GetString()).ToList();
        var moves = entries.Where(e => e.GetProperty("kind").GetString() == "moved").Select(e => e.GetProperty("toStage").GetString()).ToList();

        Assert.Equal(Body("employco-task-group"), plan.GetProperty("leadBodyId").GetGuid());
        var actions = plan.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(3, actions.Count);
        Assert.Equal(2, actions.Count(a => a.GetProperty("status").GetString() == "done"));
        Assert.Equal("amber", actions.Single(a => a.GetProperty("status").GetString() == "at_risk").GetProperty("shownRag").GetString());
        var slipped = plan.GetProperty("milestones").EnumerateArray().First();
        Assert.Equal(1, slipped.GetProperty("slips").GetInt32());
        Assert.Equal(2, slipped.GetProperty("history").GetArrayLength());
        var indicator = Assert.Single(plan.GetProperty("indicators").EnumerateArray());
        Assert.Equal(Employco.Indicator, indicator.GetProperty("name").GetString());
        var trajectory = await ReadAsync($"/api/cycle/delivery-plans/{Id(plan)}/indicators/{Id(indicator)}/trajectory");
        Assert.Equal("behind_trajectory", trajectory.GetProperty("status").GetString());
        var report = await ReadAsync($"/api/cycle/monitoring-reports/{Id(Assert.Single(reports.EnumerateArray()))}");
        Assert.Contains(report.GetProperty("snapshot").GetProperty("exceptions").EnumerateArray(), e => e.GetProperty("kind").GetString() == "indicator_behind_trajectory");
        Assert.Equal(["authorisation", "implementation", "evaluation"], moves);
        Assert.Contains("delivery_plan_started", timeline);
        Assert.Contains("monitoring_report_issued", timeline);
    }

    [Fact]
    public async Task Employco_is_evaluated_by_the_CSEB_its_lesson_is_in_the_library_and_its_follow_up_is_with_the_GSP_in_deliberation()
    {
        var issue = await demo.IssueAsync(Employco.Title, Employco.Theme);
        var evaluations = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/evaluations")).GetProperty("items");
        var evaluation = await ReadAsync($"/api/cycle/evaluations/{Id(Assert.Single(evaluations.EnumerateArray()))}");
        var found = (await ReadAsync("/api/cycle/lessons?q=worklessness%20in%20the%20Forest")).GetProperty("items");
        var followUp = await demo.IssueAsync(Employco.FollowUpTitle, Employco.Theme);
        var parentTimeline = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/timeline?limit=200")).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal("evaluation", issue.GetProperty("stage").GetString());
        Assert.Equal([Body("cseb")], Guids(issue.GetProperty("holders")));
        Assert.Equal(Body("cseb"), evaluation.GetProperty("evaluatorBodyId").GetGuid());
        Assert.Equal(JsonValueKind.String, evaluation.GetProperty("completedAt").ValueKind);
        var assessed = Assert.Single(evaluation.GetProperty("indicators").EnumerateArray());
        Assert.Equal((40m, 35m, false), (assessed.GetProperty("intended").GetDecimal(), assessed.GetProperty("achieved").GetDecimal(), assessed.GetProperty("achievedIntended").GetBoolean()));
        Assert.Equal(2, evaluation.GetProperty("objectives").GetArrayLength());

        var lesson = found.EnumerateArray().First();
        Assert.Equal(Employco.Lesson, lesson.GetProperty("statement").GetString());
        Assert.Equal(Id(issue), lesson.GetProperty("issueId").GetGuid());
        Assert.Equal(Id(evaluation), lesson.GetProperty("evaluationId").GetGuid());
        Assert.Equal("strategic_response", lesson.GetProperty("kind").GetString());
        Assert.Contains((await ReadAsync($"/api/cycle/lessons?theme=worklessness&area={Organisation("forest-of-dean")}&kind=strategic_response")).GetProperty("items").EnumerateArray(),
            l => Id(l) == Id(lesson));

        Assert.Equal("deliberation", followUp.GetProperty("stage").GetString());
        Assert.Equal(Id(issue), followUp.GetProperty("parentIssueId").GetGuid());
        Assert.Equal([Body("gsp")], Guids(followUp.GetProperty("holders")));
        Assert.Equal(Body("cseb"), followUp.GetProperty("raisedByBodyId").GetGuid());
        Assert.Contains(parentTimeline, e => e.GetProperty("kind").GetString() == "follow_up_raised" && e.GetProperty("note").GetString()!.Contains(Employco.FollowUpTitle, StringComparison.Ordinal));
        Assert.Contains(parentTimeline, e => e.GetProperty("kind").GetString() == "evaluation_completed");
    }

    [Fact]
    public async Task Community_cohesion_raised_by_the_CSEB_went_through_the_GSP_and_its_programme_is_on_the_ABGs_forward_plan()
    {
        var issue = await demo.IssueAsync(CommunityCohesion.Title, CommunityCohesion.Theme);
        var timeline = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/timeline")).GetProperty("entries").EnumerateArray().ToList();
        var holding = await demo.Api.ReadAsAsync(Clerk, $"/api/cycle/bodies/{Body("abg")}/holding", default);

        Assert.Equal(Body("cseb"), issue.GetProperty("raisedByBodyId").GetGuid());
        Assert.Equal("authorisation", issue.GetProperty("stage").GetString());
        Assert.Equal([Body("gsp")], Guids(timeline.First(e => e.GetProperty("kind").GetString() == "raised").GetProperty("toHolders")));
        Assert.Contains(holding.Body.GetProperty("issues").GetProperty("authorisation").EnumerateArray(), i => i.GetProperty("id").GetGuid() == Id(issue));
        var coming = Assert.Single(holding.Body.GetProperty("proposalsOnComingAgendas").EnumerateArray(), p => p.GetProperty("issueId").GetGuid() == Id(issue));
        Assert.Equal("programme", coming.GetProperty("kind").GetString());
        var plan = await ReadAsync($"/api/cycle/forward-plan?body={Body("abg")}");
        Assert.Contains(plan.GetProperty("items").EnumerateArray(), e => e.GetProperty("issue").GetProperty("id").GetGuid() == Id(issue)
            && e.GetProperty("meeting").GetProperty("id").GetGuid() == coming.GetProperty("meetingId").GetGuid());
    }

    [Fact]
    public async Task Truancy_raised_by_the_County_Council_was_referred_by_the_CYPSP_to_all_LSPs_three_of_which_call_it_a_real_problem_and_the_working_group_reported_to_the_GSP()
    {
        var issue = await demo.IssueAsync(Truancy.Title, Truancy.Theme);
        var referrals = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/referrals")).EnumerateArray().ToList();
        var tewkesbury = await ReadAsync($"/api/cycle/bodies/{Body("tewkesbury-lsp")}/holding");
        var timeline = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/timeline?limit=200")).GetProperty("entries").EnumerateArray().ToList();

        Assert.Equal(Organisation("gcc"), issue.GetProperty("raisedByOrganisationId").GetGuid());
        Assert.Equal([Body("cypsp")], Guids(timeline.First(e => e.GetProperty("kind").GetString() == "raised").GetProperty("toHolders")));
        Assert.Equal(2, referrals.Count);
        var lsps = referrals[0];
        var bodies = lsps.GetProperty("bodies").EnumerateArray().ToList();
        Assert.Equal(6, bodies.Count);
        Assert.Equal(3, bodies.Count(b => b.GetProperty("realProblemInArea") is { ValueKind: JsonValueKind.True }));
        Assert.Contains("working group", lsps.GetProperty("synthesis").GetString(), StringComparison.Ordinal);
        Assert.Contains(tewkesbury.GetProperty("referralsAwaitingResponse").EnumerateArray(), r => r.GetProperty("issueId").GetGuid() == Id(issue));
        var gsp = Assert.Single(referrals[1].GetProperty("bodies").EnumerateArray());
        Assert.Equal(Body("gsp"), gsp.GetProperty("bodyId").GetGuid());
        Assert.Equal(JsonValueKind.String, gsp.GetProperty("answeredAt").ValueKind);
    }

    [Fact]
    public async Task Truancy_countywide_policy_approved_by_the_ABG_is_in_implementation_held_by_the_CSEB_whose_plan_tracks_attendance()
    {
        var issue = await demo.IssueAsync(Truancy.Title, Truancy.Theme);
        var decision = Assert.Single((await ReadAsync($"/api/cycle/decisions?body={Body("abg")}")).GetProperty("items").EnumerateArray(),
            d => d.GetProperty("issueId").GetGuid() == Id(issue));
        var policy = await ReadAsync($"/api/cycle/proposals/{decision.GetProperty("proposalId").GetGuid()}");
        var plan = await ReadAsync($"/api/cycle/delivery-plans/{Id(Assert.Single((await ReadAsync($"/api/cycle/issues/{Id(issue)}/delivery-plans")).GetProperty("items").EnumerateArray()))}");
        var cseb = await demo.Api.ReadAsAsync(Clerk, $"/api/cycle/bodies/{Body("cseb")}/holding", default);
        var moves = (await ReadAsync($"/api/cycle/issues/{Id(issue)}/timeline?limit=200")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "moved").Select(e => e.GetProperty("toStage").GetString()).ToList();

        Assert.Equal("implementation", issue.GetProperty("stage").GetString());
        Assert.Equal([Body("cseb")], Guids(issue.GetProperty("holders")));
        Assert.Equal(["authorisation", "implementation"], moves);
        Assert.Contains(cseb.Body.GetProperty("issues").GetProperty("implementation").EnumerateArray(), i => i.GetProperty("id").GetGuid() == Id(issue));
        Assert.Equal(("approved", "in_effect", Truancy.DecisionSummary), (decision.GetProperty("outcome").GetString(), decision.GetProperty("status").GetString(), decision.GetProperty("summary").GetString()));
        Assert.Equal(("policy", Truancy.PolicyTitle, Body("cypsp")), (policy.GetProperty("kind").GetString(), policy.GetProperty("title").GetString(), policy.GetProperty("proposedByBodyId").GetGuid()));

        Assert.Equal(Body("cseb"), plan.GetProperty("leadBodyId").GetGuid());
        var owners = plan.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("ownerOrganisationId").GetGuid()).ToHashSet();
        Assert.Equal(new[] { "gcc", "cheltenham", "forest-of-dean", "gloucester" }.Select(Organisation).ToHashSet(), owners);
        var indicator = Assert.Single(plan.GetProperty("indicators").EnumerateArray());
        Assert.Equal((Truancy.Indicator, "higher"), (indicator.GetProperty("name").GetString(), indicator.GetProperty("better").GetString()));
        var trajectory = await ReadAsync($"/api/cycle/delivery-plans/{Id(plan)}/indicators/{Id(indicator)}/trajectory");
        Assert.Equal("on_trajectory", trajectory.GetProperty("status").GetString());
    }

    private async Task<JsonElement> ReadAsync(string path) => await demo.Api.ReadAsync(path, default) ?? throw new InvalidOperationException($"404 for {path}");

    private async Task<string> ETagAsync(string path)
    {
        using var response = await demo.Anonymous.GetAsync(path);
        return response.Headers.ETag!.ToString();
    }

    private static Guid Id(JsonElement record) => record.GetProperty("id").GetGuid();

    private static List<Guid> Guids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetGuid())];
}
