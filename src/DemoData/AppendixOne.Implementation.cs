using System.Globalization;

namespace Concordat.DemoData;

/// <summary>
/// Issue 15: the Employco example carried on from its decisions into implementation, monitoring and evaluation, to a
/// follow-up issue for the GSP, through the public API as the task group's chair and the CSEB's clerk would do it.
/// </summary>
public sealed partial class AppendixOne
{
    private static readonly string[] EmploycoRecommendations =
    [
        "Plan retraining places with the LSC as soon as a major closure is announced.",
        "Open advice centres where the workforce lives, with evening hours.",
    ];

    /// <summary>
    /// The action plan waits out its call-in window (scrutiny's demo calls it in). What cannot wait is decided urgently: the
    /// ABG's clerk records the urgent decision on immediate support, which takes effect at once; the issue moves to
    /// implementation led by the Employco task group, whose chair starts the delivery plan with actions, milestones, an
    /// indicator with actuals and a risk, and issues a monitoring report. The issue then moves to evaluation at the CSEB
    /// (executive), which evaluates the support, intended against achieved, with a lesson for the library, and raises
    /// "the future of the industry" as a follow-up issue for the GSP, which the joint meeting proposed.
    /// </summary>
    private async Task EmploycoImplementedAsync(Answer issue, CancellationToken cancellationToken)
    {
        var urgent = await api.PostAsync(Clerk, "/api/cycle/decisions", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            outcome = "approved",
            summary = Employco.UrgentSummary,
            allocations = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 40000m },
                new { organisationId = Organisation("forest-of-dean"), amountGbp = 10000m },
                new { organisationId = Organisation("lsc"), inKind = "Careers advisers at both centres" },
            },
            urgent = true,
            urgencyReason = "The plant closes before the action plan's call-in window ends: the workforce needs advice now.",
        }, cancellationToken);
        await api.PostAsync(Clerk, $"/api/cycle/decisions/{urgent.Id}/publication", new { }, cancellationToken, urgent.ETag);

        issue = await api.ReadAsAsync(Clerk, $"/api/cycle/issues/{issue.Id}", cancellationToken);
        issue = await MoveAsync(Clerk, issue, "implementation", [Body("employco-task-group")],
            "The urgent support is in effect; the task group leads its delivery while the action plan's call-in window runs.", cancellationToken);

        var plan = await api.PostAsync(TaskGroupChair, "/api/cycle/delivery-plans", new
        {
            decisionId = urgent.Id,
            leadBodyId = Body("employco-task-group"),
            contributingOrganisationIds = new[] { Organisation("gcc"), Organisation("forest-of-dean"), Organisation("gloucester"), Organisation("lsc") },
            contributingBodyIds = new[] { Body("gloucestershire-first"), Body("forest-of-dean-lsp"), Body("gloucester-lsp") },
        }, cancellationToken);

        var gates = await ActionAsync(plan, "Open an advice centre at the plant gates", "gcc", -21, cancellationToken);
        var cinderford = await ActionAsync(plan, "Open an advice centre in Cinderford", "forest-of-dean", -10, cancellationToken);
        var retraining = await ActionAsync(plan, "Place former workers on retraining courses", "lsc", 60, cancellationToken);
        await ProgressAsync(gates, new { note = "Open since the closure was announced; 1,400 workers seen.", percentComplete = 100, status = "done" }, cancellationToken);
        await ProgressAsync(cinderford, new { note = "Open in the library, three days a week.", percentComplete = 100, status = "done" }, cancellationToken);
        await ProgressAsync(retraining, new
        {
            note = "320 places filled; the college in the Forest has no more this term.", percentComplete = 40, status = "at_risk",
            rag = "amber", ragReason = "Too few college places in the Forest of Dean.",
        }, cancellationToken);

        plan = await PlanAsync(plan, cancellationToken);
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/milestones", new { title = "Both advice centres open", dueOn = Date(-14) }, cancellationToken, plan.ETag);
        var centres = plan.Body.GetProperty("milestones").EnumerateArray().Last().GetProperty("id").GetGuid();
        plan = await api.SendAsync(TaskGroupChair, HttpMethod.Put, $"/api/cycle/delivery-plans/{plan.Id}/milestones/{centres}",
            new { dueOn = Date(-10), reason = "The Cinderford centre waited for its lease.", achievedOn = Date(-10) }, plan.ETag, cancellationToken);
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/milestones", new { title = "Every worker offered a retraining place", dueOn = Date(75) }, cancellationToken, plan.ETag);

        var months = Enumerable.Range(-2, 4).Select(Month).ToArray();
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/indicators", new
        {
            name = Employco.Indicator,
            unit = "%",
            better = "higher",
            ownerOrganisationId = Organisation("lsc"),
            baseline = 0m,
            baselineOn = Date(-90),
            targets = months.Select((period, i) => new { period, value = 20m * (i + 1) }).ToArray(),
        }, cancellationToken, plan.ETag);
        var indicator = plan.Body.GetProperty("indicators").EnumerateArray().Last().GetProperty("id").GetGuid();
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/indicators/{indicator}/actuals",
            new { period = months[0], value = 18m, note = "From the advice centres' records." }, cancellationToken, plan.ETag);
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/indicators/{indicator}/actuals",
            new { period = months[1], value = 35m, note = "Retraining places in the Forest ran short." }, cancellationToken, plan.ETag);
        plan = await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/risks", new
        {
            description = "Retraining places in the Forest of Dean run out before every worker is offered one",
            likelihood = 4,
            impact = 3,
            ownerOrganisationId = Organisation("lsc"),
            owner = "Learning and Skills Council (Gloucestershire)",
            mitigation = "Commission places at Gloucester college with travel paid.",
            reviewOn = Date(30),
        }, cancellationToken, plan.ETag);
        await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/monitoring-reports", new
        {
            summary = "Both advice centres are open; retraining is behind where the Forest's college has no places.",
        }, cancellationToken);

        // The support delivered, the CSEB (executive) evaluates it: intended against achieved comes pre-filled from the plan.
        issue = await MoveAsync(TaskGroupChair, issue, "evaluation", [Body("cseb")],
            "The immediate support is delivered; the CSEB evaluates it.", cancellationToken);
        var evaluation = await api.PostAsync(Clerk, $"/api/cycle/issues/{issue.Id}/evaluations", new { evaluatorBodyId = Body("cseb") }, cancellationToken);
        evaluation = await api.SendAsync(Clerk, HttpMethod.Put, $"/api/cycle/evaluations/{evaluation.Id}", new
        {
            summary = "The advice reached most of the workforce quickly; retraining fell short where most of the workers live.",
            objectives = new[]
            {
                new
                {
                    objective = "Advise every worker before the plant closes",
                    whatWorked = "Two centres, one in Cinderford, saw 3,100 of the 4,000 workers.",
                    whatDidNot = "Night-shift workers were hard to reach.",
                    why = "Both centres kept office hours.",
                },
                new
                {
                    objective = "Place workers on retraining courses",
                    whatWorked = "Gloucester's college took all it was asked to.",
                    whatDidNot = "The Forest of Dean's college ran out of places.",
                    why = "Places were not planned with the LSC before the closure.",
                },
            },
            unintendedEffects = "Commuting from the Forest to Gloucester and Bristol rose, with its costs to the workers.",
            recommendations = EmploycoRecommendations,
            lessons = new[]
            {
                new
                {
                    statement = Employco.Lesson,
                    evidence = "Two thirds of Employco's workers live in the Forest of Dean: the Cinderford centre advised more of them than the plant gates did, and worklessness rose least in the wards it served.",
                    themes = new[] { Employco.Theme, "skills", "worklessness" },
                },
            },
        }, evaluation.ETag, cancellationToken);
        evaluation = await api.PostAsync(Clerk, $"/api/cycle/evaluations/{evaluation.Id}/completion", new { }, cancellationToken, evaluation.ETag);

        // "The future of 'whatever the industry is'" goes to the next GSP meeting: raised by the CSEB from its evaluation.
        await api.PostAsync(Clerk, $"/api/cycle/issues/{issue.Id}/follow-ups", new
        {
            title = Employco.FollowUpTitle,
            description = "Two other major employers in the county work in a similar business area to Employco. The joint meeting proposed the sector's future for the next GSP meeting.",
            kind = "strategic_review",
            themes = new[] { Employco.Theme, "economic development" },
            areas = new[] { Organisation("gcc") },
            holders = new[] { Body("gsp") },
            evaluationId = evaluation.Id,
        }, cancellationToken);
    }

    private async Task<Answer> ActionAsync(Answer plan, string title, string owner, int dueInDays, CancellationToken cancellationToken) =>
        await api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}/actions",
            new { title, ownerOrganisationId = Organisation(owner), dueOn = Date(dueInDays) }, cancellationToken);

    private Task<Answer> ProgressAsync(Answer action, object progress, CancellationToken cancellationToken) =>
        api.PostAsync(TaskGroupChair, $"/api/cycle/delivery-actions/{action.Id}/progress", progress, cancellationToken, action.ETag);

    private Task<Answer> PlanAsync(Answer plan, CancellationToken cancellationToken) =>
        api.ReadAsAsync(TaskGroupChair, $"/api/cycle/delivery-plans/{plan.Id}", cancellationToken);

    /// <summary>The period of the month <paramref name="monthsFromNow"/> months away, as the indicator names it: <c>2026-11</c>.</summary>
    private string Month(int monthsFromNow) => Today.AddMonths(monthsFromNow).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
