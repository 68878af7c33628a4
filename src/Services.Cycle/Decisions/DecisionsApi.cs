using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Cycle.Decisions;

public static class DecisionsApi
{
    /// <summary>Maps <c>/api/cycle/decisions</c>: taking decisions, publishing them, and the public decision register.</summary>
    public static IEndpointRouteBuilder MapDecisionsApi(this IEndpointRouteBuilder app)
    {
        var decisions = app.MapGroup("/api/cycle/decisions").WithTags("Decisions");
        decisions.MapGet("/", ListDecisions).Public().WithName(nameof(ListDecisions))
            .WithSummary("The decision register: published decisions, filtered by issue, body, area, theme and publication date; modified_since for sync.")
            .Produces<Page<DecisionResponse>>().ProducesValidationProblem();
        decisions.MapGet("/{id:guid}", GetDecision).Public().WithName(nameof(GetDecision))
            .WithSummary("One decision, with its version as the ETag: public once published; a draft only to its body's clerk, chair and members.")
            .Produces<DecisionResponse>().ProducesProblem(404);
        decisions.MapPost("/", TakeDecision).RequireBodyRole(DecidingBody, CycleAccess.ActForBody).WithName(nameof(TakeDecision))
            .WithSummary("Records an authorising body's decision on an issue in authorisation, as a draft.")
            .Produces<DecisionResponse>(201).ProducesValidationProblem().ProducesProblem(409);
        decisions.MapPost("/{id:guid}/publication", PublishDecision).RequireBodyRole(BodyOfDecision, CycleAccess.ActForBody).WithName(nameof(PublishDecision))
            .WithSummary("Publishes a draft decision (If-Match): it becomes public and its call-in window opens, unless it is urgent.")
            .Produces<DecisionResponse>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        app.MapGet("/api/cycle/bodies/{id:guid}/draft-decisions", BodyDraftDecisions).RequireBodyRole(KnownBody, CycleAccess.ActForBody)
            .WithTags("Decisions").WithName(nameof(BodyDraftDecisions))
            .WithSummary("The body's draft decisions, awaiting publication, newest first: for its clerk, chair and members, who record and publish them.")
            .Produces<IReadOnlyList<DecisionResponse>>().ProducesProblem(404);
        app.MapDecisionFeed();
        return app;
    }

    /// <summary>The body a new decision is taken by.</summary>
    public static readonly BodyResolver DecidingBody = BodyFrom.Argument<TakeDecisionRequest>(r => r.BodyId);

