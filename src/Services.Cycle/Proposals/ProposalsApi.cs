using System.ComponentModel.DataAnnotations;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Meetings;
using Concordat.Cycle.Timeline;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Proposals;

public static class ProposalsApi
{
    /// <summary>Maps <c>/api/cycle/proposals</c> (putting and placing proposals) and the public forward plan.</summary>
    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var proposals = app.MapGroup("/api/cycle/proposals").WithTags("Proposals");
        proposals.MapPost("/", PutProposal).RequireBodyRole(ProposingBody, CycleAccess.ActForBody).WithName(nameof(PutProposal))
            .WithSummary("A holder of an issue puts a proposal (action plan, policy, programme or issues paper) to an authorising body, with the resources it asks of each partner; optionally placed at once for a coming meeting of that body.")
            .ProducesProblem(409);
        proposals.MapGet("/{id:guid}", GetProposal).Public().WithName(nameof(GetProposal))
            .WithSummary("One proposal, with its version as the ETag: public once on a published agenda or named by a published decision; before that only to the clerks, chairs and members of the bodies it is put by and to.")
            .ProducesProblem(404);
        proposals.MapPost("/{id:guid}/placement", PlaceProposal).RequireBodyRole(BodyOfProposal, CycleAccess.ActForBody).WithName(nameof(PlaceProposal))
            .WithSummary("Places the proposal for a coming meeting of the body it is put to (If-Match), adding a proposal item to that meeting's draft agenda.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        app.MapGet("/api/cycle/issues/{id:guid}/proposals", ListProposalsOfIssue).Public().WithTags("Proposals").WithName(nameof(ListProposalsOfIssue))
            .WithSummary("An issue's proposals, newest first: those that are public to anyone; the others too to the clerks, chairs and members of the bodies they are put by and to.")
            .Produces<IReadOnlyList<ProposalResponse>>().ProducesProblem(404);
        app.MapGet("/api/cycle/bodies/{id:guid}/unplaced-proposals", UnplacedProposals).RequireBodyRole(DecisionsApi.KnownBody, CycleAccess.ActForBody)
            .WithTags("Proposals").WithName(nameof(UnplacedProposals))
            .WithSummary("Proposals put to the body awaiting a meeting, newest first: never placed, or placed for a meeting that has passed without deciding them; none a decision names. For its clerk, chair and members, who build its agendas.")
            .Produces<IReadOnlyList<ProposalResponse>>().ProducesProblem(404);
        app.MapGet("/api/cycle/forward-plan", ForwardPlan).Public().WithTags("Proposals").WithName(nameof(ForwardPlan))
            .WithSummary("The forward plan: decisions expected at coming meetings of authorising bodies (each proposal placed for a future meeting: issue, body, meeting, proposal), filtered by body and UK dates.");
        return app;
    }

    /// <summary>The holder putting a new proposal: the one named, else the holder of the issue the caller acts for.</summary>
    public static readonly BodyResolver ProposingBody = async context =>
        context.Arguments.OfType<PutProposalRequest>().FirstOrDefault() is { } request
            ? request.ProposedByBodyId ?? (request.IssueId is { } issue ? await CycleAccess.HolderActedForAsync(context, issue) : null)
            : null;

