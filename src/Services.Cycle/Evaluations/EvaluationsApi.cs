using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Delivery;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Lessons;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceDefaults;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Concordat.Cycle.Evaluations;

public static class EvaluationsApi
{
    /// <summary>
    /// Maps evaluation: <c>/api/cycle/issues/{id}/evaluations</c> (start one; the issue's completed ones) and
    /// <c>/api/cycle/evaluations/{id}</c> (read, edit the draft, complete it).
    /// </summary>
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cycle/issues/{id:guid}/evaluations", StartEvaluation).RequireToken().WithTags("Evaluation").WithName(nameof(StartEvaluation))
            .WithSummary("Starts a draft evaluation of an issue in implementation or evaluation: by a body with the executive or scrutiny role (its clerk, chair or a member), or by a named independent evaluator organisation (named by the issue's holder). Indicators are pre-filled, intended against achieved, from the issue's delivery plans.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        app.MapGet("/api/cycle/issues/{id:guid}/evaluations", IssueEvaluations).Public().WithTags("Evaluation").WithName(nameof(IssueEvaluations))
            .WithSummary("The issue's completed evaluations, oldest first, paged.")
            .ProducesProblem(404);

        var evaluations = app.MapGroup("/api/cycle/evaluations").WithTags("Evaluation");
        evaluations.MapGet("/{id:guid}", GetEvaluation).Public().WithName(nameof(GetEvaluation))
            .WithSummary("An evaluation: public once completed; a draft only to its evaluator (404 to others). Its version as the ETag.")
            .ProducesProblem(404);
        evaluations.MapPut("/{id:guid}", EditEvaluation).RequireToken().WithName(nameof(EditEvaluation))
            .WithSummary("The evaluator edits the draft (If-Match): indicators intended against achieved, objectives (what worked, what did not, why), unintended effects, recommendations, lessons. A null list is left as it is. Others get 403.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        evaluations.MapPost("/{id:guid}/completion", CompleteEvaluation).RequireToken().WithName(nameof(CompleteEvaluation))
            .WithSummary("The evaluator completes the draft (If-Match): it becomes public and is kept as completed, its lessons are published to the library, and the issue may close from evaluation.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        return app;
    }

    public static string Subject(Guid evaluationId) => $"evaluations/{evaluationId}";

    public static Uri PublicUrl(InstanceOptions instance, Guid id) => new(instance.BaseUri, $"/api/cycle/evaluations/{id}");

    /// <summary>
    /// Starts a draft. A body evaluator: the caller acts for that body, which has the executive or scrutiny role. An
    /// independent organisation: the caller acts for one of the issue's holders, who names it. 403 otherwise; 409 naming the
    /// rule when <see cref="EvaluationRules.MayStart"/> refuses.
    /// </summary>
    public static async Task<Results<Created<EvaluationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> StartEvaluation(
        Guid id, StartEvaluationRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var issue = await db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken);
        if (issue is null)
        {
            return TypedResults.NotFound();
        }

        var entitled = request.EvaluatorBodyId is { } asked
            ? await DeliveryApi.MayActForOwnerAsync(context, Guid.Empty, [asked], cancellationToken)
            : await DeliveryApi.MayActForOwnerAsync(context, Guid.Empty, [.. issue.HolderIds.Select(h => (Guid?)h)], cancellationToken);
        if (!entitled)
        {
            return Forbidden(request.EvaluatorBodyId is null
                ? "An independent evaluator organisation is named by the issue's holder (its clerk, chair or a member) or an administrator."
                : "A body's evaluation is started by its clerk, chair or a member, or an administrator.");
        }

        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        HolderCandidate? body = null;
        if (request.EvaluatorBodyId is { } bodyId)
        {
            var (known, unknown) = await HolderCandidates.LoadAsync(db, [bodyId], StatutoryCalendar.UkToday(time), cancellationToken);
            if (unknown is not null)
            {
                return unknown.AsProblem();
            }

            body = known[0];
        }

        if (EvaluationRules.MayStart(issue.Stage, body) is { } violation)
        {
            return violation.AsProblem();
        }

        var plans = await db.DeliveryPlans.AsNoTracking().Where(p => p.IssueId == id && p.RemovedAt == null).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var content = request.Content;
        var evaluation = Evaluation.Start(issue.Id, body?.Id, request.EvaluatorOrganisationId, body?.Name ?? request.EvaluatorName!.Trim(),
            content?.IndicatorsAsGiven() ?? [.. plans.SelectMany(p => p.Indicators.Select(i => Evaluation.Prefill(p.Id, i))).Take(Evaluation.MaxItems)], actor.Name, now);
        if (content is not null)
        {
            evaluation.Edit(EvaluationContentRequest.Trimmed(content.Summary), null, content.ObjectivesAsGiven(), EvaluationContentRequest.Trimmed(content.UnintendedEffects),
                content.RecommendationsAsGiven(), content.LessonsAsGiven(), now);
        }

        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync(cancellationToken);
        Versioning.Tag(context, evaluation);
        return TypedResults.Created($"/api/cycle/evaluations/{evaluation.Id}", EvaluationResponse.From(evaluation));
    }

    /// <summary>A completed evaluation, to anyone; a draft only to its evaluator or an administrator (404 to others, as if not there).</summary>
    public static async Task<Results<Ok<EvaluationResponse>, NotFound>> GetEvaluation(Guid id, CycleDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var evaluation = await db.Evaluations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.RemovedAt == null, cancellationToken);
        if (evaluation is null || (!evaluation.Completed && !await MayWriteAsync(context, evaluation, cancellationToken)))
        {
            return TypedResults.NotFound();
        }

        Versioning.Tag(context, evaluation);
        return TypedResults.Ok(EvaluationResponse.From(evaluation));
    }

