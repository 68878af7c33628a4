using System.ComponentModel.DataAnnotations;
using Concordat.Scrutiny.Clocks;
using Concordat.Scrutiny.Committees;
using Concordat.Scrutiny.Data;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Scrutiny.Reports;

public static class ReportsApi
{
    /// <summary>
    /// Token roles that may reach an addressee's endpoints: a partner (for its organisation), or the clerk or chair of a
    /// partnership body (for their body). The recommendation then admits its own addressee only: 404 to anyone else.
    /// </summary>
    public static readonly string[] Addressee = [ConcordatRoles.Partner, ConcordatRoles.Clerk, ConcordatRoles.Chair];

    /// <summary>Maps a committee's reports, publication, the public reports and recommendations (open data, modified_since), and the addressee's response and progress.</summary>
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var committee = app.MapGroup("/api/scrutiny/committees/{id:guid}/reports").WithTags("Reports");
        committee.MapPost("/", DraftReport).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee).WithName(nameof(DraftReport))
            .WithSummary("The committee drafts a report: findings and recommendations, each addressed to a registry organisation or a registry body; private until published.")
            .ProducesProblem(404);
        committee.MapGet("/", ListCommitteeReports).Public().WithName(nameof(ListCommitteeReports))
            .WithSummary("The committee's reports: published ones to everyone, drafts too to the committee; modified_since for sync.")
            .ProducesProblem(404);

        var reports = app.MapGroup("/api/scrutiny/reports").WithTags("Reports");
        reports.MapGet("/", ListReports).Public().WithName(nameof(ListReports))
            .WithSummary("Open data: every published report with its recommendations and their responses, oldest first; modified_since for sync, with tombstones.");
        reports.MapGet("/{id:guid}", GetReport).Public().WithName(nameof(GetReport))
            .WithSummary("One report with its recommendations and their responses, with its version as the ETag: public once published, a draft only to its committee.")
            .ProducesProblem(404);
        reports.MapPost("/{id:guid}/publication", PublishReport).RequireBodyRole(CommitteeOfReport, ScrutinyAccess.ActForCommittee).WithName(nameof(PublishReport))
            .WithSummary("Publishes a draft report under If-Match, once: it becomes public and each recommendation's response falls due by the regime (2 calendar months by default); announces ReportPublished.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        reports.MapDelete("/{id:guid}", RemoveReport).RequireBodyRole(CommitteeOfReport, ScrutinyAccess.ActForCommittee).WithName(nameof(RemoveReport))
            .WithSummary("Throws a draft away under If-Match (a published report is the public record and stays).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);

        var recommendations = app.MapGroup("/api/scrutiny/recommendations").WithTags("Recommendations");
        recommendations.MapGet("/", ListRecommendations).Public().WithName(nameof(ListRecommendations))
            .WithSummary("Open data: published recommendations and their responses, oldest first; by addressee organisation or body, or status; modified_since for sync.");
        recommendations.MapGet("/overdue", ListOverdueResponses).Public().WithName(nameof(ListOverdueResponses))
            .WithSummary("Published recommendations whose response is past its due date (UK days), longest overdue first.");
        recommendations.MapGet("/{id:guid}", GetRecommendation).Public().WithName(nameof(GetRecommendation))
            .WithSummary("One published recommendation and its response, with its version as the ETag.")
            .ProducesProblem(404);
        recommendations.MapPost("/{id:guid}/response", RespondToRecommendation).RequireRoles(Addressee).WithName(nameof(RespondToRecommendation))
            .WithSummary("The addressee responds, once, under If-Match: accepted or partly_accepted with an action plan, or rejected, with reasons; 404 to anyone else; announces RecommendationResponded.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        recommendations.MapPost("/{id:guid}/progress", ReportRecommendationProgress).RequireRoles(Addressee).WithName(nameof(ReportRecommendationProgress))
            .WithSummary("The addressee reports progress on an accepted recommendation under If-Match; completed=true ends it and announces RecommendationCompleted.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    /// <summary>The committee whose report <c>/reports/{id}</c> is.</summary>
    public static readonly BodyResolver CommitteeOfReport = BodyFrom.Lookup<ScrutinyDbContext>("id", async (db, id, cancellationToken) =>
        await db.Reports.Where(r => r.Id == id).Select(r => (Guid?)r.CommitteeBodyId).SingleOrDefaultAsync(cancellationToken));

    public static async Task<Results<Created<ReportResponse>, NotFound, ValidationProblem>> DraftReport(
        Guid id, ReportRequest request, ScrutinyDbContext db, IOptions<ScrutinyRegimeOptions> regimes, TimeProvider time, HttpContext context,
        CancellationToken cancellationToken)
    {
        var regime = regimes.Value.Find(request.Regime);
        var bodies = (request.Recommendations ?? []).Select(r => r?.AddresseeBodyId).OfType<Guid>().Distinct().ToList();
        var knownBodies = await db.Bodies.AsNoTracking().Where(b => bodies.Contains(b.Id) && b.Name != "").Select(b => b.Id).ToListAsync(cancellationToken);
        if (request.Invalid(regime is not null, knownBodies) is { } invalid)
        {
            return invalid;
        }

        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var (report, recommendations) = Report.Draft(id, request.Title!, request.Findings!, request.Url, regime!.Value.Name,
            [.. request.Recommendations!.Select(r => new RecommendationDraft(r!.Text!, r.AddresseeOrganisationId, r.AddresseeBodyId))], by, time.GetUtcNow());
        db.Reports.Add(report);
        db.Recommendations.AddRange(recommendations);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, report);
        return TypedResults.Created($"/api/scrutiny/reports/{report.Id}", ReportResponse.From(report, recommendations, StatutoryCalendar.UkToday(time)));
    }

    public static async Task<Results<Ok<Page<ReportResponse>>, NotFound, ValidationProblem>> ListCommitteeReports(
        Guid id, [AsParameters] ListQuery query, ScrutinyDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var reports = db.Reports.Where(r => r.CommitteeBodyId == id);
        if (!await WorkProgrammeApi.ActsForAsync(context.User, id, roles, cancellationToken))
        {
            reports = reports.Where(r => r.Status == ReportStatus.Published);
        }

        var page = await PageOfReportsAsync(reports, query, db, time, cancellationToken);
        return page.Result is Ok<Page<ReportResponse>> ok ? ok : (ValidationProblem)page.Result;
    }

    public static Task<Results<Ok<Page<ReportResponse>>, ValidationProblem>> ListReports(
        [AsParameters] ListQuery query, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        PageOfReportsAsync(db.Reports.Where(r => r.Status == ReportStatus.Published), query, db, time, cancellationToken);

    public static async Task<Results<Ok<ReportResponse>, NotFound>> GetReport(
        Guid id, ScrutinyDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RemovedAt == null, cancellationToken);
        if (report is null || report.IsDraft && !await WorkProgrammeApi.ActsForAsync(context.User, report.CommitteeBodyId, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var recommendations = await RecommendationsOf(db, [report.Id]).ToListAsync(cancellationToken);
        Versioning.Tag(context, report);
        return TypedResults.Ok(ReportResponse.From(report, recommendations, StatutoryCalendar.UkToday(time)));
    }

    public static async Task<Results<Ok<ReportResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PublishReport(
        Guid id, ScrutinyDbContext db, IOptions<ScrutinyRegimeOptions> regimes, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        List<Recommendation> recommendations = [];
        var published = await RecordResults.ChangeAsync<Report, Report>(db, id, context, async report =>
        {
            recommendations = await db.Recommendations.Where(r => r.ReportId == report.Id && r.RemovedAt == null).OrderBy(r => r.Number).ToListAsync(cancellationToken);
            // A regime removed from configuration since the draft was written: the default's clocks, rather than no publication.
            var regime = regimes.Value.Find(report.Regime) ?? regimes.Value.Find(null)!.Value;
            return report.Publish(recommendations, regime.Regime, by, now)?.ToProblem();
        }, report => report, cancellationToken);
        return published.Result switch
        {
            Ok<Report> ok => TypedResults.Ok(ReportResponse.From(ok.Value!, recommendations, StatutoryClocks.UkDay(now))),
            NotFound notFound => notFound,
            ValidationProblem invalid => invalid,
            _ => (ProblemHttpResult)published.Result,
        };
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> RemoveReport(
        Guid id, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        await RecordResults.RemoveAsync<Report>(db, id, context, time, async report =>
        {
            if (report.MayRemove() is { } violation)
            {
                return violation.ToProblem();
            }

            foreach (var recommendation in await db.Recommendations.Where(r => r.ReportId == report.Id && r.RemovedAt == null).ToListAsync(cancellationToken))
            {
                recommendation.Remove(time.GetUtcNow());
            }

            return null;
        }, cancellationToken);

    public static async Task<Results<Ok<Page<RecommendationResponse>>, ValidationProblem>> ListRecommendations(
        [AsParameters] ListQuery query, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken,
        [FromQuery] Guid? organisation = null, [FromQuery] Guid? body = null, [FromQuery] Guid? committee = null)
    {
        var recommendations = db.Recommendations.Where(r => r.Published);
        if (organisation is { } o)
        {
            recommendations = recommendations.Where(r => r.AddresseeOrganisationId == o);
        }

        if (body is { } b)
        {
            recommendations = recommendations.Where(r => r.AddresseeBodyId == b);
        }

        if (committee is { } c)
        {
            recommendations = recommendations.Where(r => r.CommitteeBodyId == c);
        }

        var today = StatutoryCalendar.UkToday(time);
        return await Paging.PageAsync(recommendations, query, r => RecommendationResponse.From(r, today), cancellationToken);
    }

    public static async Task<Ok<List<RecommendationResponse>>> ListOverdueResponses(
        ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken, [FromQuery] Guid? committee = null)
    {
        var today = StatutoryCalendar.UkToday(time);
        var overdue = db.Recommendations.AsNoTracking().Where(r => r.Published && r.RespondedAt == null && r.RemovedAt == null && r.ResponseDueOn < today);
        if (committee is { } c)
        {
            overdue = overdue.Where(r => r.CommitteeBodyId == c);
        }

        var rows = await overdue.OrderBy(r => r.ResponseDueOn).ThenBy(r => r.Id).Take(ListQuery.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => RecommendationResponse.From(r, today)).ToList());
    }

    public static async Task<Results<Ok<RecommendationResponse>, NotFound>> GetRecommendation(
        Guid id, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        return await RecordResults.GetAsync(db.Recommendations.Where(r => r.Published), id, context, r => RecommendationResponse.From(r, today), cancellationToken);
    }

    public static async Task<Results<Ok<RecommendationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RespondToRecommendation(
        Guid id, RecommendationResponseRequest request, ScrutinyDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await IsAddresseeAsync(db, id, context, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var actions = (request.Actions ?? []).Select(a => new PlannedAction { Action = a!.Action!, TargetOn = a.TargetOn!.Value }).ToList();
        return await RecordResults.ChangeAsync<Recommendation, RecommendationResponse>(db, id, context,
            r => Task.FromResult<Refusal?>(r.Respond(request.Outcome!.Value, request.Reasons!, actions, by, now)?.ToProblem()),
            r => RecommendationResponse.From(r, StatutoryClocks.UkDay(now)), cancellationToken);
    }

    public static async Task<Results<Ok<RecommendationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReportRecommendationProgress(
        Guid id, ProgressRequest request, ScrutinyDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await IsAddresseeAsync(db, id, context, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (request.Note is not { } note || string.IsNullOrWhiteSpace(note))
        {
            return ScrutinyProblems.Invalid("note", "Say what progress has been made.");
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<Recommendation, RecommendationResponse>(db, id, context,
            r => Task.FromResult<Refusal?>(r.ReportProgress(note, request.Completed ?? false, by, now)?.ToProblem()),
            r => RecommendationResponse.From(r, StatutoryClocks.UkDay(now)), cancellationToken);
    }

    /// <summary>
    /// Whether the caller may answer for the published recommendation's addressee: the partner of the organisation it is
    /// addressed to, the clerk or chair today of the body it is addressed to, or an administrator. Checked before
    /// anything else (If-Match, the payload), so another caller learns nothing, not even that it exists.
    /// </summary>
    private static async Task<bool> IsAddresseeAsync(ScrutinyDbContext db, Guid id, HttpContext context, IBodyRoles roles, CancellationToken cancellationToken)
    {
        var addressee = await db.Recommendations.AsNoTracking().Where(r => r.Id == id && r.Published && r.RemovedAt == null)
            .Select(r => new { r.AddresseeOrganisationId, r.AddresseeBodyId }).SingleOrDefaultAsync(cancellationToken);
        if (addressee is null)
        {
            return false;
        }

        var user = context.User;
        if (user.IsInRole(ConcordatRoles.PlatformAdmin) || addressee.AddresseeOrganisationId is { } organisation && ScrutinyPartners.Is(user, organisation))
        {
            return true;
        }

        if (addressee.AddresseeBodyId is not { } body || user.FindFirst(ConcordatClaims.Subject)?.Value is not { Length: > 0 } subject)
        {
            return false;
        }

        var held = await roles.HeldAsync(subject, body, cancellationToken);
        return (held.Contains(ConcordatRoles.Clerk) && user.IsInRole(ConcordatRoles.Clerk)) || (held.Contains(ConcordatRoles.Chair) && user.IsInRole(ConcordatRoles.Chair));
    }

    /// <summary>A page of reports, each with its live recommendations (one query for the page's recommendations).</summary>
    private static async Task<Results<Ok<Page<ReportResponse>>, ValidationProblem>> PageOfReportsAsync(
        IQueryable<Report> reports, ListQuery query, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = await Paging.PageAsync(reports, query, r => r, cancellationToken);
        if (page.Result is not Ok<Page<Report>> { Value: { } found })
        {
            return (ValidationProblem)page.Result;
        }

        var ids = found.Items.Select(r => r.Id).ToList();
        var recommendations = (await RecommendationsOf(db, ids).ToListAsync(cancellationToken)).ToLookup(r => r.ReportId);
        var today = StatutoryCalendar.UkToday(time);
        return TypedResults.Ok(new Page<ReportResponse>([.. found.Items.Select(r => ReportResponse.From(r, [.. recommendations[r.Id]], today))], found.Tombstones, found.Next));
    }

    private static IQueryable<Recommendation> RecommendationsOf(ScrutinyDbContext db, List<Guid> reports) =>
        db.Recommendations.AsNoTracking().Where(r => reports.Contains(r.ReportId) && r.RemovedAt == null).OrderBy(r => r.ReportId).ThenBy(r => r.Number);
}

/// <summary>A recommendation to draft: its text and its addressee, either a registry organisation or a registry body.</summary>
public sealed record RecommendationRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Recommendation.TextMaxLength), MultiLine] string? Text,
    Guid? AddresseeOrganisationId,
    Guid? AddresseeBodyId);

/// <summary>A report to draft: title, findings, optionally where the full document is, its recommendations and the regime (the default unless named).</summary>
public sealed record ReportRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Report.TitleMaxLength)] string? Title,
    [property: Required(AllowEmptyStrings = false), StringLength(Report.FindingsMaxLength), MultiLine] string? Findings,
    Uri? Url,
    IReadOnlyList<RecommendationRequest?>? Recommendations,
    [property: StringLength(100)] string? Regime)
{
    /// <summary>A 400 naming each field as the JSON names it; null when the request is sound.</summary>
    public ValidationProblem? Invalid(bool regimeKnown, IReadOnlyCollection<Guid> knownBodies)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the report a title."];
        }

        if (string.IsNullOrWhiteSpace(Findings))
        {
            errors["findings"] = ["Give the report's findings."];
        }

        if (Url is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http") || url.OriginalString.Length > 500))
        {
            errors["url"] = ["An absolute http(s) address of at most 500 characters."];
        }

        if (!regimeKnown)
        {
            errors["regime"] = ["No such regime is configured (Scrutiny:Regimes)."];
        }

        var recommendations = Recommendations ?? [];
        if (recommendations.Count is 0 or > Report.MaxRecommendations)
        {
            errors["recommendations"] = [$"A report makes 1 to {Report.MaxRecommendations} recommendations."];
        }

        for (var i = 0; i < recommendations.Count; i++)
        {
            var field = $"recommendations[{i}]";
            if (recommendations[i] is not { } r)
            {
                errors[field] = ["A recommendation, not null."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(r.Text))
            {
                errors[field + ".text"] = ["Say what is recommended."];
            }

            if ((r.AddresseeOrganisationId is null) == (r.AddresseeBodyId is null) || r.AddresseeOrganisationId == Guid.Empty || r.AddresseeBodyId == Guid.Empty)
            {
                errors[field + ".addresseeOrganisationId"] = ["Address it to one partner authority (addresseeOrganisationId) or one partnership body (addresseeBodyId)."];
            }
            else if (r.AddresseeBodyId is { } body && !knownBodies.Contains(body))
            {
                errors[field + ".addresseeBodyId"] = ["Scrutiny knows no registry body with that id."];
            }
        }

        return errors.Count == 0 ? null : ScrutinyProblems.Invalid(errors);
    }
}

/// <summary>One action of an action plan and the day it should be done by.</summary>
public sealed record ActionRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Recommendation.ActionMaxLength), MultiLine] string? Action,
    [property: Required] DateOnly? TargetOn);

