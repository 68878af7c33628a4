using System.ComponentModel.DataAnnotations;
using Concordat.Scrutiny.Committees;
using Concordat.Scrutiny.Data;
using Concordat.Scrutiny.WorkProgramme;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny.Inquiries;

public static class InquiriesApi
{
    /// <summary>Maps opening an inquiry on a topic, its evidence sessions and evidence, and the public inquiries.</summary>
    public static IEndpointRouteBuilder MapInquiriesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/scrutiny/topics/{id:guid}/inquiries", OpenInquiry).RequireBodyRole(WorkProgrammeApi.CommitteeOfTopic, ScrutinyAccess.ActForCommittee)
            .WithTags("Inquiries").WithName(nameof(OpenInquiry))
            .WithSummary("Opens an inquiry on an open topic with its terms of reference; announces InquiryOpened and returns any duplication warnings, which never block it.")
            .ProducesProblem(404).ProducesProblem(409);
        app.MapGet("/api/scrutiny/committees/{id:guid}/inquiries", ListInquiries).Public().WithTags("Inquiries").WithName(nameof(ListInquiries))
            .WithSummary("The committee's inquiries, oldest first; modified_since for sync.")
            .ProducesProblem(404);
        var inquiries = app.MapGroup("/api/scrutiny/inquiries").WithTags("Inquiries");
        inquiries.MapGet("/{id:guid}", GetInquiry).Public().WithName(nameof(GetInquiry))
            .WithSummary("One inquiry: terms of reference, evidence sessions and witnesses, evidence received and its timeline; the ETag.")
            .ProducesProblem(404);
        inquiries.MapPost("/{id:guid}/evidence-sessions", AddEvidenceSession).RequireBodyRole(CommitteeOfInquiry, ScrutinyAccess.ActForCommittee).WithName(nameof(AddEvidenceSession))
            .WithSummary("Records an evidence session (If-Match): the meeting, its day and the witnesses with their organisations.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        inquiries.MapPost("/{id:guid}/evidence", ReceiveEvidence).RequireBodyRole(CommitteeOfInquiry, ScrutinyAccess.ActForCommittee).WithName(nameof(ReceiveEvidence))
            .WithSummary("Records evidence received (If-Match): a document or a link, from whom, when.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    /// <summary>The committee holding the inquiry <c>/inquiries/{id}</c>.</summary>
    public static readonly BodyResolver CommitteeOfInquiry = BodyFrom.Lookup<ScrutinyDbContext>("id", async (db, id, cancellationToken) =>
        await db.Inquiries.Where(i => i.Id == id).Select(i => (Guid?)i.CommitteeBodyId).SingleOrDefaultAsync(cancellationToken));

    public static async Task<Results<Created<InquiryOpenedResponse>, NotFound, ValidationProblem, ProblemHttpResult>> OpenInquiry(
        Guid id, OpenInquiryRequest request, ScrutinyDbContext db, DuplicationCheck duplication, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["Give the inquiry a title."];
        }

        if (string.IsNullOrWhiteSpace(request.TermsOfReference))
        {
            errors["termsOfReference"] = ["An inquiry has terms of reference."];
        }

        if (errors.Count > 0)
        {
            return ScrutinyProblems.Invalid(errors);
        }

        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id && t.RemovedAt == null, cancellationToken);
        if (topic is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var (inquiry, violation) = Inquiry.Open(topic, request.Title!, request.TermsOfReference!, by, now);
        if (violation is not null)
        {
            return violation.ToProblem();
        }

        db.Inquiries.Add(inquiry!);
        var warnings = await duplication.WarnAsync(WorkKind.Inquiry, inquiry!.Id, inquiry.Title, inquiry.TermsOfReference, inquiry.CommitteeBodyId, inquiry.Themes, inquiry.Areas, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, inquiry);
        return TypedResults.Created($"/api/scrutiny/inquiries/{inquiry.Id}", new InquiryOpenedResponse(InquiryResponse.From(inquiry), [.. warnings.Select(DuplicationWarningResponse.From)]));
    }

    public static async Task<Results<Ok<Page<InquiryResponse>>, NotFound, ValidationProblem>> ListInquiries(
        Guid id, [AsParameters] ListQuery query, ScrutinyDbContext db, CancellationToken cancellationToken)
    {
        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var page = await Paging.PageAsync(db.Inquiries.Where(i => i.CommitteeBodyId == id), query, InquiryResponse.From, cancellationToken);
        return page.Result is Ok<Page<InquiryResponse>> ok ? ok : (ValidationProblem)page.Result;
    }

    public static Task<Results<Ok<InquiryResponse>, NotFound>> GetInquiry(Guid id, ScrutinyDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        RecordResults.GetAsync(db.Inquiries, id, context, InquiryResponse.From, cancellationToken);

    public static async Task<Results<Ok<InquiryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddEvidenceSession(
        Guid id, EvidenceSessionRequest request, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Meeting))
        {
            errors["meeting"] = ["Name the meeting that held the session."];
        }

        var witnesses = request.Witnesses ?? [];
        if (witnesses.Count > 50 || witnesses.Any(w => string.IsNullOrWhiteSpace(w.Name) || w.Name.Length > 200 || w.Role?.Length > 200 || w.OrganisationName?.Length > 200))
        {
            errors["witnesses"] = ["At most 50 witnesses, each with a name (1 to 200 characters); role and organisationName up to 200."];
        }

        if (errors.Count > 0)
        {
            return ScrutinyProblems.Invalid(errors);
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var session = new EvidenceSession
        {
            Meeting = request.Meeting!.Trim(),
            HeldOn = request.HeldOn!.Value,
            Witnesses = [.. witnesses.Select(w => new Witness { Name = w.Name!.Trim(), Role = w.Role?.Trim(), OrganisationId = w.OrganisationId, OrganisationName = w.OrganisationName?.Trim() })],
        };
        return await RecordResults.ChangeAsync<Inquiry, InquiryResponse>(db, id, context,
            inquiry => Task.FromResult<Refusal?>(inquiry.AddSession(session, by, now)?.ToProblem()), InquiryResponse.From, cancellationToken);
    }

    public static async Task<Results<Ok<InquiryResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReceiveEvidence(
        Guid id, EvidenceRequest request, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors["title"] = ["Say what the evidence is."];
        }

        if (request.Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https"))
        {
            errors["url"] = ["An absolute http or https address where the document or page is."];
        }

        if (errors.Count > 0)
        {
            return ScrutinyProblems.Invalid(errors);
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var item = new EvidenceItem
        {
            Kind = request.Kind!.Value, Title = request.Title!.Trim(), Url = request.Url!,
            ReceivedOn = request.ReceivedOn ?? StatutoryCalendar.UkToday(time), FromOrganisationId = request.FromOrganisationId,
        };
        return await RecordResults.ChangeAsync<Inquiry, InquiryResponse>(db, id, context,
            inquiry => Task.FromResult<Refusal?>(inquiry.Receive(item, by, now)?.ToProblem()), InquiryResponse.From, cancellationToken);
    }
}

/// <summary>An inquiry to open on a topic: its title and terms of reference.</summary>
public sealed record OpenInquiryRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Inquiry.TitleMaxLength)] string? Title,
    [property: Required(AllowEmptyStrings = false), StringLength(Inquiry.TermsMaxLength), MultiLine] string? TermsOfReference);

