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
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Scrutiny.InformationRequests;

public static class InformationRequestsApi
{
    /// <summary>Those whose token may read one request; the record then admits its committee's people and its partner only.</summary>
    public static readonly string[] MayReadOne = [.. ScrutinyAccess.ActForCommittee, ConcordatRoles.Partner];

    /// <summary>
    /// Maps a committee's information requests (<c>/committees/{id}/information-requests</c>, and those overdue), one
    /// request, and the partner's side: the requests addressed to its organisation and its answer.
    /// </summary>
    public static IEndpointRouteBuilder MapInformationRequestsApi(this IEndpointRouteBuilder app)
    {
        var committee = app.MapGroup("/api/scrutiny/committees/{id:guid}/information-requests").WithTags("Information requests");
        committee.MapPost("/", SendInformationRequest).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee).WithName(nameof(SendInformationRequest))
            .WithSummary("The committee asks a partner authority (a registry organisation) for information; due by the regime's clock from the day sent (sentOn, today or earlier by letter); announces InformationRequested.")
            .ProducesProblem(404);
        committee.MapGet("/", ListInformationRequests).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee).WithName(nameof(ListInformationRequests))
            .WithSummary("The committee's information requests, oldest first; modified_since for sync.")
            .ProducesProblem(404);
        committee.MapGet("/overdue", ListOverdueInformationRequests).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee).WithName(nameof(ListOverdueInformationRequests))
            .WithSummary("The committee's unanswered requests past their due date (UK days), longest overdue first.")
            .ProducesProblem(404);
        var requests = app.MapGroup("/api/scrutiny/information-requests").WithTags("Information requests");
        requests.MapGet("/{id:guid}", GetInformationRequest).RequireRoles(MayReadOne).WithName(nameof(GetInformationRequest))
            .WithSummary("One request, with its version as the ETag: to those who act for its committee and to the partner it is addressed to; 404 to anyone else.")
            .ProducesProblem(404);
        requests.MapPost("/{id:guid}/answer", AnswerInformationRequest).RequireRoles(ScrutinyPartners.Partner).WithName(nameof(AnswerInformationRequest))
            .WithSummary("The partner answers a request addressed to its organisation, once, under If-Match; 404 for any other partner's; announces InformationProvided.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        app.MapGet("/api/scrutiny/partner/information-requests", ListPartnerInformationRequests).RequireRoles(ScrutinyPartners.Partner)
            .WithTags("Information requests").WithName(nameof(ListPartnerInformationRequests))
            .WithSummary("The requests addressed to the caller's organisation (its API key or token), oldest first; answered=false for those awaiting its answer.");
        return app;
    }

    public static async Task<Results<Created<InformationRequestResponse>, NotFound, ValidationProblem>> SendInformationRequest(
        Guid id, InformationRequestRequest request, ScrutinyDbContext db, IOptions<ScrutinyRegimeOptions> regimes, TimeProvider time, HttpContext context,
        CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        var regime = regimes.Value.Find(request.Regime);
        if (request.Invalid(today, regime is not null) is { } invalid)
        {
            return invalid;
        }

        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var sent = InformationRequest.Send(id, request.OrganisationId!.Value, request.Question!, regime!.Value, request.SentOn ?? today, by, time.GetUtcNow());
        db.InformationRequests.Add(sent);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, sent);
        return TypedResults.Created($"/api/scrutiny/information-requests/{sent.Id}", InformationRequestResponse.From(sent, today));
    }

    public static async Task<Results<Ok<Page<InformationRequestResponse>>, NotFound, ValidationProblem>> ListInformationRequests(
        Guid id, [AsParameters] ListQuery query, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        var page = await Paging.PageAsync(db.InformationRequests.Where(r => r.CommitteeBodyId == id), query, r => InformationRequestResponse.From(r, today), cancellationToken);
        return page.Result is Ok<Page<InformationRequestResponse>> ok ? ok : (ValidationProblem)page.Result;
    }

    public static async Task<Results<Ok<List<InformationRequestResponse>>, NotFound>> ListOverdueInformationRequests(
        Guid id, ScrutinyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        var overdue = await db.InformationRequests.AsNoTracking()
            .Where(r => r.CommitteeBodyId == id && r.AnsweredAt == null && r.RemovedAt == null && r.DueOn < today)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(ListQuery.MaxLimit)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(overdue.Select(r => InformationRequestResponse.From(r, today)).ToList());
    }

    public static async Task<Results<Ok<InformationRequestResponse>, NotFound>> GetInformationRequest(
        Guid id, ScrutinyDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var request = await db.InformationRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.RemovedAt == null, cancellationToken);
        if (request is null || !await MaySeeAsync(context, request, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, request);
        return TypedResults.Ok(InformationRequestResponse.From(request, StatutoryCalendar.UkToday(time)));
    }

    public static async Task<Results<Ok<InformationRequestResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerInformationRequest(
        Guid id, InformationAnswerRequest request, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        // Before If-Match is looked at: another partner learns nothing, not even that the request exists.
        var addressee = await db.InformationRequests.Where(r => r.Id == id && r.RemovedAt == null).Select(r => (Guid?)r.OrganisationId).SingleOrDefaultAsync(cancellationToken);
        if (addressee is not { } organisation || !ScrutinyPartners.Is(context.User, organisation))
        {
            return TypedResults.NotFound();
        }

        if (request.Answer is not { } answer || string.IsNullOrWhiteSpace(answer))
        {
            return ScrutinyProblems.Invalid("answer", "Give the information asked for, or say why it cannot be given.");
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<InformationRequest, InformationRequestResponse>(db, id, context,
            r => Task.FromResult<Refusal?>(r.Provide(answer, by, now)?.ToProblem()),
            r => InformationRequestResponse.From(r, StatutoryClocks.UkDay(now)), cancellationToken);
    }

    public static async Task<Results<Ok<Page<InformationRequestResponse>>, ValidationProblem>> ListPartnerInformationRequests(
        [AsParameters] ListQuery query, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery] bool? answered = null)
    {
        var requests = db.InformationRequests.AsQueryable();
        if (!context.User.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            // A partner token that names no organisation sees nothing.
            var organisation = ScrutinyPartners.OrganisationOf(context.User) ?? Guid.Empty;
            requests = requests.Where(r => r.OrganisationId == organisation);
        }

        if (answered is { } a)
        {
            requests = a ? requests.Where(r => r.AnsweredAt != null) : requests.Where(r => r.AnsweredAt == null);
        }

        var today = StatutoryCalendar.UkToday(time);
        return await Paging.PageAsync(requests, query, r => InformationRequestResponse.From(r, today), cancellationToken);
    }

    /// <summary>Its partner, those who act for its committee, administrators.</summary>
    private static async Task<bool> MaySeeAsync(HttpContext context, InformationRequest request, IBodyRoles roles, CancellationToken cancellationToken) =>
        ScrutinyPartners.Is(context.User, request.OrganisationId) || await WorkProgrammeApi.ActsForAsync(context.User, request.CommitteeBodyId, roles, cancellationToken);
}

