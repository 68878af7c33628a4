namespace Concordat.DemoData;

/// <summary>
/// Issue 15: the truancy example carried on from the LSPs' answers into implementation, as the prospectus goes on: an ad
/// hoc working group of the CYPSP and the Safer and Stronger Communities Partnership with the three LSPs reports back,
/// the GSP discusses it as a whole, and a new countywide policy is approved by the ABG and implemented by the CSEB.
/// </summary>
public sealed partial class AppendixOne
{
    /// <summary>The LSPs that call truancy a real problem in their area, with their district councils.</summary>
    private static readonly (string Lsp, string District)[] TruancyDistricts =
        [("cheltenham-lsp", "cheltenham"), ("forest-of-dean-lsp", "forest-of-dean"), ("gloucester-lsp", "gloucester")];

    /// <summary>
    /// The working group (the CYPSP, Safer and Stronger and the three LSPs) meets jointly and its report is the CYPSP's
    /// synthesis of the LSPs' answers. No move hands deliberation from one body to another (the stage rules allow only
    /// forward moves), so the CYPSP, still holding the issue, refers it to the GSP, which discusses it as a whole at its
    /// meeting and answers. The CYPSP puts the countywide policy to the ABG; the ABG's clerk records its approval as an
    /// urgent decision (taken between meetings so the policy is in place for the new term), which takes effect at once,
    /// as a decision in its call-in window would not in the demo. The issue moves to implementation held by the CSEB,
    /// whose clerk starts the delivery plan: actions owned by the County Council's education service and the three
    /// districts (each with its LSP), and an attendance indicator with its baseline, targets and two months' actuals.
    /// </summary>
    private async Task TruancyImplementedAsync(Answer issue, Answer lsps, CancellationToken cancellationToken)
    {
        var cypsp = ChairOf["cypsp"];
        string[] group = ["cypsp", "safer-stronger", .. TruancyDistricts.Select(d => d.Lsp)];
        var working = await ScheduleAsync(cypsp, group, UkTime(-21, 14), "Shire Hall, Gloucester", "special", cancellationToken);
        working = await AddItemAsync(cypsp, working, new
        {
            kind = "issue",
            issueId = issue.Id,
            title = "Truancy: the ad hoc working group's report",
            papers = new[] { new { title = "Unauthorised absence by school and district", authorOrganisationId = Organisation("gcc"), link = "https://www.example.org/truancy/absence-figures.pdf" } },
        }, cancellationToken);
        working = await PublishAgendaAsync(cypsp, working, cancellationToken);
        working = await api.SendAsync(cypsp, HttpMethod.Put, $"/api/cycle/meetings/{working.Id}/agenda/items/{LastItem(working)}/minutes", new
        {
            outcome = "The working group found the same causes in all three districts, met differently in each: alienated young people, young carers, and one school in difficulty. It recommends one countywide policy, with local joint groups to apply it.",
            keyMessages = "Cotswold's schools show what works: first-day follow-up and early help from local services.",
        }, working.ETag, cancellationToken);
        await api.PostAsync(cypsp, $"/api/cycle/meetings/{working.Id}/minutes/publication", new { }, cancellationToken, working.ETag);
        await api.PostAsync(cypsp, $"/api/cycle/referrals/{lsps.Id}/synthesis", new
        {
            summary = "Three LSPs find absence rising for different local reasons; Cotswold's schools have turned it round. The working group of the CYPSP, Safer and Stronger and the three LSPs recommends a countywide attendance policy applied by a joint group in each district.",
        }, cancellationToken);

        // The working group reports back to the GSP, which discusses it as a whole.
        var gsp = await ReferAsync(cypsp, issue, new
        {
            bodyIds = new[] { Body("gsp") },
            dueOn = Date(14),
            question = "The working group recommends a countywide attendance policy: does the partnership as a whole support it?",
        }, cancellationToken);
        var discussion = await ScheduleAsync(Clerk, ["gsp"], UkTime(-7, 10), "Shire Hall, Gloucester", "ordinary", cancellationToken);
        discussion = await AddItemAsync(Clerk, discussion, new { kind = "issue", issueId = issue.Id, title = "Truancy: the working group's report" }, cancellationToken);
        discussion = await PublishAgendaAsync(Clerk, discussion, cancellationToken);
        discussion = await api.SendAsync(Clerk, HttpMethod.Put, $"/api/cycle/meetings/{discussion.Id}/agenda/items/{LastItem(discussion)}/minutes", new
        {
            outcome = "The partnership supports a countywide attendance policy, for the ABG's approval and the CSEB's implementation.",
        }, discussion.ETag, cancellationToken);
        await api.PostAsync(Clerk, $"/api/cycle/meetings/{discussion.Id}/minutes/publication", new { }, cancellationToken, discussion.ETag);
        await api.PostAsync(Clerk, $"/api/cycle/referrals/{gsp.Id}/responses", new
        {
            bodyId = Body("gsp"),
            findings = "The partnership as a whole supports the working group's recommendation: one policy for the county, applied locally.",
            realProblemInArea = true,
            proposes = "A countywide attendance policy for the ABG to approve and the CSEB to implement.",
        }, cancellationToken);

        var policy = await api.PostAsync(cypsp, "/api/cycle/proposals", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            proposedByBodyId = Body("cypsp"),
            kind = "policy",
            title = Truancy.PolicyTitle,
            summary = "Every unauthorised absence followed up on its first day; support for young carers in school; a joint attendance group of schools and local services in each district where absence is rising.",
            requestedResources = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 90000m },
                new { organisationId = Organisation("constabulary"), inKind = "Neighbourhood officers for truancy sweeps" },
            },
        }, cancellationToken);
        issue = await api.ReadAsAsync(cypsp, $"/api/cycle/issues/{issue.Id}", cancellationToken);
        issue = await MoveAsync(cypsp, issue, "authorisation", [Body("abg")],
            "The working group reported back and the GSP supports a countywide policy; the ABG approves it.", cancellationToken);

        var decision = await api.PostAsync(Clerk, "/api/cycle/decisions", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            outcome = "approved",
            summary = Truancy.DecisionSummary,
            allocations = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 80000m },
                new { organisationId = Organisation("constabulary"), inKind = "Neighbourhood officers for truancy sweeps" },
            },
            proposalId = policy.Id,
            urgent = true,
            urgencyReason = "The ABG agreed the policy by written procedure between meetings, so that it is in place for the start of term.",
        }, cancellationToken);
        await api.PostAsync(Clerk, $"/api/cycle/decisions/{decision.Id}/publication", new { }, cancellationToken, decision.ETag);

        issue = await api.ReadAsAsync(Clerk, $"/api/cycle/issues/{issue.Id}", cancellationToken);
        issue = await MoveAsync(Clerk, issue, "implementation", [Body("cseb")],
            "The countywide attendance policy is approved; the CSEB implements it with the partners.", cancellationToken);

        Guid[] organisations = [Organisation("gcc"), Organisation("constabulary"), .. TruancyDistricts.Select(d => Organisation(d.District))];
        Guid[] bodies = [Body("cypsp"), Body("safer-stronger"), .. TruancyDistricts.Select(d => Body(d.Lsp))];
        var plan = await api.PostAsync(Clerk, "/api/cycle/delivery-plans", new
        {
            decisionId = decision.Id,
            leadBodyId = Body("cseb"),
            contributingOrganisationIds = organisations,
            contributingBodyIds = bodies,
        }, cancellationToken);

        var firstDay = await CsebActionAsync(plan, "Education welfare officers follow up every unauthorised absence on its first day", "gcc", null, -14, cancellationToken);
        var cheltenham = await CsebActionAsync(plan, "A joint attendance group with Cheltenham's two secondary schools and the community safety partnership", "cheltenham", "cheltenham-lsp", 30, cancellationToken);
        var carers = await CsebActionAsync(plan, "Young carers' support workers in the Forest of Dean's three schools", "forest-of-dean", "forest-of-dean-lsp", 45, cancellationToken);
        var recovery = await CsebActionAsync(plan, "An attendance recovery plan with the Gloucester school's new head", "gloucester", "gloucester-lsp", 60, cancellationToken);
        await CsebProgressAsync(firstDay, new { note = "Every secondary school calls home on the first morning of an unexplained absence.", percentComplete = 100, status = "done" }, cancellationToken);
        await CsebProgressAsync(cheltenham, new { note = "The group has met twice; both schools share their registers weekly.", percentComplete = 50, status = "on_track", rag = "green", ragReason = "Meeting as planned." }, cancellationToken);
        await CsebProgressAsync(carers, new { note = "Two of the three schools have a support worker.", percentComplete = 60, status = "on_track", rag = "green", ragReason = "The third post is advertised." }, cancellationToken);
        await CsebProgressAsync(recovery, new
        {
            note = "The new head starts next month; the plan waits for her.", percentComplete = 10, status = "at_risk",
            rag = "amber", ragReason = "The recovery plan cannot start before the new head does.",
        }, cancellationToken);

        plan = await api.ReadAsAsync(Clerk, $"/api/cycle/delivery-plans/{plan.Id}", cancellationToken);
        var months = Enumerable.Range(-2, 4).Select(Month).ToArray();
        plan = await api.PostAsync(Clerk, $"/api/cycle/delivery-plans/{plan.Id}/indicators", new
        {
            name = Truancy.Indicator,
            unit = "%",
            better = "higher",
            ownerOrganisationId = Organisation("gcc"),
            baseline = 91.6m,
            baselineOn = Date(-90),
            targets = months.Select((period, i) => new { period, value = 91.8m + (0.3m * i) }).ToArray(),
        }, cancellationToken, plan.ETag);
        var indicator = plan.Body.GetProperty("indicators").EnumerateArray().Last().GetProperty("id").GetGuid();
        plan = await api.PostAsync(Clerk, $"/api/cycle/delivery-plans/{plan.Id}/indicators/{indicator}/actuals",
            new { period = months[0], value = 91.9m, note = "From the schools' registers, as the education service collects them." }, cancellationToken, plan.ETag);
        await api.PostAsync(Clerk, $"/api/cycle/delivery-plans/{plan.Id}/indicators/{indicator}/actuals",
            new { period = months[1], value = 92.2m, note = "First-day follow-up in every school from this month." }, cancellationToken, plan.ETag);
    }

    private async Task<Answer> CsebActionAsync(Answer plan, string title, string owner, string? owningBody, int dueInDays, CancellationToken cancellationToken) =>
        await api.PostAsync(Clerk, $"/api/cycle/delivery-plans/{plan.Id}/actions", new
        {
            title,
            ownerOrganisationId = Organisation(owner),
            ownerBodyId = owningBody is null ? (Guid?)null : Body(owningBody),
            dueOn = Date(dueInDays),
        }, cancellationToken);

    private Task<Answer> CsebProgressAsync(Answer action, object progress, CancellationToken cancellationToken) =>
        api.PostAsync(Clerk, $"/api/cycle/delivery-actions/{action.Id}/progress", progress, cancellationToken, action.ETag);
}