    /// <summary>The body that took the decision <c>/decisions/{id}</c>.</summary>
    public static readonly BodyResolver BodyOfDecision = BodyFrom.Lookup<CycleDbContext>("id", async (db, id, cancellationToken) =>
        await db.Decisions.Where(d => d.Id == id).Select(d => (Guid?)d.BodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>The body <c>/bodies/{id}</c>, when the cycle knows it; null otherwise, so the handler answers 404.</summary>
    public static readonly BodyResolver KnownBody = BodyFrom.Lookup<CycleDbContext>("id", (db, id, cancellationToken) =>
        db.Bodies.Where(b => b.Id == id).Select(b => (Guid?)b.Id).SingleOrDefaultAsync(cancellationToken));

    /// <summary>
    /// One page of published decisions; <c>publishedFrom</c> and <c>publishedTo</c> are UK days, inclusive; <c>issueId</c>
    /// gives one issue's (none, for an issue with no published decision or none at all).
    /// </summary>
    public static async Task<Results<Ok<Page<DecisionResponse>>, ValidationProblem>> ListDecisions(
        [AsParameters] ListQuery query, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken,
        [FromQuery] Guid? issueId = null,
        [FromQuery] Guid? body = null,
        [FromQuery] Guid? area = null,
        [FromQuery] string? theme = null,
        [FromQuery] DateOnly? publishedFrom = null,
        [FromQuery] DateOnly? publishedTo = null)
    {
        if (publishedFrom is { } f && publishedTo is { } t && t < f)
        {
            return CycleProblems.Field("publishedTo", "publishedTo is on or after publishedFrom.");
        }

        var decisions = Published(db, body, area, theme);
        if (issueId is { } issue)
        {
            decisions = decisions.Where(d => d.IssueId == issue);
        }

        if (publishedFrom is { } from)
        {
            var start = StatutoryCalendar.EndOf(from.AddDays(-1));
            decisions = decisions.Where(d => d.PublishedAt > start);
        }

        if (publishedTo is { } to)
        {
            var end = StatutoryCalendar.EndOf(to);
            decisions = decisions.Where(d => d.PublishedAt < end);
        }

        var now = time.GetUtcNow();
        return await Paging.PageAsync(decisions, query, d => DecisionResponse.From(d, now), cancellationToken);
    }

    /// <summary>The published decisions, of one body, area or theme when given: the register and its feed read the same.</summary>
    internal static IQueryable<Decision> Published(CycleDbContext db, Guid? body, Guid? area, string? theme)
    {
        var decisions = db.Decisions.Where(d => d.PublishedAt != null);
        if (body is { } b)
        {
            decisions = decisions.Where(d => d.BodyId == b);
        }

        if (area is { } a)
        {
            decisions = decisions.Where(d => d.Areas.Contains(a));
        }

        if (!string.IsNullOrWhiteSpace(theme))
        {
            var th = theme.Trim();
            decisions = decisions.Where(d => d.Themes.Contains(th));
        }

        return decisions;
    }

    /// <summary>A published decision to anyone; a draft only to those who act for its body (404 to everyone else, who need not know of it).</summary>
    public static async Task<Results<Ok<DecisionResponse>, NotFound>> GetDecision(Guid id, CycleDbContext db, IBodyRoles roles, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var decision = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.RemovedAt == null, cancellationToken);
        if (decision is null || !decision.IsPublished && !await MaySeeDraftAsync(context.User, decision.BodyId, roles, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, decision);
        return TypedResults.Ok(DecisionResponse.From(decision, time.GetUtcNow()));
    }

    /// <summary>
    /// The body's drafts (recorded, not yet published), newest first: what its clerk has still to publish. Only those who
    /// act for the body reach it (the access check). A body has a few drafts at a time; capped all the same.
    /// </summary>
    public static async Task<Results<Ok<List<DecisionResponse>>, NotFound>> BodyDraftDecisions(
        Guid id, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Bodies.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var drafts = await db.Decisions.AsNoTracking().Where(d => d.BodyId == id && d.PublishedAt == null && d.RemovedAt == null)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(ListQuery.MaxLimit).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(drafts.Select(d => DecisionResponse.From(d, now)).ToList());
    }

    /// <summary>Takes a decision (a draft) if <see cref="DecisionRules.MayDecide"/> allows it: 409 naming the rule otherwise.</summary>
    public static async Task<Results<Created<DecisionResponse>, ValidationProblem, ProblemHttpResult>> TakeDecision(
        TakeDecisionRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
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

        var (bodies, unknown) = await HolderCandidates.LoadAsync(db, [request.BodyId!.Value], StatutoryCalendar.UkToday(time), cancellationToken);
        if (unknown is not null)
        {
            return unknown.AsProblem();
        }

        Meetings.Meeting? meeting = null;
        if (request.MeetingId is { } meetingId)
        {
            meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId && m.RemovedAt == null, cancellationToken);
            if (meeting is null)
            {
                return CycleProblems.Field("meetingId", $"No meeting {meetingId}.");
            }
        }

        Proposals.Proposal? proposal = null;
        if (request.ProposalId is { } proposalId)
        {
            proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == proposalId && p.RemovedAt == null, cancellationToken);
            if (proposal is null)
            {
                return CycleProblems.Field("proposalId", $"No proposal {proposalId}.");
            }
        }

        var now = time.GetUtcNow();
        var (decision, violation) = Decision.Take(request.ToDetails(), issue, bodies[0], now, meeting, proposal);
        if (violation is not null)
        {
            return violation.AsProblem();
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        db.Decisions.Add(decision!);
        db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.DecisionTaken, actor, now, bodies: [decision!.BodyId], decisionId: decision.Id,
            note: $"{Wire(decision.Outcome)} (draft)"));
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, decision);
        return TypedResults.Created($"/api/cycle/decisions/{decision.Id}", DecisionResponse.From(decision, now));
    }

    /// <summary>
    /// Publishes a draft (If-Match) and announces <c>DecisionPublished</c>; an urgent decision takes effect at once and
    /// announces <c>DecisionTookEffect</c> in the same transaction.
    /// </summary>
    public static async Task<Results<Ok<DecisionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PublishDecision(
        Guid id, CycleDbContext db, DecisionEffects effects, IOptions<CallInOptions> callIn, IOptions<InstanceOptions> instance,
        TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<Decision, DecisionResponse>(db, id, context, async decision =>
        {
            var issue = await db.Issues.AsNoTracking().SingleAsync(i => i.Id == decision.IssueId, cancellationToken);
            var (bodies, unknown) = await HolderCandidates.LoadAsync(db, [decision.BodyId], StatutoryCalendar.UkToday(time), cancellationToken);
            if (unknown is not null)
            {
                return unknown.AsProblem();
            }

            if (decision.Publish(issue, bodies[0], callIn.Value.WorkingDays, now) is { } violation)
            {
                return violation.AsProblem();
            }

            // The proposal a published decision decides is public from now on, as the decision is.
            if (decision.ProposalId is { } proposalId && await db.Proposals.SingleOrDefaultAsync(p => p.Id == proposalId, cancellationToken) is { } proposal)
            {
                proposal.MakePublic(now);
            }

            db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.DecisionPublished, actor, now, bodies: [decision.BodyId], decisionId: decision.Id,
                note: decision.Urgent ? $"{Wire(decision.Outcome)}; urgent, exempt from call-in" : $"{Wire(decision.Outcome)}; call-in until {decision.CallInEndsAt:O}"));
            db.AddIntegrationEvent(new DecisionPublished
            {
                Subject = Subject(decision.Id),
                DecisionId = decision.Id,
                IssueId = decision.IssueId,
                BodyId = decision.BodyId,
                Outcome = Wire(decision.Outcome),
                Summary = decision.Summary,
                Conditions = decision.Conditions,
                Allocations = [.. decision.Allocations.Select(a => new DecisionAllocation { OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = a.InKind })],
                Meeting = decision.Meeting,
                MeetingOn = decision.MeetingOn,
                MeetingId = decision.MeetingId,
                ProposalId = decision.ProposalId,
                Urgent = decision.Urgent,
                UrgencyReason = decision.UrgencyReason,
                PublishedAt = now,
                CallInEndsAt = decision.CallInEndsAt,
                Url = PublicUrl(instance.Value, decision.Id),
                PublishedBy = actor.Name,
            });
            if (decision.Urgent)
            {
                effects.Announce(decision, DecisionTookEffect.Urgent, now);
            }

            return null;
        }, d => DecisionResponse.From(d, now), cancellationToken);
    }

    /// <summary>The decision's public address on this instance's gateway.</summary>
    public static Uri PublicUrl(InstanceOptions instance, Guid id) => new(instance.BaseUri, $"/api/cycle/decisions/{id}");

    public static string Subject(Guid decisionId) => $"decisions/{decisionId}";

    public static string Wire(DecisionOutcome outcome) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    private static async Task<bool> MaySeeDraftAsync(ClaimsPrincipal user, Guid body, IBodyRoles roles, CancellationToken cancellationToken)
    {
        if (user.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            return true;
        }

        if (user.FindFirstValue(ConcordatClaims.Subject) is not { Length: > 0 } subject)
        {
            return false;
        }

        var claimed = CycleAccess.ActForBody.Where(user.IsInRole).ToList();
        return claimed.Count > 0 && (await roles.HeldAsync(subject, body, cancellationToken)).Overlaps(claimed);
    }
}

