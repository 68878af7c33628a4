using Concordat.Cycle.Data;
using Concordat.ServiceDefaults.Access;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Delivery;

/// <summary>How many of a plan's actions stand at each status.</summary>
public sealed record ActionCounts(int NotStarted, int OnTrack, int AtRisk, int OffTrack, int Done, int Dropped)
{
    public static ActionCounts Of(IReadOnlyCollection<ActionResponse> actions)
    {
        int Count(ActionStatus status) => actions.Count(a => a.Status == status);
        return new(Count(ActionStatus.NotStarted), Count(ActionStatus.OnTrack), Count(ActionStatus.AtRisk), Count(ActionStatus.OffTrack), Count(ActionStatus.Done), Count(ActionStatus.Dropped));
    }
}

/// <summary>
/// One delivery plan rolled up for "how is the LAA doing?": the worst RAG its top-level actions show (after roll-up and
/// overrides; dropped ones count for nothing), its actions by status, and its exceptions as a monitoring report would list
/// them today (off-track actions, missed milestones, indicators behind trajectory, risks past review).
/// </summary>
public sealed record PlanRollUp(
    Guid PlanId, Guid IssueId, string IssueTitle, Guid DecisionId, Guid LeadBodyId, string Relation, Rag? WorstRag, int Actions, ActionCounts ByStatus,
    int OverdueActions, int OffTrackActions, int MilestonesMissed, int IndicatorsBehindTrajectory, int RisksPastReview, bool HasExceptions,
    IReadOnlyList<ExceptionLine> Exceptions, DateTimeOffset UpdatedAt)
{
    /// <summary>The body leads the plan.</summary>
    public const string Leads = "leads";

    /// <summary>The body took the decision the plan delivers.</summary>
    public const string Authorised = "authorised";

    /// <summary>Rolls <paramref name="plan"/> up at <paramref name="today"/>, by the same reading as a monitoring report (<see cref="MonitoringReport.Take"/>).</summary>
    public static PlanRollUp Of(DeliveryPlan plan, string issueTitle, IReadOnlyList<DeliveryAction> actions, Guid bodyId, DateOnly today)
    {
        var snapshot = MonitoringReport.Take(plan, actions, today);
        int Count(ExceptionKind kind) => snapshot.Exceptions.Count(e => e.Kind == kind);
        var worst = snapshot.Actions.Where(a => a.ParentId is null && a.Status != ActionStatus.Dropped && a.ShownRag is not null).Select(a => a.ShownRag!.Value)
            .DefaultIfEmpty().Max();
        var rated = snapshot.Actions.Any(a => a.ParentId is null && a.Status != ActionStatus.Dropped && a.ShownRag is not null);
        return new PlanRollUp(plan.Id, plan.IssueId, issueTitle, plan.DecisionId, plan.LeadBodyId, plan.LeadBodyId == bodyId ? Leads : Authorised,
            rated ? worst : null, snapshot.Actions.Count, ActionCounts.Of(snapshot.Actions), snapshot.Actions.Count(a => a.Overdue),
            Count(ExceptionKind.OffTrackAction), Count(ExceptionKind.MissedMilestone), Count(ExceptionKind.IndicatorBehindTrajectory), Count(ExceptionKind.RiskPastReview),
            snapshot.Exceptions.Count > 0, snapshot.Exceptions, plan.UpdatedAt);
    }
}

/// <summary>
/// "How is the LAA doing?": every delivery plan under a body, rolled up, exceptions first. The registry's read model
/// keeps no relations between bodies (part-of, reports-to), so "under a body" is the plans it leads and the plans of the
/// decisions it took (an authorising body such as the LAA's sees every plan delivering its decisions).
/// </summary>
public static class BodyDelivery
{
    public const int DefaultLimit = 20;

    /// <summary>A page rolls up at most this many plans (each up to <see cref="DeliveryApi.MaxActions"/> actions).</summary>
    public const int MaxLimit = 50;

    // The cursor's order letters: the plans with exceptions, then the rest.
    private const char ExceptionsOrder = 'x';
    private const char OnCourseOrder = 'o';