/// <summary>The addressee's response: the outcome, reasons, and an action plan unless rejected.</summary>
public sealed record RecommendationResponseRequest(
    [property: Required] ResponseOutcome? Outcome,
    [property: Required(AllowEmptyStrings = false), StringLength(Recommendation.ReasonsMaxLength), MultiLine] string? Reasons,
    IReadOnlyList<ActionRequest?>? Actions)
{
    /// <summary>A 400 naming each field as the JSON names it; null when the response is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Reasons))
        {
            errors["reasons"] = ["Give the reasons for the response; they are published."];
        }

        var actions = Actions ?? [];
        if (Outcome is ResponseOutcome.Accepted or ResponseOutcome.PartlyAccepted && actions.Count == 0)
        {
            errors["actions"] = ["An accepted or partly accepted recommendation comes with an action plan: at least one action and its target date."];
        }
        else if (Outcome == ResponseOutcome.Rejected && actions.Count > 0)
        {
            errors["actions"] = ["A rejection has no action plan."];
        }
        else if (actions.Count > Recommendation.MaxActions)
        {
            errors["actions"] = [$"At most {Recommendation.MaxActions} actions."];
        }

        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] is not { } a)
            {
                errors[$"actions[{i}]"] = ["An action, not null."];
            }
            else if (string.IsNullOrWhiteSpace(a.Action))
            {
                errors[$"actions[{i}].action"] = ["Say what will be done."];
            }
        }

        return errors.Count == 0 ? null : ScrutinyProblems.Invalid(errors);
    }
}