/// <summary>A partner organisation's commitment: <see cref="AmountGbp"/> (pounds, to the penny) or <see cref="InKind"/>, exactly one.</summary>
public sealed record AllocationRequest(Guid? OrganisationId, decimal? AmountGbp, [property: StringLength(Decision.InKindMaxLength)] string? InKind)
{
    /// <summary>
    /// Adds to <paramref name="errors"/> what is wrong with a list of allocations (a decision's) or requested resources
    /// (a proposal's), each named as the JSON names it under <paramref name="field"/>.
    /// </summary>
    public static void Check(IReadOnlyList<AllocationRequest>? allocations, string field, Dictionary<string, string[]> errors)
    {
        if (allocations is { Count: > Decision.MaxAllocations })
        {
            errors[field] = [$"At most {Decision.MaxAllocations} organisations."];
        }

        for (var i = 0; i < (allocations?.Count ?? 0) && i < Decision.MaxAllocations; i++)
        {
            var allocation = allocations![i];
            if (allocation is null)
            {
                errors[$"{field}[{i}]"] = ["Name an organisation and what it gives."];
                continue;
            }

            if (allocation.OrganisationId is null || allocation.OrganisationId == Guid.Empty)
            {
                errors[$"{field}[{i}].organisationId"] = ["Name the partner organisation (its registry id)."];
            }

            var inKind = !string.IsNullOrWhiteSpace(allocation.InKind);
            if ((allocation.AmountGbp is null) == !inKind)
            {
                errors[$"{field}[{i}].amountGbp"] = ["Give an amount in GBP or a description of what is given in kind: one of them."];
            }
            else if (allocation.AmountGbp is { } amount && (amount <= 0 || amount > 1_000_000_000_000m || decimal.Round(amount, 2) != amount))
            {
                errors[$"{field}[{i}].amountGbp"] = ["An amount is more than £0, to the penny."];
            }
            else if (inKind && allocation.InKind!.Trim().Length > Decision.InKindMaxLength)
            {
                errors[$"{field}[{i}].inKind"] = [$"At most {Decision.InKindMaxLength} characters."];
            }
        }
    }