    /// <summary>Of the body that put the proposal <c>/proposals/{id}</c> and the body it is put to, the first the caller acts for (either may place it).</summary>
    public static readonly BodyResolver BodyOfProposal = async context =>
    {
        if (!Guid.TryParse(context.HttpContext.Request.RouteValues["id"]?.ToString(), out var id))
        {
            return null;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<CycleDbContext>();
        var bodies = await db.Proposals.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.ProposedByBodyId, p.BodyId })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        return bodies is null ? null : await CycleAccess.FirstActedForAsync(context, [bodies.ProposedByBodyId, bodies.BodyId]);
    };

    /// <summary>Puts a proposal if <see cref="ProposalRules"/> allow it, and places it for the meeting named, in one transaction.</summary>
    public static async Task<Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult>> PutProposal(
        PutProposalRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var issue = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.IssueId && i.RemovedAt == null, cancellationToken);
        if (issue is null)
        {
            return CycleProblems.Field("issueId", $"No issue {request.IssueId}.");
        }

        var proposer = request.ProposedByBodyId ?? (issue.HolderIds.Count == 1 ? issue.HolderIds[0] : null);
        if (proposer is null)
        {
            return CycleProblems.Field("proposedByBodyId", "The issue has several holders; say which of them puts the proposal.");
        }

        var (bodies, unknown) = await HolderCandidates.LoadAsync(db, [proposer.Value, request.BodyId!.Value], StatutoryCalendar.UkToday(time), cancellationToken);
        if (unknown is not null)
        {
            return unknown.AsProblem();
        }

        var now = time.GetUtcNow();
        var (proposal, violation) = Proposal.Put(request.ToDetails(), issue, bodies[0], bodies[^1], now);
        if (violation is not null)
        {
            return violation.AsProblem();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        db.Proposals.Add(proposal!);
        db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.ProposalPut, actor, now, bodies: [proposal!.ProposedByBodyId, proposal.BodyId],
            note: $"A proposal ({Wire(proposal.Kind)}) put to {bodies[^1].Name}"));
        if (request.MeetingId is { } meetingId)
        {
            var placed = await PlaceAsync(db, proposal, meetingId, actor, now, cancellationToken);
            if (placed is not null)
            {
                return placed.AsCreation<Created<ProposalResponse>>();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, proposal);
        return TypedResults.Created($"/api/cycle/proposals/{proposal.Id}", ProposalResponse.From(proposal));
    }

    /// <summary>A public proposal to anyone; otherwise only to those who act for the body that put it or the body it is put to (404 to others).</summary>
    public static async Task<Results<Ok<ProposalResponse>, NotFound>> GetProposal(
        Guid id, CycleDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken)
    {
        var proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (proposal is null || !proposal.IsPublic && !await MeetingsApi.MaySeeDraftAsync(context.User, [proposal.ProposedByBodyId, proposal.BodyId], roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, proposal);
        return TypedResults.Ok(ProposalResponse.From(proposal));
    }

    /// <summary>
    /// An issue's proposals, newest first, each as <see cref="GetProposal"/> would show it: a public one to anyone, a
    /// private one only to those who act for the body that put it or the body it is put to (left out for everyone else).
    /// An issue has a handful; capped all the same.
    /// </summary>
    public static async Task<Results<Ok<List<ProposalResponse>>, NotFound>> ListProposalsOfIssue(
        Guid id, CycleDbContext db, IBodyRoles roles, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await db.Issues.AnyAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var proposals = await db.Proposals.AsNoTracking().Where(p => p.IssueId == id && p.RemovedAt == null)
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(ListQuery.MaxLimit).ToListAsync(cancellationToken);
        var seen = new List<ProposalResponse>(proposals.Count);
        var maySee = new Dictionary<(Guid By, Guid To), bool>();
        foreach (var proposal in proposals)
        {
            var bodies = (proposal.ProposedByBodyId, proposal.BodyId);
            if (!proposal.IsPublic && !maySee.TryGetValue(bodies, out var may))
            {
                may = await MeetingsApi.MaySeeDraftAsync(context.User, [proposal.ProposedByBodyId, proposal.BodyId], roles, cancellationToken);
                maySee[bodies] = may;
            }

            if (proposal.IsPublic || maySee[bodies])
            {
                seen.Add(ProposalResponse.From(proposal));
            }
        }

        return TypedResults.Ok(seen);
    }

    /// <summary>
    /// What the body's clerk may put on its next agenda: proposals put to it that no meeting to come will take (never placed,
    /// or placed for one that has passed, so deferred) and that no decision names. Only those who act for the body reach it
    /// (the access check), so private proposals are listed too.
    /// </summary>
    public static async Task<Results<Ok<List<ProposalResponse>>, NotFound>> UnplacedProposals(
        Guid id, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Bodies.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow();
        var proposals = await db.Proposals.AsNoTracking()
            .Where(p => p.BodyId == id && p.RemovedAt == null && (p.MeetingStartsAt == null || p.MeetingStartsAt <= now))
            .Where(p => !db.Decisions.Any(d => d.ProposalId == p.Id && d.RemovedAt == null))
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(ListQuery.MaxLimit).ToListAsync(cancellationToken);
        return TypedResults.Ok(proposals.Select(ProposalResponse.From).ToList());
    }

    /// <summary>Places a proposal for a coming meeting of its body (If-Match), adding its item to the meeting's draft agenda.</summary>
    public static async Task<Results<Ok<ProposalResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PlaceProposal(
        Guid id, PlacementRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.MeetingId is not { } meetingId || meetingId == Guid.Empty)
        {
            return CycleProblems.Field("meetingId", "Name the meeting (its id) the proposal is placed for.");
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<Proposal, ProposalResponse>(db, id, context,
            proposal => PlaceAsync(db, proposal, meetingId, actor, now, cancellationToken), ProposalResponse.From, cancellationToken);
    }

    /// <summary>
    /// The public forward plan: each proposal placed for a meeting still to come, with its issue, body and meeting. It is
    /// listed from when it is placed, while the agenda is still a draft, as councils give notice of key decisions ahead of
    /// their agendas: title, kind, body and date, never the papers or what is requested (those are public with the agenda).
    /// <c>from</c> and <c>to</c> are UK days, inclusive, of the meeting.
    /// </summary>
    /// <summary>The forward plan's cursor order letter: by meeting start.</summary>
    private const char MeetingOrder = 'm';

    public static async Task<Results<Ok<Page<ForwardPlanEntry>>, ValidationProblem>> ForwardPlan(
        [AsParameters] ListQuery query, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken,
        [FromQuery] Guid? body = null,
        [FromQuery] DateOnly? from = null,
        [FromQuery] DateOnly? to = null)
    {
        if (from is { } f && to is { } t && t < f)
        {
            return CycleProblems.Field("to", "to is on or after from.");
        }

        var now = time.GetUtcNow();
        var placed = db.Proposals.Where(p => p.MeetingId != null && p.MeetingStartsAt > now);
        if (body is { } b)
        {
            placed = placed.Where(p => p.BodyId == b);
        }

        if (from is { } fromDay)
        {
            var start = StatutoryCalendar.EndOf(fromDay.AddDays(-1));
            placed = placed.Where(p => p.MeetingStartsAt > start);
        }

        if (to is { } toDay)
        {
            var end = StatutoryCalendar.EndOf(toDay);
            placed = placed.Where(p => p.MeetingStartsAt < end);
        }

        // In meeting order, as a forward plan is read, paged by (meeting start, id) with the kit's cursor.
        var limit = query.Limit ?? ListQuery.DefaultLimit;
        if (limit is < 1 or > ListQuery.MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        if (query.ModifiedSince is not null)
        {
            return CycleProblems.Field("modified_since", "The forward plan is read in meeting order; to keep a copy in step, use the decision register's modified_since.");
        }

        if (query.Cursor is { } token)
        {
            if (KeysetCursor.Parse(token, MeetingOrder) is not { } after)
            {
                return CycleProblems.Field("cursor", "The cursor is not one the forward plan gave out.");
            }

            placed = placed.Where(p => EF.Functions.GreaterThan(ValueTuple.Create(p.MeetingStartsAt!.Value, p.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await placed.Where(p => p.RemovedAt == null).OrderBy(p => p.MeetingStartsAt).ThenBy(p => p.Id).Take(limit + 1).AsNoTracking().ToListAsync(cancellationToken);
        var items = rows.Take(limit).ToList();
        var next = rows.Count > limit ? new KeysetCursor(MeetingOrder, items[^1].MeetingStartsAt!.Value, items[^1].Id).ToString() : null;
        var proposals = new Page<Proposal>(items, null, next);

        // One read each for the page's issues and bodies, rather than one per entry.
        var issueIds = proposals.Items.Select(p => p.IssueId).Distinct().ToList();
        var bodyIds = proposals.Items.Select(p => p.BodyId).Distinct().ToList();
        var issues = await db.Issues.AsNoTracking().Where(i => issueIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var bodies = await db.Bodies.AsNoTracking().Where(k => bodyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        return TypedResults.Ok(new Page<ForwardPlanEntry>(
            [.. proposals.Items.Select(p => new ForwardPlanEntry(
                new ForwardPlanIssue(p.IssueId, issues.GetValueOrDefault(p.IssueId, "")),
                new ForwardPlanBody(p.BodyId, bodies.GetValueOrDefault(p.BodyId, "")),
                new ForwardPlanMeeting(p.MeetingId!.Value, MeetingsApi.UkTime(p.MeetingStartsAt!.Value)),
                new ForwardPlanProposal(p.Id, p.Title, p.Kind)))],
            null,
            proposals.Next));
    }

    public static string Wire(ProposalKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>Places <paramref name="proposal"/> for the meeting, its row locked so its agenda is not changed or published meanwhile.</summary>
    private static async Task<Refusal?> PlaceAsync(
        CycleDbContext db, Proposal proposal, Guid meetingId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await RowLocks.ForUpdateAsync<Meeting>(db, meetingId, cancellationToken);
        var meeting = await db.Meetings.SingleOrDefaultAsync(m => m.Id == meetingId && m.RemovedAt == null, cancellationToken);
        if (meeting is null)
        {
            return CycleProblems.Field("meetingId", $"No meeting {meetingId}.");
        }

        if (await db.Issues.AsNoTracking().Where(i => i.Id == proposal.IssueId).Select(i => i.Stage).SingleAsync(cancellationToken) == IssueStage.Closed)
        {
            return new RuleViolation("issue-closed", "The issue is closed; its proposals are not placed on agendas.").AsProblem();
        }

        if (proposal.PlaceFor(meeting, now) is { } violation)
        {
            return violation.AsProblem();
        }

        var note = $"{proposal.Title}: placed for the meeting of {MeetingsApi.UkTime(meeting.StartsAt):yyyy-MM-dd HH:mm}";
        db.Timeline.Add(TimelineEntry.Of(proposal.IssueId, TimelineEntryKind.ProposalPlaced, actor, now, bodies: meeting.BodyIds,
            note: note.Length > Issue.ReasonMaxLength ? note[..Issue.ReasonMaxLength] : note));
        return null;
    }
}

/// <summary>
/// A proposal to put: on <see cref="IssueId"/>, by <see cref="ProposedByBodyId"/> (a holder; may be left out when the
/// issue has one), to the authorising body <see cref="BodyId"/>, with what it asks of each partner organisation, and
/// optionally placed at once for <see cref="MeetingId"/>, a coming meeting of that body.
/// </summary>
public sealed record PutProposalRequest(
    [property: Required] Guid? IssueId,
    [property: Required] Guid? BodyId,
    Guid? ProposedByBodyId,
    [property: Required] ProposalKind? Kind,
    [property: Required(AllowEmptyStrings = false), StringLength(Proposal.TitleMaxLength)] string? Title,
    [property: StringLength(Proposal.SummaryMaxLength), MultiLine] string? Summary,
    IReadOnlyList<AllocationRequest>? RequestedResources,
    Guid? MeetingId)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (IssueId is null || IssueId == Guid.Empty)
        {
            errors["issueId"] = ["Name the issue the proposal is on."];
        }

        if (BodyId is null || BodyId == Guid.Empty)
        {
            errors["bodyId"] = ["Name the authorising body the proposal is put to."];
        }

        if (ProposedByBodyId == Guid.Empty)
        {
            errors["proposedByBodyId"] = ["Name the holder putting it, or leave it out when the issue has one holder."];
        }

        if (Kind is null)
        {
            errors["kind"] = ["action_plan, policy, programme or issues_paper."];
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Give the proposal a title."];
        }
        else if (Title.Trim().Length > Proposal.TitleMaxLength)
        {
            errors["title"] = [$"At most {Proposal.TitleMaxLength} characters."];
        }

        if (Summary is { } summary && summary.Trim().Length > Proposal.SummaryMaxLength)
        {
            errors["summary"] = [$"At most {Proposal.SummaryMaxLength} characters."];
        }

        if (MeetingId == Guid.Empty)
        {
            errors["meetingId"] = ["Name the meeting, or leave it out to place the proposal later."];
        }

        AllocationRequest.Check(RequestedResources, "requestedResources", errors);
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    public ProposalDetails ToDetails() => new(IssueId!.Value, BodyId!.Value, Kind!.Value, Title!, Summary,
        [.. (RequestedResources ?? []).Select(a => a.ToAllocation())]);
}

/// <summary>The meeting to place a proposal for.</summary>
public sealed record PlacementRequest([property: Required] Guid? MeetingId);

/// <summary>A proposal and where it stands: placed for a meeting or not yet, public or not.</summary>
public sealed record ProposalResponse(
    Guid Id,
    Guid IssueId,
    Guid BodyId,
    Guid ProposedByBodyId,
    ProposalKind Kind,
    string Title,
    string? Summary,
    IReadOnlyList<AllocationResponse> RequestedResources,
    Guid? MeetingId,
    DateTimeOffset? MeetingStartsAt,
    Guid? AgendaItemId,
    bool Public,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static ProposalResponse From(Proposal p) => new(p.Id, p.IssueId, p.BodyId, p.ProposedByBodyId, p.Kind, p.Title, p.Summary,
        [.. p.RequestedResources.Select(a => new AllocationResponse(a.OrganisationId, a.AmountGbp, a.InKind))],
        p.MeetingId, p.MeetingStartsAt is { } starts ? MeetingsApi.UkTime(starts) : null, p.AgendaItemId, p.IsPublic, p.CreatedAt, p.UpdatedAt, Versioning.ETagOf(p));
}

/// <summary>A decision expected at a coming meeting: the issue, the body, the meeting (UK time) and the proposal put to it.</summary>
public sealed record ForwardPlanEntry(ForwardPlanIssue Issue, ForwardPlanBody Body, ForwardPlanMeeting Meeting, ForwardPlanProposal Proposal);

public sealed record ForwardPlanIssue(Guid Id, string Title);

public sealed record ForwardPlanBody(Guid Id, string Name);

public sealed record ForwardPlanMeeting(Guid Id, DateTimeOffset StartsAt);

public sealed record ForwardPlanProposal(Guid Id, string Title, ProposalKind Kind);
