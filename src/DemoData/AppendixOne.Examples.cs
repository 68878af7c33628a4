namespace Concordat.DemoData;

public sealed partial class AppendixOne
{
    /// <summary>Strategy development: the GSP asks every thematic partnership and the LSPs to debate the Stern review; the CSEB pulls the results together.</summary>
    public static class ClimateChange
    {
        public const string Title = "Climate change: what the Stern review means for Gloucestershire";
        public const string Theme = "climate change";
    }

    /// <summary>Strategic response: two LSPs and Gloucestershire First meet jointly; an action plan is approved at a special ABG meeting; a task group oversees it.</summary>
    public static class Employco
    {
        public const string Title = "Employco closes its Gloucester plant";
        public const string Theme = "employment";
        public const string FollowUpTitle = "The future of Gloucestershire's precision engineering sector";
        public const string UrgentSummary = "Immediate support for Employco's workforce: benefits, careers and training advice at the plant and in Cinderford, open before the plant closes.";
        public const string Indicator = "Former Employco workers in work or training";
        public const string Lesson = "Support for a closing employer's workforce reaches more people when it is delivered where they live, not only at the plant gates.";
    }

    /// <summary>Strategic review: raised by the CSEB and referred to the GSP; a programme goes on the ABG's next agenda.</summary>
    public static class CommunityCohesion
    {
        public const string Title = "Developing community cohesion";
        public const string Theme = "community cohesion";
    }

    /// <summary>
    /// Emergent strategy: raised by the County Council; the CYPSP deliberates and asks all LSPs; a working group reports
    /// back, the GSP discusses it as a whole, the ABG approves a countywide policy and the CSEB implements it.
    /// </summary>
    public static class Truancy
    {
        public const string Title = "Unauthorised absences from school are rising";
        public const string Theme = "school attendance";
        public const string PolicyTitle = "Countywide school attendance policy";
        public const string DecisionSummary = "The countywide school attendance policy is approved: first-day follow-up of every unauthorised absence, support for young carers, and a joint attendance group in each district where absence is rising, the CSEB to implement it.";
        public const string Indicator = "Attendance at the county's secondary schools";
    }

    private async Task ClimateChangeAsync(CancellationToken cancellationToken)
    {
        var issue = await RaiseAsync(Clerk, new
        {
            title = ClimateChange.Title,
            description = "Local debate stimulated by the Stern report on climate change highlights the likely threats to Gloucestershire over the next decades. Some issues of biodiversity and sustainability have had attention, but a much broader strategy is needed across the range of environmental issues, and it is on no partnership's immediate agenda.",
            kind = "strategy_development",
            themes = new[] { ClimateChange.Theme, "environment", "sustainability" },
            areas = new[] { Organisation("gcc") },
            raisedByBodyId = Body("gsp"),
            holders = new[] { Body("gsp") },
            dueOn = Date(120),
        }, cancellationToken);

        const string question = "Debate the issue and identify the potential consequences of climate change for your policy or geographical area.";
        var thematic = await ReferAsync(Clerk, issue, new
        {
            selection = new { scope = "thematic", role = "delivery" },
            dueOn = Date(42),
            question,
            synthesisedByBodyId = Body("cseb"),
        }, cancellationToken);
        var lsps = await ReferAsync(Clerk, issue, new
        {
            selection = new { tier = "district", scope = "geographic" },
            dueOn = Date(42),
            question,
            synthesisedByBodyId = Body("cseb"),
        }, cancellationToken);

        // Some responses are in; the CSEB has yet to pull them together.
        await AnswerAsync("environment", thematic,
            "Flood risk on the Severn and its tributaries, and summer water shortages, are the most pressing consequences; biodiversity work so far covers only a fraction of them.",
            realProblem: true, "A county flood-resilience plan, and carbon budgets for the partners' own estates.", cancellationToken);
        await AnswerAsync("cheltenham-lsp", lsps,
            "Town-centre flooding in 2007 showed how exposed Cheltenham is; transport emissions are the largest local source.",
            realProblem: true, "A sustainable transport plan for the town.", cancellationToken);
        await AnswerAsync("stroud-lsp", lsps,
            "The district already runs a carbon reduction programme; the gap is support for rural households and businesses.",
            realProblem: true, null, cancellationToken);
    }