    public static async Task<Results<Ok<Page<EvaluationSummary>>, NotFound, ValidationProblem>> IssueEvaluations(
        Guid id, [AsParameters] ListQuery query, CycleDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Issues.AnyAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var page = await Paging.PageAsync(db.Evaluations.Where(e => e.IssueId == id && e.CompletedAt != null), query, EvaluationSummary.From, cancellationToken);
        return page.Result switch
        {
            Ok<Page<EvaluationSummary>> ok => ok,
            ValidationProblem bad => bad,
            _ => throw new InvalidOperationException("Paging answers a page or a 400."),
        };
    }

    /// <summary>The evaluator edits the draft (If-Match); 409 <c>evaluation-completed</c> once completed.</summary>
    public static async Task<Results<Ok<EvaluationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> EditEvaluation(
        Guid id, EvaluationContentRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var (found, forbidden) = await EvaluatorCheckAsync(db, id, context, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        if (forbidden is not null)
        {
            return forbidden;
        }

        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<Evaluation, EvaluationResponse>(db, id, context, evaluation => Task.FromResult<Refusal?>(evaluation.Edit(
            EvaluationContentRequest.Trimmed(request.Summary), request.IndicatorsAsGiven(), request.ObjectivesAsGiven(), EvaluationContentRequest.Trimmed(request.UnintendedEffects),
            request.RecommendationsAsGiven(), request.LessonsAsGiven(), now)?.AsProblem()), EvaluationResponse.From, cancellationToken);
    }

    /// <summary>
    /// Completes the draft (If-Match) if <see cref="EvaluationRules.MayComplete"/> allows it: publishes each lesson (with
    /// this instance's id) to the library, puts the evaluation on the issue's timeline, and announces
    /// <c>EvaluationCompleted</c> and a <c>LessonPublished</c> per lesson, in one transaction.
    /// </summary>
    public static async Task<Results<Ok<EvaluationResponse>, NotFound, ValidationProblem, ProblemHttpResult>> CompleteEvaluation(
        Guid id, CycleDbContext db, TimeProvider time, IOptions<InstanceOptions> instance, HttpContext context, CancellationToken cancellationToken)
    {
        var (found, forbidden) = await EvaluatorCheckAsync(db, id, context, cancellationToken);
        if (!found)
        {
            return TypedResults.NotFound();
        }

        if (forbidden is not null)
        {
            return forbidden;
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<Evaluation, EvaluationResponse>(db, id, context, async evaluation =>
        {
            if (evaluation.Complete(actor.Name, now) is { } violation)
            {
                return violation.AsProblem();
            }

            var issue = await db.Issues.AsNoTracking().SingleAsync(i => i.Id == evaluation.IssueId, cancellationToken);
            var lessons = evaluation.Lessons.Select(l => Lesson.Publish(instance.Value.InstanceId, evaluation.Id, issue, l.Statement, l.Evidence,
                l.Themes.Count > 0 ? l.Themes : issue.Themes, actor.Name, now)).ToList();
            db.Lessons.AddRange(lessons);
            var achieved = evaluation.Indicators.Count(i => EvaluationRules.Achieved(i.Intended, i.Achieved, i.Better) == true);
            db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.EvaluationCompleted, actor, now, bodies: evaluation.EvaluatorBodyId is { } b ? [b] : null,
                note: $"Evaluation by {evaluation.Evaluator} completed: {achieved} of {evaluation.Indicators.Count} indicator(s) achieved what was intended; {lessons.Count} lesson(s)"));
            db.AddIntegrationEvent(new EvaluationCompleted
            {
                Subject = Subject(evaluation.Id), EvaluationId = evaluation.Id, IssueId = issue.Id, EvaluatorBodyId = evaluation.EvaluatorBodyId,
                EvaluatorOrganisationId = evaluation.EvaluatorOrganisationId, Evaluator = evaluation.Evaluator, IndicatorsAssessed = evaluation.Indicators.Count,
                IndicatorsAchieved = achieved, Recommendations = [.. evaluation.Recommendations], Lessons = [.. lessons.Select(l => l.Id)],
                Url = PublicUrl(instance.Value, evaluation.Id), CompletedAt = now, CompletedBy = actor.Name,
            });
            foreach (var lesson in lessons)
            {
                db.AddIntegrationEvent(LessonsApi.Published(lesson, instance.Value));
            }

            return null;
        }, EvaluationResponse.From, cancellationToken);
    }

