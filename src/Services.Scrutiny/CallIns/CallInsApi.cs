using System.ComponentModel.DataAnnotations;
using Concordat.Scrutiny.Committees;
using Concordat.Scrutiny.Data;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Scrutiny.CallIns;

public static class CallInsApi
{
    /// <summary>Maps calling in a decision (<c>/committees/{id}/call-ins</c>), resolving a call-in and the public list of call-ins and their outcomes.</summary>
    public static IEndpointRouteBuilder MapCallInsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/scrutiny/committees/{id:guid}/call-ins", CallInDecision).RequireBodyRole(BodyFrom.Route("id"), ScrutinyAccess.ActForCommittee)
            .WithTags("Call-ins").WithName(nameof(CallInDecision))
            .WithSummary("The committee calls in a published decision within its call-in window, with its reasons; announces DecisionCalledIn.")
            .ProducesProblem(404).ProducesProblem(409);
        var callIns = app.MapGroup("/api/scrutiny/call-ins").WithTags("Call-ins");
        callIns.MapGet("/", ListCallIns).Public().WithName(nameof(ListCallIns))
            .WithSummary("Call-ins and their outcomes, public, oldest first; by committee or decision; modified_since for sync.");
        callIns.MapGet("/{id:guid}", GetCallIn).Public().WithName(nameof(GetCallIn))
            .WithSummary("One call-in and its outcome, with its version as the ETag.")
            .ProducesProblem(404);
        callIns.MapPost("/{id:guid}/resolution", ResolveCallIn).RequireBodyRole(CommitteeOfCallIn, ScrutinyAccess.ActForCommittee).WithName(nameof(ResolveCallIn))
            .WithSummary("The committee resolves its call-in (If-Match): no_further_action lets the decision take effect, referred_back sends it back; announces CallInResolved.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    /// <summary>The committee that made the call-in <c>/call-ins/{id}</c>.</summary>
    public static readonly BodyResolver CommitteeOfCallIn = BodyFrom.Lookup<ScrutinyDbContext>("id", async (db, id, cancellationToken) =>
        await db.CallIns.Where(c => c.Id == id).Select(c => (Guid?)c.CommitteeBodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>Calls a decision in for the committee if <see cref="CallInRules.MayCallIn"/> allows it: 409 naming the rule otherwise.</summary>
    public static async Task<Results<Created<CallInResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CallInDecision(
        Guid id, CallInRequest request, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reasons))
        {
            return ScrutinyProblems.Invalid("reasons", "A call-in says why the committee calls the decision in.");
        }

        if (!await CommitteesApi.Committees(db).AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var decisionId = request.DecisionId!.Value;
        var decision = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == decisionId, cancellationToken);
        var held = await db.CallIns.AnyAsync(c => c.DecisionId == decisionId && c.ResolvedAt == null && c.RemovedAt == null, cancellationToken);
        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var (callIn, violation) = CallIn.Make(decision, held, id, request.Reasons, by, now);
        if (violation is not null)
        {
            return violation.ToProblem();
        }

        db.CallIns.Add(callIn!);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, callIn!);
        return TypedResults.Created($"/api/scrutiny/call-ins/{callIn!.Id}", CallInResponse.From(callIn, decision));
    }

    /// <summary>Resolves a call-in under <c>If-Match</c>, once.</summary>
    public static async Task<Results<Ok<CallInResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ResolveCallIn(
        Guid id, ResolveCallInRequest request, ScrutinyDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reasons))
        {
            return ScrutinyProblems.Invalid("reasons", "A resolution gives the committee's reasons, as they will be published.");
        }

        var by = await ScrutinyAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<CallIn, CallInResponse>(db, id, context,
            callIn => Task.FromResult<Refusal?>(callIn.Resolve(request.Outcome!.Value, request.Reasons, by, now)?.ToProblem()),
            callIn => CallInResponse.From(callIn, null), cancellationToken);
    }

    /// <summary>One page of call-ins; by <c>committee</c> or <c>decision</c>.</summary>
    public static async Task<Results<Ok<Page<CallInResponse>>, ValidationProblem>> ListCallIns(
        [AsParameters] ListQuery query, ScrutinyDbContext db, CancellationToken cancellationToken,
        [FromQuery] Guid? committee = null, [FromQuery] Guid? decision = null)
    {
        var callIns = db.CallIns.AsQueryable();
        if (committee is { } c)
        {
            callIns = callIns.Where(x => x.CommitteeBodyId == c);
        }

        if (decision is { } d)
        {
            callIns = callIns.Where(x => x.DecisionId == d);
        }

        return await Paging.PageAsync(callIns, query, x => CallInResponse.From(x, null), cancellationToken);
    }

    public static async Task<Results<Ok<CallInResponse>, NotFound>> GetCallIn(Guid id, ScrutinyDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var callIn = await db.CallIns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.RemovedAt == null, cancellationToken);
        if (callIn is null)
        {
            return TypedResults.NotFound();
        }

        var decision = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == callIn.DecisionId, cancellationToken);
        Versioning.Tag(context, callIn);
        return TypedResults.Ok(CallInResponse.From(callIn, decision));
    }
}

/// <summary>A call-in to make: the published decision and the committee's reasons.</summary>
public sealed record CallInRequest(
    [property: Required] Guid? DecisionId,
    [property: Required(AllowEmptyStrings = false), StringLength(CallIn.ReasonsMaxLength), MultiLine] string? Reasons);

/// <summary>A call-in's resolution: <c>no_further_action</c> or <c>referred_back</c>, with the committee's reasons.</summary>
public sealed record ResolveCallInRequest(
    [property: Required] CallInOutcome? Outcome,
    [property: Required(AllowEmptyStrings = false), StringLength(CallIn.ReasonsMaxLength), MultiLine] string? Reasons);

/// <summary>The decision a call-in concerns, as scrutiny heard it from the cycle.</summary>
public sealed record CalledInDecision(Guid Id, Guid IssueId, Guid BodyId, string Outcome, string Summary, DateTimeOffset PublishedAt, DateTimeOffset? CallInEndsAt, DateTimeOffset? TookEffectAt, Uri? Url);

/// <summary>A call-in as the public reads it: <c>open</c> until resolved, then its outcome and reasons.</summary>
public sealed record CallInResponse(
    Guid Id, Guid DecisionId, Guid CommitteeBodyId, string Reasons, DateTimeOffset CalledInAt, string CalledBy, string Status,
    CallInOutcome? Outcome, string? ResolutionReasons, DateTimeOffset? ResolvedAt, string? ResolvedBy, CalledInDecision? Decision)
{
    public static CallInResponse From(CallIn callIn, PublishedDecision? decision) => new(
        callIn.Id, callIn.DecisionId, callIn.CommitteeBodyId, callIn.Reasons, callIn.CalledInAt, callIn.CalledBy,
        callIn.ResolvedAt is null ? "open" : "resolved", callIn.Outcome, callIn.ResolutionReasons, callIn.ResolvedAt, callIn.ResolvedBy,
        decision is null ? null : new CalledInDecision(decision.Id, decision.IssueId, decision.BodyId, decision.Outcome, decision.Summary,
            decision.PublishedAt, decision.CallInEndsAt, decision.TookEffectAt, decision.Url));
}