/// <summary>A witness: a name, what they are, and their organisation (a registry id, or its name).</summary>
public sealed record WitnessRequest([property: StringLength(200)] string? Name, [property: StringLength(200)] string? Role, Guid? OrganisationId, [property: StringLength(200)] string? OrganisationName);

/// <summary>An evidence session: the meeting, its day and the witnesses heard.</summary>
public sealed record EvidenceSessionRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(200)] string? Meeting,
    [property: Required] DateOnly? HeldOn,
    IReadOnlyList<WitnessRequest>? Witnesses);

/// <summary>Evidence received: a document or a link, its address, the day received (default today, UK) and from whom.</summary>
public sealed record EvidenceRequest(
    [property: Required] EvidenceKind? Kind,
    [property: Required(AllowEmptyStrings = false), StringLength(300)] string? Title,
    [property: Required] Uri? Url,
    DateOnly? ReceivedOn,
    Guid? FromOrganisationId);

public sealed record WitnessResponse(string Name, string? Role, Guid? OrganisationId, string? OrganisationName);

public sealed record EvidenceSessionResponse(Guid Id, string Meeting, DateOnly HeldOn, IReadOnlyList<WitnessResponse> Witnesses);

public sealed record EvidenceResponse(Guid Id, EvidenceKind Kind, string Title, Uri Url, DateOnly ReceivedOn, Guid? FromOrganisationId);

public sealed record InquiryEventResponse(DateTimeOffset At, string What, string Note, string By);

/// <summary>An inquiry as the public reads it.</summary>
public sealed record InquiryResponse(
    Guid Id, Guid TopicId, Guid CommitteeBodyId, string Title, string TermsOfReference, IReadOnlyList<string> Themes, IReadOnlyList<Guid> Areas,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, IReadOnlyList<EvidenceSessionResponse> EvidenceSessions,
    IReadOnlyList<EvidenceResponse> Evidence, IReadOnlyList<InquiryEventResponse> Timeline)
{
    public static InquiryResponse From(Inquiry i) => new(
        i.Id, i.TopicId, i.CommitteeBodyId, i.Title, i.TermsOfReference, i.Themes, i.Areas, i.OpenedAt, i.OpenedBy, i.ClosedAt,
        [.. i.Sessions.Select(s => new EvidenceSessionResponse(s.Id, s.Meeting, s.HeldOn, [.. s.Witnesses.Select(w => new WitnessResponse(w.Name, w.Role, w.OrganisationId, w.OrganisationName))]))],
        [.. i.Evidence.Select(e => new EvidenceResponse(e.Id, e.Kind, e.Title, e.Url, e.ReceivedOn, e.FromOrganisationId))],
        [.. i.Timeline.Select(t => new InquiryEventResponse(t.At, t.What, t.Note, t.By))]);
}

/// <summary>An inquiry as opened, with the duplication warnings its opening raised; they never block it.</summary>
public sealed record InquiryOpenedResponse(InquiryResponse Inquiry, IReadOnlyList<DuplicationWarningResponse> DuplicationWarnings);