/// <summary>Progress on an accepted recommendation; <c>completed</c> ends it.</summary>
public sealed record ProgressRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Recommendation.ReasonsMaxLength), MultiLine] string? Note,
    bool? Completed);

/// <summary>An addressee's response to a recommendation, as published.</summary>
/// <param name="Outcome">Accepted, partly accepted or rejected.</param>
/// <param name="Reasons">The addressee's reasons.</param>
/// <param name="Actions">The action plan of an accepted or partly accepted recommendation.</param>
/// <param name="RespondedAt">When it was given.</param>
/// <param name="RespondedBy">Who gave it.</param>
/// <param name="Late">Whether it came after the recommendation's <c>responseDueOn</c>, by the UK day of <c>respondedAt</c>.</param>
/// <param name="DaysLate">Whole UK days after <c>responseDueOn</c> it came, 0 when in time.</param>
public sealed record ResponseView(ResponseOutcome Outcome, string Reasons, IReadOnlyList<PlannedActionView> Actions, DateTimeOffset RespondedAt, string RespondedBy, bool Late, int DaysLate);

/// <summary>An action of an action plan.</summary>
public sealed record PlannedActionView(string Action, DateOnly TargetOn);

/// <summary>A progress update.</summary>
public sealed record ProgressView(DateTimeOffset At, string Note, string By);