    /// <summary>
    /// Whether the caller writes <paramref name="evaluation"/>: an administrator; for a body's, its clerk, chair or a member;
    /// for an independent organisation's, a token or partner key of that organisation.
    /// </summary>
    internal static Task<bool> MayWriteAsync(HttpContext context, Evaluation evaluation, CancellationToken cancellationToken) =>
        evaluation.EvaluatorBodyId is { } body
            ? DeliveryApi.MayActForOwnerAsync(context, Guid.Empty, [body], cancellationToken)
            : DeliveryApi.MayActForOwnerAsync(context, evaluation.EvaluatorOrganisationId!.Value, [], cancellationToken);

    /// <summary>Whether there is such an evaluation, and the 403 when the caller is not its evaluator.</summary>
    private static async Task<(bool Found, ProblemHttpResult? Forbidden)> EvaluatorCheckAsync(CycleDbContext db, Guid id, HttpContext context, CancellationToken cancellationToken)
    {
        var evaluation = await db.Evaluations.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.RemovedAt == null, cancellationToken);
        if (evaluation is null)
        {
            return (false, null);
        }

        return await MayWriteAsync(context, evaluation, cancellationToken)
            ? (true, null)
            : (true, Forbidden("An evaluation is written by its evaluator: for a body, its clerk, chair or a member; for an independent organisation, its partner token or key; or an administrator."));
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Forbidden.", statusCode: StatusCodes.Status403Forbidden, detail: detail);
}

/// <summary>A completed evaluation in the issue's list.</summary>
public sealed record EvaluationSummary(Guid Id, Guid IssueId, Guid? EvaluatorBodyId, Guid? EvaluatorOrganisationId, string Evaluator, string? Summary, DateTimeOffset? CompletedAt)
{
    public static EvaluationSummary From(Evaluation e) => new(e.Id, e.IssueId, e.EvaluatorBodyId, e.EvaluatorOrganisationId, e.Evaluator, e.Summary, e.CompletedAt);
}