/// <summary>A request to send: the partner authority (a registry organisation id), the question, the day sent (today unless it went earlier by letter) and the regime (the default unless named).</summary>
public sealed record InformationRequestRequest(
    [property: Required] Guid? OrganisationId,
    [property: Required(AllowEmptyStrings = false), StringLength(InformationRequest.QuestionMaxLength), MultiLine] string? Question,
    DateOnly? SentOn,
    [property: StringLength(100)] string? Regime)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid(DateOnly today, bool regimeKnown)
    {
        var errors = new Dictionary<string, string[]>();
        if (OrganisationId == Guid.Empty)
        {
            errors["organisationId"] = ["Name the partner authority by its registry organisation id."];
        }

        if (string.IsNullOrWhiteSpace(Question))
        {
            errors["question"] = ["Say what information the committee asks for."];
        }

        if (SentOn > today)
        {
            errors["sentOn"] = [$"A request is recorded once sent: sentOn is today ({today:yyyy-MM-dd}, UK) or earlier."];
        }

        if (!regimeKnown)
        {
            errors["regime"] = ["No such regime is configured (Scrutiny:Regimes)."];
        }

        return errors.Count == 0 ? null : ScrutinyProblems.Invalid(errors);
    }
}

/// <summary>The partner's answer.</summary>
public sealed record InformationAnswerRequest([property: Required(AllowEmptyStrings = false), StringLength(InformationRequest.AnswerMaxLength), MultiLine] string? Answer);

/// <summary>
/// An information request: <c>awaiting</c> or <c>answered</c>, and its clock as the service reads it today (UK days), so a
/// client words the clock and never counts days itself.
/// </summary>
/// <param name="Id">The request's id.</param>
/// <param name="CommitteeBodyId">The committee that asked (a registry body).</param>
/// <param name="OrganisationId">The partner authority asked (a registry organisation).</param>
/// <param name="Question">What the committee asked.</param>
/// <param name="Regime">The regime whose clock applies.</param>
/// <param name="SentOn">The UK day it was sent.</param>
/// <param name="DueOn">The last UK day on which an answer is in time.</param>
/// <param name="Status"><c>awaiting</c> or <c>answered</c>.</param>
/// <param name="DaysLeft">While awaiting and not past <c>dueOn</c>: whole UK days until it is due, 0 on the due day; null once overdue or answered.</param>
/// <param name="Overdue">Awaiting after the UK day it was due.</param>
/// <param name="DaysOverdue">Whole UK days past <c>dueOn</c> while overdue; 0 otherwise.</param>
/// <param name="Answer">The partner's answer, once given.</param>
/// <param name="AnsweredAt">When it was answered.</param>
/// <param name="AnsweredBy">Who recorded the answer.</param>
/// <param name="AnsweredLate">Once answered: whether the answer came after <c>dueOn</c> (by the UK day of <c>answeredAt</c>); null while awaiting.</param>
/// <param name="DaysLate">Once answered: whole UK days after <c>dueOn</c> it was answered, 0 when in time; null while awaiting.</param>
/// <param name="RequestedBy">Who sent it.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record InformationRequestResponse(
    Guid Id, Guid CommitteeBodyId, Guid OrganisationId, string Question, string Regime, DateOnly SentOn, DateOnly DueOn, string Status, int? DaysLeft,
    bool Overdue, int DaysOverdue, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy, bool? AnsweredLate, int? DaysLate, string RequestedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static InformationRequestResponse From(InformationRequest r, DateOnly today)
    {
        var clock = StatutoryClocks.Read(r.DueOn, today, r.AnsweredAt);
        return new(
            r.Id, r.CommitteeBodyId, r.OrganisationId, r.Question, r.Regime, r.SentOn, r.DueOn, r.AnsweredAt is null ? "awaiting" : "answered", clock.DaysLeft,
            clock.Overdue, clock.DaysOverdue, r.Answer, r.AnsweredAt, r.AnsweredBy, clock.AnsweredLate, clock.DaysLate, r.RequestedBy, r.CreatedAt, r.UpdatedAt);
    }
}