/// <summary>
/// A recommendation and, once given, its response. Status: <c>draft</c>, <c>awaiting_response</c>, <c>responded</c>
/// (accepted ones then tracked), <c>completed</c>; its response clock as the service reads it today (UK days), so a
/// client words the clock and never counts days itself.
/// </summary>
/// <param name="Id">The recommendation's id.</param>
/// <param name="ReportId">The report that makes it.</param>
/// <param name="CommitteeBodyId">The committee whose report it is.</param>
/// <param name="Number">Its number in the report, from 1.</param>
/// <param name="Text">What the committee recommends.</param>
/// <param name="AddresseeOrganisationId">The partner authority addressed, or null when a body is.</param>
/// <param name="AddresseeBodyId">The partnership body addressed, or null when an organisation is.</param>
/// <param name="Status"><c>draft</c>, <c>awaiting_response</c>, <c>responded</c> or <c>completed</c>.</param>
/// <param name="ResponseDueOn">The last UK day a response is in time; null while a draft.</param>
/// <param name="DaysLeft">While awaiting and not past <c>responseDueOn</c>: whole UK days until it is due, 0 on the due day; null once overdue, responded or a draft.</param>
/// <param name="Overdue">Awaiting a response after the UK day it was due.</param>
/// <param name="DaysOverdue">Whole UK days past <c>responseDueOn</c> while overdue; 0 otherwise.</param>
/// <param name="Response">The response once given, with whether and by how many days it was late.</param>
/// <param name="Progress">The addressee's progress updates on an accepted recommendation, oldest first.</param>
/// <param name="CompletedAt">When the addressee declared it completed.</param>
/// <param name="CompletedBy">Who declared it completed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record RecommendationResponse(
    Guid Id, Guid ReportId, Guid CommitteeBodyId, int Number, string Text, Guid? AddresseeOrganisationId, Guid? AddresseeBodyId, string Status,
    DateOnly? ResponseDueOn, int? DaysLeft, bool Overdue, int DaysOverdue, ResponseView? Response, IReadOnlyList<ProgressView> Progress, DateTimeOffset? CompletedAt,
    string? CompletedBy, DateTimeOffset UpdatedAt)
{
    public static RecommendationResponse From(Recommendation r, DateOnly today)
    {
        var clock = r.Published && r.ResponseDueOn is { } due ? StatutoryClocks.Read(due, today, r.RespondedAt) : ClockReading.None;
        return new(
            r.Id, r.ReportId, r.CommitteeBodyId, r.Number, r.Text, r.AddresseeOrganisationId, r.AddresseeBodyId,
            !r.Published ? "draft" : r.CompletedAt is not null ? "completed" : r.RespondedAt is not null ? "responded" : "awaiting_response",
            r.ResponseDueOn, clock.DaysLeft, clock.Overdue, clock.DaysOverdue,
            r.Outcome is { } outcome
                ? new ResponseView(outcome, r.Reasons ?? "", [.. r.Actions.Select(a => new PlannedActionView(a.Action, a.TargetOn))], r.RespondedAt!.Value, r.RespondedBy ?? "",
                    clock.AnsweredLate ?? false, clock.DaysLate ?? 0)
                : null,
            [.. r.Progress.Select(p => new ProgressView(p.At, p.Note, p.By))], r.CompletedAt, r.CompletedBy, r.UpdatedAt);
    }
}

/// <summary>A report with its recommendations: <c>draft</c> (to its committee only) or <c>published</c>.</summary>
public sealed record ReportResponse(
    Guid Id, Guid CommitteeBodyId, string Title, string Findings, Uri? Url, ReportStatus Status, string Regime, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? PublishedAt, DateOnly? PublishedOn, string? PublishedBy, DateTimeOffset UpdatedAt, IReadOnlyList<RecommendationResponse> Recommendations)
{
    public static ReportResponse From(Report r, IReadOnlyList<Recommendation> recommendations, DateOnly today) => new(
        r.Id, r.CommitteeBodyId, r.Title, r.Findings, r.Url, r.Status, r.Regime, r.CreatedAt, r.CreatedBy, r.PublishedAt, r.PublishedOn, r.PublishedBy, r.UpdatedAt,
        [.. recommendations.OrderBy(x => x.Number).Select(x => RecommendationResponse.From(x, today))]);
}
