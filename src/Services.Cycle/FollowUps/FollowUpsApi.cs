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
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.FollowUps;

public static class FollowUpsApi
{
    /// <summary>Maps <c>POST /api/cycle/issues/{id}/follow-ups</c>: raising a follow-up issue from an issue at any stage, or from its evaluation.</summary>
    public static IEndpointRouteBuilder MapFollowUpsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cycle/issues/{id:guid}/follow-ups", RaiseFollowUp).RequireBodyRole(Raiser, CycleAccess.ActForBody)
            .WithTags("Follow-ups").WithName(nameof(RaiseFollowUp))
            .WithSummary("The issue's holder (or, naming its evaluation, the evaluating body) raises a follow-up issue: it starts in deliberation, held by the bodies named, with this issue as its parent, and goes on both timelines.")
            .ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    /// <summary>
    /// The body raising the follow-up: with <c>evaluationId</c>, the body evaluating this issue in that evaluation;
    /// otherwise the issue's holder the caller acts for.
    /// </summary>
    public static readonly BodyResolver Raiser = async context =>
    {
        if (context.Arguments.OfType<FollowUpRequest>().FirstOrDefault()?.EvaluationId is { } evaluation)
        {
            return Guid.TryParse(context.HttpContext.Request.RouteValues["id"]?.ToString(), out var issue)
                ? await EvaluatorBodyAsync(context.HttpContext.RequestServices.GetRequiredService<CycleDbContext>(), issue, evaluation, context.HttpContext.RequestAborted)
                : null;
        }

        return await CycleAccess.IssueHolder(context);
    };

    /// <summary>
    /// Raises the follow-up through the same write path as any issue (<see cref="IssuesApi.RaiseAsync"/>), raised by the
    /// acting body, with the parent set; then notes it on the parent's timeline and the follow-up's, and announces
    /// <c>FollowUpRaised</c> (besides <c>IssueRaised</c>), all in one transaction.
    /// </summary>
    public static async Task<Results<Created<IssueResponse>, NotFound, ValidationProblem, ProblemHttpResult>> RaiseFollowUp(
        Guid id, FollowUpRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var parent = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (parent is null)
        {
            return TypedResults.NotFound();
        }

        Guid raiser;
        if (request.EvaluationId is { } evaluation)
        {
            if (await EvaluatorBodyAsync(db, id, evaluation, cancellationToken) is not { } evaluator)
            {
                return CycleProblems.Field("evaluationId", "No evaluation of this issue by a body has that id (an independent evaluator recommends; the issue's holder raises).");
            }

            raiser = evaluator;
        }
        else
        {
            raiser = await HolderActedForAsync(context, parent.HolderIds, cancellationToken);
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var raise = new RaiseIssueRequest(request.Title, request.Description, request.Kind ?? parent.Kind, request.Themes ?? parent.Themes, request.Areas ?? parent.Areas,
            raiser, null, parent.Id, request.Holders, request.DueOn);
        var (issue, refused) = await IssuesApi.RaiseAsync(raise, db, time, actor, cancellationToken);
        if (refused is not null)
        {
            return refused.As<Created<IssueResponse>>();
        }

        var now = time.GetUtcNow();
        db.Timeline.Add(TimelineEntry.Of(parent.Id, TimelineEntryKind.FollowUpRaised, actor, now, toStage: issue!.Stage, toHolders: issue.HolderIds, bodies: [raiser],
            note: $"Follow-up raised: {issue.Title}", relatedIssueId: issue.Id));
        db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.FollowUpRaised, actor, now, toStage: issue.Stage, toHolders: issue.HolderIds, bodies: [raiser],
            note: $"A follow-up of {parent.Title}", relatedIssueId: parent.Id));
        db.AddIntegrationEvent(new FollowUpRaised
        {
            Subject = IssuesApi.Subject(issue.Id), IssueId = issue.Id, ParentIssueId = parent.Id, Title = issue.Title, Holders = issue.HolderIds,
            RaisedByBodyId = raiser, EvaluationId = request.EvaluationId, RaisedBy = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, issue);
        return TypedResults.Created($"/api/cycle/issues/{issue.Id}", IssueResponse.From(issue));
    }

    private static async Task<Guid?> EvaluatorBodyAsync(CycleDbContext db, Guid issue, Guid evaluation, CancellationToken cancellationToken) =>
        await db.Evaluations.AsNoTracking().Where(e => e.Id == evaluation && e.IssueId == issue && e.RemovedAt == null && e.EvaluatorBodyId != null)
            .Select(e => e.EvaluatorBodyId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Of the holders, the first the caller acts for (as the access check found), otherwise the first (an administrator).</summary>
    private static async Task<Guid> HolderActedForAsync(HttpContext context, IReadOnlyList<Guid> holders, CancellationToken cancellationToken)
    {
        if (holders.Count > 1 && context.User.FindFirstValue(ConcordatClaims.Subject) is { Length: > 0 } subject)
        {
            var roles = context.RequestServices.GetRequiredService<IBodyRoles>();
            foreach (var body in holders)
            {
                if ((await roles.HeldAsync(subject, body, cancellationToken)).Overlaps(CycleAccess.ActForBody))
                {
                    return body;
                }
            }
        }

        return holders.Count == 0 ? Guid.Empty : holders[0];
    }
}

/// <summary>
/// A follow-up issue: its title and what it is about, the bodies that will deliberate on it, and, when an evaluation raises
/// it, that evaluation. Kind, themes and areas are the parent's unless given.
/// </summary>
public sealed record FollowUpRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Issue.TitleMaxLength)] string? Title,
    [property: StringLength(Issue.DescriptionMaxLength), MultiLine] string? Description,
    IssueKind? Kind,
    IReadOnlyList<string>? Themes,
    IReadOnlyList<Guid>? Areas,
    [property: Required] IReadOnlyList<Guid>? Holders,
    DateOnly? DueOn,
    Guid? EvaluationId);