    public static IEndpointRouteBuilder MapBodyDeliveryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cycle/bodies/{id:guid}/delivery", BodyDeliveryPlans).Public().WithTags("Delivery").WithName(nameof(BodyDeliveryPlans))
            .WithSummary("How is the LAA doing? Every delivery plan the body leads or whose decision it took, each rolled up (worst RAG, actions by status, exceptions), plans with exceptions first, paged.")
            .ProducesProblem(404);
        return app;
    }

    public static async Task<Results<Ok<Page<PlanRollUp>>, NotFound, ValidationProblem>> BodyDeliveryPlans(
        Guid id, [FromQuery(Name = "limit")] int? limit, [FromQuery(Name = "cursor")] string? cursor, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        KeysetCursor? after = null;
        if (cursor is not null && (after = KeysetCursor.Parse(cursor, ExceptionsOrder, OnCourseOrder)) is null)
        {
            return CycleProblems.Field("cursor", "The cursor is not one this list gave out.");
        }

        if (!await db.Bodies.AnyAsync(b => b.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var today = StatutoryCalendar.UkToday(time);
        var keys = new List<(char Order, Guid Id)>();
        if (after is null || after.Value.Order == ExceptionsOrder)
        {
            var flagged = await PlanIdsAsync(db, id, exceptions: true, after, today, take + 1, cancellationToken);
            keys.AddRange(flagged.Select(p => (ExceptionsOrder, p)));
        }

        if (keys.Count <= take)
        {
            var onCourse = await PlanIdsAsync(db, id, exceptions: false, after?.Order == OnCourseOrder ? after : null, today, take + 1 - keys.Count, cancellationToken);
            keys.AddRange(onCourse.Select(p => (OnCourseOrder, p)));
        }

        var pageKeys = keys.Take(take).ToList();
        var ids = pageKeys.Select(k => k.Id).ToList();
        var plans = await db.DeliveryPlans.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var issueIds = plans.Values.Select(p => p.IssueId).Distinct().ToList();
        var titles = await db.Issues.AsNoTracking().Where(i => issueIds.Contains(i.Id)).Select(i => new { i.Id, i.Title }).ToDictionaryAsync(i => i.Id, i => i.Title, cancellationToken);
        var actions = (await db.DeliveryActions.AsNoTracking().Where(a => ids.Contains(a.PlanId) && a.RemovedAt == null)
            .OrderBy(a => a.PlanId).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.PlanId);
        var items = pageKeys.Select(k => PlanRollUp.Of(plans[k.Id], titles.GetValueOrDefault(plans[k.Id].IssueId, ""), [.. actions[k.Id]], id, today)).ToList();
        string? next = null;
        if (keys.Count > take)
        {
            var last = pageKeys[^1];
            next = new KeysetCursor(last.Order, plans[last.Id].CreatedAt, last.Id).ToString();
        }

        return TypedResults.Ok(new Page<PlanRollUp>(items, null, next));
    }

    /// <summary>
    /// The ids of the next <paramref name="take"/> live plans under <paramref name="body"/> in creation order after
    /// <paramref name="after"/>, those with (or without) an exception at <paramref name="today"/>. Each half of the union
    /// walks one index of the body in order and stops at <paramref name="take"/>, so a page costs the same however many
    /// plans the body has.
    /// </summary>
    internal static Task<List<Guid>> PlanIdsAsync(CycleDbContext db, Guid body, bool exceptions, KeysetCursor? after, DateOnly today, int take, CancellationToken cancellationToken)
    {
        var (afterAt, afterId) = after is { } a ? (a.At, a.Id) : (DateTimeOffset.UnixEpoch, Guid.Empty);
#pragma warning disable EF1003 // Only constant SQL is concatenated; every value is a parameter.
        return db.Database.SqlQueryRaw<Guid>(PlanIdsSql, body, afterAt, afterId, today, exceptions, take).ToListAsync(cancellationToken);
#pragma warning restore EF1003
    }

    /// <summary>
    /// Whether plan <c>p</c> has an exception at the day <c>{3}</c>, the monitoring report's test in SQL over the stored
    /// plan: an open action off track or shown red, a milestone past its date and not achieved, a risk past review, an
    /// indicator whose latest actual misses the target standing for its period. (One case differs from the report: a done
    /// action still rated red makes its open parent show red, which the report lists and this test does not.) The action
    /// test is a scalar subquery, probed per plan on the partial index of open off-track or red actions: as an EXISTS
    /// under OR, PostgreSQL would hash every such action of every plan before the first row.
    /// </summary>
    public const string ExceptionTest = """
        (COALESCE((SELECT true FROM delivery_actions a WHERE a.plan_id = p.id AND a.removed_at IS NULL AND a.status NOT IN ('Done', 'Dropped') AND (a.status = 'OffTrack' OR COALESCE(a.override_rag, a.rag) = 'Red') LIMIT 1), false)
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.milestones) m WHERE (m->>'DueOn')::date < {3} AND (m->>'AchievedOn' IS NULL OR (m->>'AchievedOn')::date > {3}))
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.risks) r WHERE (r->>'ReviewOn')::date < {3})
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.indicators) i
            CROSS JOIN LATERAL (SELECT x->>'Period' AS period, (x->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Actuals') x ORDER BY x->>'Period' COLLATE "C" DESC LIMIT 1) latest
            CROSS JOIN LATERAL (SELECT (t->>'Value')::numeric AS value FROM jsonb_array_elements(i->'Targets') t WHERE (t->>'Period') COLLATE "C" <= latest.period COLLATE "C" ORDER BY t->>'Period' COLLATE "C" DESC LIMIT 1) standing
            WHERE CASE i->>'Better' WHEN 'Higher' THEN latest.value < standing.value ELSE latest.value > standing.value END))
        """;

    /// <summary>
    /// The plans under body <c>{0}</c> after (<c>{1}</c>, <c>{2}</c>) whose <see cref="ExceptionTest"/> is <c>{4}</c>, the
    /// first <c>{5}</c>: each half walks its own index of the body in creation order and stops at the limit.
    /// </summary>
    public const string PlanIdsSql = """
        SELECT id AS "Value" FROM (
          (SELECT p.id, p.created_at FROM delivery_plans p
           WHERE p.lead_body_id = {0} AND p.removed_at IS NULL AND (p.created_at, p.id) > ({1}, {2}) AND 
        """ + ExceptionTest + """
         = {4}
           ORDER BY p.created_at, p.id LIMIT {5})
          UNION ALL
          (SELECT p.id, p.created_at FROM delivery_plans p
           WHERE p.authorised_by_body_id = {0} AND p.lead_body_id <> {0} AND p.removed_at IS NULL AND (p.created_at, p.id) > ({1}, {2}) AND 
        """ + ExceptionTest + """
         = {4}
           ORDER BY p.created_at, p.id LIMIT {5})
        ) under
        ORDER BY created_at, id LIMIT {5}
        """;
}