    public ResourceAllocation ToAllocation() => new() { OrganisationId = OrganisationId!.Value, AmountGbp = AmountGbp, InKind = InKind };
}

/// <summary>
/// A decision to record: on <see cref="IssueId"/>, by <see cref="BodyId"/>, at a meeting (a recorded one, <see cref="MeetingId"/>,
/// or free text and its day) or, when <see cref="Urgent"/>, outside one with the reason; deciding <see cref="ProposalId"/> when named.
/// </summary>
public sealed record TakeDecisionRequest(
    [property: Required] Guid? IssueId,
    [property: Required] Guid? BodyId,
    [property: Required] DecisionOutcome? Outcome,
    [property: Required(AllowEmptyStrings = false), StringLength(Decision.SummaryMaxLength), MultiLine] string? Summary,
    [property: StringLength(Decision.ConditionsMaxLength), MultiLine] string? Conditions,
    IReadOnlyList<AllocationRequest>? Allocations,
    [property: StringLength(Decision.MeetingMaxLength)] string? Meeting,
    DateOnly? MeetingOn,
    bool? Urgent,
    [property: StringLength(Decision.ReasonMaxLength), MultiLine] string? UrgencyReason,
    Guid? MeetingId = null,
    Guid? ProposalId = null)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Summary))
        {
            errors["summary"] = ["Say what was decided."];
        }

        if (Urgent == true)
        {
            if (string.IsNullOrWhiteSpace(UrgencyReason))
            {
                errors["urgencyReason"] = ["An urgent decision, taken outside a meeting, says why it could not wait."];
            }

            if (!string.IsNullOrWhiteSpace(Meeting) || MeetingOn is not null)
            {
                errors["meeting"] = ["An urgent decision is taken outside a meeting; leave meeting and meetingOn out."];
            }

            if (MeetingId is not null)
            {
                errors["meetingId"] = ["An urgent decision is taken outside a meeting; leave meetingId out."];
            }
        }
        else if (!string.IsNullOrWhiteSpace(UrgencyReason))
        {
            errors["urgencyReason"] = ["Only an urgent decision gives an urgency reason."];
        }

        if (Urgent != true && MeetingId is not null && (!string.IsNullOrWhiteSpace(Meeting) || MeetingOn is not null))
        {
            errors["meeting"] = ["Name the recorded meeting (meetingId) or describe it (meeting, meetingOn), not both: a recorded meeting describes itself."];
        }

        if (MeetingId == Guid.Empty)
        {
            errors["meetingId"] = ["Name the recorded meeting that took the decision, or leave it out."];
        }

        if (ProposalId == Guid.Empty)
        {
            errors["proposalId"] = ["Name the proposal decided, or leave it out."];
        }

        AllocationRequest.Check(Allocations, "allocations", errors);

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }

    public DecisionDetails ToDetails() => new(IssueId!.Value, BodyId!.Value, Outcome!.Value, Summary!, Conditions,
        [.. (Allocations ?? []).Select(a => new ResourceAllocation { OrganisationId = a.OrganisationId!.Value, AmountGbp = a.AmountGbp, InKind = a.InKind })],
        Meeting, MeetingOn, Urgent == true, UrgencyReason);
}