    private async Task EmploycoAsync(CancellationToken cancellationToken)
    {
        var joint = new[] { "forest-of-dean-lsp", "gloucester-lsp", "gloucestershire-first" };
        var issue = await RaiseAsync(ChairOf["forest-of-dean-lsp"], new
        {
            title = Employco.Title,
            description = "Employco is closing its plant in Gloucester. It employs 4,000 people, two thirds of whom live in the Forest of Dean. It is too late to lobby: what is needed is tailored benefits, career and training support for the workforce (some of it in the Forest, to save transport costs) and rapid thinking on how to redevelop a prime site.",
            kind = "strategic_response",
            themes = new[] { Employco.Theme, "economic development", "skills" },
            areas = new[] { Organisation("gloucester"), Organisation("forest-of-dean"), Organisation("gcc") },
            raisedByBodyId = Body("forest-of-dean-lsp"),
            holders = joint.Select(Body).ToArray(),
            dueOn = Date(30),
        }, cancellationToken);

        // The joint meeting of the two LSPs and Gloucestershire First, a fortnight ago, with its minutes.
        var meeting = await ScheduleAsync(ChairOf["gloucestershire-first"], joint, UkTime(-14, 18), "Shire Hall, Gloucester", "special", cancellationToken);
        meeting = await AddItemAsync(ChairOf["gloucestershire-first"], meeting, new
        {
            kind = "issue",
            issueId = issue.Id,
            title = "Employco's closure: a joint strategy",
            papers = new[] { new { title = "The workforce: where they live and what they need", authorOrganisationId = Organisation("lsc"), link = "https://www.example.org/employco/workforce.pdf" } },
        }, cancellationToken);
        meeting = await PublishAgendaAsync(ChairOf["gloucestershire-first"], meeting, cancellationToken);
        meeting = await api.SendAsync(ChairOf["gloucestershire-first"], HttpMethod.Put, $"/api/cycle/meetings/{meeting.Id}/agenda/items/{LastItem(meeting)}/minutes", new
        {
            outcome = "Agreed an action plan: tailored benefits, career and training support (some delivered in the Forest of Dean), and a redevelopment study for the site. To be put to a special meeting of the Accountable Bodies Group.",
            keyMessages = "Too late to lobby. Two other major employers in the county work in a similar business area: the sector's future to go to the next GSP meeting.",
        }, meeting.ETag, cancellationToken);
        await api.PostAsync(ChairOf["gloucestershire-first"], $"/api/cycle/meetings/{meeting.Id}/minutes/publication", new { }, cancellationToken, meeting.ETag);

        // The action plan, with what it asks of each partner, is put to the ABG, which signs it off at a special meeting.
        var plan = await api.PostAsync(ChairOf["gloucestershire-first"], "/api/cycle/proposals", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            proposedByBodyId = Body("gloucestershire-first"),
            kind = "action_plan",
            title = "Employco closure action plan",
            summary = "Tailored benefits, career and training support for the 4,000 workers, some of it delivered in the Forest of Dean, and a study of how to redevelop the site.",
            requestedResources = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 300000m },
                new { organisationId = Organisation("gloucester"), amountGbp = 75000m },
                new { organisationId = Organisation("forest-of-dean"), amountGbp = 75000m },
                new { organisationId = Organisation("lsc"), inKind = "Retraining places for 800 workers" },
            },
        }, cancellationToken);
        issue = await MoveAsync(ChairOf["gloucestershire-first"], issue, "authorisation", [Body("abg")], "The joint meeting agreed an action plan; the ABG signs it off.", cancellationToken);
        var special = await ScheduleAsync(Clerk, ["abg"], UkTime(-3, 10), "Shire Hall, Gloucester", "special", cancellationToken);
        special = await AddItemAsync(Clerk, special, new
        {
            kind = "issue",
            issueId = issue.Id,
            title = "Employco closure: action plan",
            papers = new[] { new { title = "Employco closure action plan", authorOrganisationId = Organisation("gcc"), link = "https://www.example.org/employco/action-plan.pdf" } },
        }, cancellationToken);
        special = await PublishAgendaAsync(Clerk, special, cancellationToken);
        var decision = await api.PostAsync(Clerk, "/api/cycle/decisions", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            outcome = "approved_with_amendments",
            summary = "The Employco closure action plan is approved, with support for the workforce delivered partly in the Forest of Dean.",
            conditions = "The task group reports progress to the CSEB monthly.",
            allocations = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 250000m },
                new { organisationId = Organisation("gloucester"), amountGbp = 75000m },
                new { organisationId = Organisation("forest-of-dean"), amountGbp = 50000m },
                new { organisationId = Organisation("lsc"), inKind = "Retraining places for 600 workers" },
            },
            meetingId = special.Id,
            proposalId = plan.Id,
        }, cancellationToken);
        await api.PostAsync(Clerk, $"/api/cycle/decisions/{decision.Id}/publication", new { }, cancellationToken, decision.ETag);

        // The task group led by Gloucestershire First, set up to oversee the plan once the decision is in effect.
        await api.PostAsync(Clerk, $"/api/cycle/issues/{issue.Id}/task-groups", new
        {
            bodyId = Body("employco-task-group"),
            purpose = "Oversee the action plan, led by Gloucestershire First with the Gloucester and Forest of Dean LSPs.",
        }, cancellationToken);

        await EmploycoImplementedAsync(issue, cancellationToken);
    }

    private async Task CommunityCohesionAsync(CancellationToken cancellationToken)
    {
        var issue = await RaiseAsync(Clerk, new
        {
            title = CommunityCohesion.Title,
            description = "County, districts, thematic partnerships and LSPs share a pre-occupation with community cohesion, but approaches and experience vary across the county. Bring the approaches together, pinpoint neglected areas and good practice, and appraise models from other local authorities.",
            kind = "strategic_review",
            themes = new[] { CommunityCohesion.Theme, "safer and stronger communities" },
            areas = new[] { Organisation("gcc") },
            raisedByBodyId = Body("cseb"),
            holders = new[] { Body("gsp") },
        }, cancellationToken);

        // The GSP's deliberation is done: a programme is put to the ABG for its next ordinary meeting (so it is on the
        // forward plan and the ABG's draft agenda), with a continuing role for the LSPs.
        var next = await ScheduleAsync(Clerk, ["abg"], UkTime(21, 14), "Shire Hall, Gloucester", "ordinary", cancellationToken);
        await api.PostAsync(Clerk, "/api/cycle/proposals", new
        {
            issueId = issue.Id,
            bodyId = Body("abg"),
            proposedByBodyId = Body("gsp"),
            kind = "programme",
            title = "Community cohesion programme",
            summary = "Reinforce the neglected areas the review found, adopt the good practice it highlighted across the county, and ask each LSP to keep the position in its area under review.",
            requestedResources = new object[]
            {
                new { organisationId = Organisation("gcc"), amountGbp = 120000m },
                new { organisationId = Organisation("constabulary"), inKind = "Neighbourhood policing teams' time for the local reviews" },
            },
            meetingId = next.Id,
        }, cancellationToken);
        issue = await MoveAsync(Clerk, issue, "authorisation", [Body("abg")],
            "The GSP's review found neglected areas and good practice to adopt; a programme is put to the ABG, with a continuing role for the LSPs.", cancellationToken);
    }

    private async Task TruancyAsync(CancellationToken cancellationToken)
    {
        var issue = await RaiseAsync(ChairOf["cypsp"], new
        {
            title = Truancy.Title,
            description = "The County Council has become aware that truancy is increasing across the county, and particularly quickly in a few schools in Cheltenham and the Forest of Dean. The CYPSP's initial discussion of the county's and the schools' figures found alienated young people, children with care responsibilities and, in one case, serious problems with the school.",
            kind = "emergent_strategy",
            themes = new[] { Truancy.Theme, "children and young people" },
            areas = new[] { Organisation("cheltenham"), Organisation("forest-of-dean"), Organisation("gcc") },
            raisedByOrganisationId = Organisation("gcc"),
            holders = new[] { Body("cypsp") },
            dueOn = Date(90),
        }, cancellationToken);

        var lsps = await ReferAsync(ChairOf["cypsp"], issue, new
        {
            selection = new { tier = "district", scope = "geographic" },
            dueOn = Date(28),
            question = "How far is unauthorised absence a problem in your area, and what might solve it?",
            synthesisedByBodyId = Body("cypsp"),
        }, cancellationToken);

        // Three LSPs confirm the problem and set up joint groups with the schools; one finds attendance improving.
        await AnswerAsync("cheltenham-lsp", lsps, "Absence has doubled in two secondary schools in the last year.", realProblem: true,
            "A joint group with the two schools and the neighbourhood community safety partnership.", cancellationToken);
        await AnswerAsync("forest-of-dean-lsp", lsps, "Young carers account for much of the rise in three schools.", realProblem: true,
            "A joint group with the schools and young carers' services.", cancellationToken);
        await AnswerAsync("gloucester-lsp", lsps, "One school has serious problems; the rest are near the county average.", realProblem: true,
            "A joint group with the school, led by its new head.", cancellationToken);
        await AnswerAsync("cotswold-lsp", lsps, "Attendance is improving fast thanks to the schools' own work with local services.", realProblem: false,
            "Share the schools' practice across the county.", cancellationToken);

        await TruancyImplementedAsync(issue, lsps, cancellationToken);
    }
}