public sealed record AllocationResponse(Guid OrganisationId, decimal? AmountGbp, string? InKind);

public sealed record CallInResponse(Guid Id, Guid CommitteeBodyId, string Reasons, DateTimeOffset CalledInAt, string? Refused, DateTimeOffset? ResolvedAt, string? Outcome, string? ResolutionReasons);

/// <summary>
/// A decision and where it stands (<see cref="Status"/>, at the time of reading); <see cref="RequestedResources"/> is what
/// the proposal it decides asked for (empty when it names none), beside what it allocated.
/// </summary>
public sealed record DecisionResponse(
    Guid Id,
    Guid IssueId,
    Guid BodyId,
    DecisionOutcome Outcome,
    string Summary,
    string? Conditions,
    IReadOnlyList<AllocationResponse> Allocations,
    IReadOnlyList<AllocationResponse> RequestedResources,
    string? Meeting,
    DateOnly? MeetingOn,
    Guid? MeetingId,
    Guid? ProposalId,
    bool Urgent,
    string? UrgencyReason,
    IReadOnlyList<string> Themes,
    IReadOnlyList<Guid> Areas,
    DecisionStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? CallInEndsAt,
    IReadOnlyList<CallInResponse> CallIns,
    DateTimeOffset? ReferredBackAt,
    DateTimeOffset? TookEffectAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static DecisionResponse From(Decision d, DateTimeOffset now) => new(d.Id, d.IssueId, d.BodyId, d.Outcome, d.Summary, d.Conditions,
        [.. d.Allocations.Select(a => new AllocationResponse(a.OrganisationId, a.AmountGbp, a.InKind))],
        [.. d.RequestedResources.Select(a => new AllocationResponse(a.OrganisationId, a.AmountGbp, a.InKind))],
        d.Meeting, d.MeetingOn, d.MeetingId, d.ProposalId, d.Urgent, d.UrgencyReason,
        d.Themes, d.Areas, DecisionRules.StatusAt(d, now), d.PublishedAt, d.CallInEndsAt,
        [.. d.CallIns.Select(c => new CallInResponse(c.Id, c.CommitteeBodyId, c.Reasons, c.CalledInAt, c.Refused, c.ResolvedAt, c.Outcome, c.ResolutionReasons))],
        d.ReferredBackAt, d.TookEffectAt, d.CreatedAt, d.UpdatedAt, Versioning.ETagOf(d));
}
