using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Concordat.Contracts.Cycle;
using Concordat.Cycle.Data;
using Concordat.Cycle.Decisions;
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

namespace Concordat.Cycle.Delivery;

public static class DeliveryApi
{
    /// <summary>
    /// Maps delivery and monitoring: <c>/api/cycle/delivery-plans</c> (plans, milestones, indicators, risks, monitoring
    /// reports), <c>/api/cycle/delivery-actions</c> (progress and overrides), <c>/api/cycle/monitoring-reports</c> and
    /// <c>/api/cycle/organisations/{id}/overdue-actions</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/cycle/delivery-plans").WithTags("Delivery");
        plans.MapPost("/", StartDeliveryPlan).RequireBodyRole(RequestedLead, CycleAccess.ActForBody).WithName(nameof(StartDeliveryPlan))
            .WithSummary("The lead body (executive or delivery, or a task group registered for the issue) starts the delivery plan of a decision in effect, copying the allocations it committed.")
            .ProducesProblem(409);
        plans.MapGet("/{id:guid}", GetDeliveryPlan).Public().WithName(nameof(GetDeliveryPlan))
            .WithSummary("A delivery plan with its actions (RAG and progress rolled up), milestones (with every date they had), indicators and risks; its version as the ETag.")
            .ProducesProblem(404);
        plans.MapPost("/{id:guid}/actions", AddDeliveryAction).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(AddDeliveryAction))
            .WithSummary("The lead body adds an action to the plan, owned by an organisation (and optionally a body), optionally under a parent action.")
            .ProducesProblem(404).ProducesProblem(409);
        plans.MapPost("/{id:guid}/milestones", AddMilestone).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(AddMilestone))
            .WithSummary("The lead body adds a dated milestone to the plan (If-Match: the plan's version).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapPut("/{id:guid}/milestones/{milestoneId:guid}", MoveMilestone).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(MoveMilestone))
            .WithSummary("The lead body moves a milestone's date (kept in its history; a later date is a slip, announced) or records it achieved (If-Match).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapPost("/{id:guid}/indicators", AddIndicator).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(AddIndicator))
            .WithSummary("The lead body adds an indicator: name, unit, better direction, baseline with its date, targets per period, the organisation that reports it, optionally a national indicator reference (If-Match).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapPost("/{id:guid}/indicators/{indicatorId:guid}/actuals", ReportActual).RequireToken().WithName(nameof(ReportActual))
            .WithSummary("The indicator's owner organisation (a partner token or key of it, or a member of the lead body) enters the actual for a period, with notes (If-Match); others get 403.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapGet("/{id:guid}/indicators/{indicatorId:guid}/trajectory", IndicatorTrajectory).Public().WithName(nameof(IndicatorTrajectory))
            .WithSummary("An indicator's trajectory: baseline, targets and actuals by period, each actual on or behind trajectory, and where the latest stands.")
            .ProducesProblem(404);
        plans.MapGet("/{id:guid}/indicators/{indicatorId:guid}/trajectory.svg", IndicatorTrajectoryChart).Public().WithName(nameof(IndicatorTrajectoryChart))
            .WithSummary("The same trajectory as an accessible SVG line chart (title and description), for the public page.")
            .Produces<string>(200, "image/svg+xml").ProducesProblem(404);
        plans.MapPost("/{id:guid}/risks", AddRisk).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(AddRisk))
            .WithSummary("The lead body adds a risk: description, likelihood and impact (1–5 each), owner, mitigation and review date (If-Match).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapPut("/{id:guid}/risks/{riskId:guid}", ReviewRisk).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(ReviewRisk))
            .WithSummary("The lead body reviews a risk: its likelihood, impact, owner and mitigation now, and the date of its next review (If-Match).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        plans.MapPost("/{id:guid}/monitoring-reports", IssueMonitoringReport).RequireBodyRole(PlanLead, CycleAccess.ActForBody).WithName(nameof(IssueMonitoringReport))
            .WithSummary("The lead body issues a monitoring report: a snapshot of the plan at a date with its exception list, kept as issued and public.")
            .ProducesProblem(404);
        plans.MapGet("/{id:guid}/monitoring-reports", ListMonitoringReports).Public().WithName(nameof(ListMonitoringReports))
            .WithSummary("The plan's issued monitoring reports, oldest first, paged.")
            .ProducesProblem(404);

        var actions = app.MapGroup("/api/cycle/delivery-actions").WithTags("Delivery");
        actions.MapPost("/{id:guid}/progress", UpdateProgress).RequireToken().WithName(nameof(UpdateProgress))
            .WithSummary("The action's owner organisation (a partner token or key of it, or a clerk, chair or member of its owning body or of the lead body) records progress, status and RAG with its reason (If-Match); others get 403.")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);
        actions.MapPut("/{id:guid}/override", OverrideRag).RequireBodyRole(ActionLead, CycleAccess.ActForBody).WithName(nameof(OverrideRag))
            .WithSummary("The lead body overrides the RAG an action shows instead of its rolled-up one, with a reason, or clears the override (rag null) (If-Match).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(428);

        app.MapGet("/api/cycle/issues/{id:guid}/delivery-plans", IssueDeliveryPlans).Public().WithTags("Delivery").WithName(nameof(IssueDeliveryPlans))
            .WithSummary("The delivery plans of an issue's decisions, oldest first, paged: where to find how a decision is being delivered.")
            .ProducesProblem(404);
        app.MapGet("/api/cycle/monitoring-reports/{id:guid}", GetMonitoringReport).Public().WithTags("Delivery").WithName(nameof(GetMonitoringReport))
            .WithSummary("An issued monitoring report, exactly as issued: its snapshot is never recomputed.")
            .ProducesProblem(404);
        app.MapGet("/api/cycle/organisations/{id:guid}/overdue-actions", OverdueActions).Public().WithTags("Delivery").WithName(nameof(OverdueActions))
            .WithSummary("What is overdue for an organisation: its open actions (not done or dropped) past their due date (UK day), oldest due first, paged.");
        app.MapBodyDeliveryApi();
        app.MapDeliveryCsvApi();
        return app;
    }

    /// <summary>The lead body a new plan names.</summary>
    public static readonly BodyResolver RequestedLead = BodyFrom.Argument<StartDeliveryPlanRequest>(r => r.LeadBodyId);

    /// <summary>The lead body of the plan <c>/delivery-plans/{id}</c>.</summary>
    public static readonly BodyResolver PlanLead = BodyFrom.Lookup<CycleDbContext>("id", (db, id, cancellationToken) =>
        db.DeliveryPlans.Where(p => p.Id == id).Select(p => (Guid?)p.LeadBodyId).SingleOrDefaultAsync(cancellationToken));

    /// <summary>The lead body of the plan of the action <c>/delivery-actions/{id}</c>.</summary>
    public static readonly BodyResolver ActionLead = BodyFrom.Lookup<CycleDbContext>("id", (db, id, cancellationToken) =>
        db.DeliveryActions.Where(a => a.Id == id).Join(db.DeliveryPlans, a => a.PlanId, p => p.Id, (a, p) => (Guid?)p.LeadBodyId).SingleOrDefaultAsync(cancellationToken));

    public static string Subject(Guid planId) => $"delivery-plans/{planId}";

    /// <summary>Starts a plan for a decision in effect, if <see cref="DeliveryRules.MayStart"/> allows it; announced and on the issue's timeline.</summary>
    public static async Task<Results<Created<DeliveryPlanResponse>, ValidationProblem, ProblemHttpResult>> StartDeliveryPlan(
        StartDeliveryPlanRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Held while the plan is checked and written, so two starts for one decision are decided one after the other.
        await RowLocks.ForUpdateAsync<Decision>(db, request.DecisionId!.Value, cancellationToken);
        var decision = await db.Decisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == request.DecisionId && d.RemovedAt == null, cancellationToken);
        if (decision is null)
        {
            return CycleProblems.Field("decisionId", $"No decision {request.DecisionId}.");
        }

        var issue = await db.Issues.AsNoTracking().SingleAsync(i => i.Id == decision.IssueId, cancellationToken);
        var bodies = request.ContributingBodyIds ?? [];
        var (known, unknown) = await HolderCandidates.LoadAsync(db, [request.LeadBodyId!.Value, .. bodies], StatutoryCalendar.UkToday(time), cancellationToken, taskGroupsOf: issue.Id);
        if (unknown is not null)
        {
            return unknown.AsProblem();
        }

        var now = time.GetUtcNow();
        var exists = await db.DeliveryPlans.AnyAsync(p => p.DecisionId == decision.Id && p.RemovedAt == null, cancellationToken);
        if (DeliveryRules.MayStart(DecisionRules.InEffect(decision, now), issue.Stage, known[0], exists) is { } violation)
        {
            return violation.AsProblem();
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var plan = DeliveryPlan.Start(decision, request.LeadBodyId.Value, request.ContributingOrganisationIds ?? [], bodies, actor.Name, now);
        db.DeliveryPlans.Add(plan);
        db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.DeliveryPlanStarted, actor, now, bodies: [plan.LeadBodyId], decisionId: decision.Id,
            note: $"Delivery plan led by {known[0].Name}"));
        db.AddIntegrationEvent(new DeliveryPlanStarted
        {
            Subject = Subject(plan.Id), PlanId = plan.Id, IssueId = plan.IssueId, DecisionId = plan.DecisionId, LeadBodyId = plan.LeadBodyId,
            ContributingOrganisations = plan.ContributingOrganisations, ContributingBodies = plan.ContributingBodies,
            Allocations = [.. plan.Allocations.Select(a => new DecisionAllocation { OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = a.InKind })],
            StartedBy = actor.Name,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, plan);
        return TypedResults.Created($"/api/cycle/delivery-plans/{plan.Id}", DeliveryPlanResponse.From(plan, [], StatutoryCalendar.UkToday(time)));
    }

    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound>> GetDeliveryPlan(
        Guid id, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actions = await ActionsOfAsync(db, id, cancellationToken);
        return await RecordResults.GetAsync(db.DeliveryPlans, id, context, plan => DeliveryPlanResponse.From(plan, actions, StatutoryCalendar.UkToday(time)), cancellationToken);
    }

    /// <summary>Adds an action (the plan's row locked while its actions are counted and the parent checked).</summary>
    public static async Task<Results<Created<ActionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddDeliveryAction(
        Guid id, AddActionRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<DeliveryPlan>(db, id, cancellationToken);
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var actions = await ActionsOfAsync(db, id, cancellationToken);
        var (action, refused) = await AddActionAsync(db, plan, actions, request, time.GetUtcNow(), cancellationToken);
        if (refused?.Invalid is { } invalidField)
        {
            return invalidField;
        }

        if (refused?.Problem is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, action!);
        return TypedResults.Created($"/api/cycle/delivery-actions/{action!.Id}", One(action, actions, StatutoryCalendar.UkToday(time)));
    }

    /// <summary>
    /// Adds an action to <paramref name="plan"/> (whose row the caller holds locked), unsaved: the one way an action is
    /// added, by the JSON endpoint and by the CSV import. <paramref name="actions"/> are the plan's live actions so far.
    /// </summary>
    internal static async Task<(DeliveryAction? Added, Refusal? Refused)> AddActionAsync(
        CycleDbContext db, DeliveryPlan plan, IReadOnlyList<DeliveryAction> actions, AddActionRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return (null, invalid);
        }

        if (request.ParentId is { } parent && actions.All(a => a.Id != parent))
        {
            return (null, CycleProblems.Field("parentId", "The parent is not an action of this plan."));
        }

        if (request.OwnerBodyId is { } body && !await db.Bodies.AnyAsync(b => b.Id == body, cancellationToken))
        {
            return (null, HolderCandidates.Unknown(body).AsProblem());
        }

        if (actions.Count >= MaxActions)
        {
            return (null, new RuleViolation("delivery-plan-full", $"A delivery plan has at most {MaxActions} actions.").AsProblem());
        }

        var action = DeliveryAction.Add(plan, request.ParentId, request.OwnerOrganisationId!.Value, request.OwnerBodyId, request.Title!, request.DueOn!.Value, now);
        db.DeliveryActions.Add(action);
        return (action, null);
    }

    /// <summary>How many actions a plan holds: enough for a county programme, few enough to roll up in one read.</summary>
    public const int MaxActions = 500;

    /// <summary>
    /// Records progress on an action. Its owner organisation updates it: a token or partner key carrying that organisation,
    /// or a clerk, chair or member of its owning body; the lead body's clerk, chair or members too; administrators pass.
    /// Another organisation's caller gets 403 (the plan is public, so the action's existence is no secret).
    /// </summary>
    public static async Task<Results<Ok<ActionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateProgress(
        Guid id, ProgressRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var owner = await db.DeliveryActions.AsNoTracking().Where(a => a.Id == id && a.RemovedAt == null)
            .Join(db.DeliveryPlans, a => a.PlanId, p => p.Id, (a, p) => new { a.PlanId, a.OwnerOrganisationId, a.OwnerBodyId, p.LeadBodyId })
            .SingleOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return TypedResults.NotFound();
        }

        if (!await MayActForOwnerAsync(context, owner.OwnerOrganisationId, [owner.OwnerBodyId, owner.LeadBodyId], cancellationToken))
        {
            return NotTheOwner("action");
        }

        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var siblings = await ActionsOfAsync(db, owner.PlanId, cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<DeliveryAction, ActionResponse>(db, id, context,
            action => Task.FromResult(RecordProgress(db, action, request, actor, now)), action => One(action, siblings, StatutoryCalendar.UkToday(time)), cancellationToken);
    }

    /// <summary>
    /// Records progress on a tracked <paramref name="action"/>, unsaved, announcing a change of status or RAG: the one way
    /// progress is recorded, by the JSON endpoint and by the CSV import. Null when recorded, else why not.
    /// </summary>
    internal static Refusal? RecordProgress(CycleDbContext db, DeliveryAction action, ProgressRequest request, Actor actor, DateTimeOffset now)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var (fromStatus, fromRag) = (action.Status, action.OverrideRag ?? action.Rag);
        if (action.Update(request.Note!, request.PercentComplete, request.Status, request.Rag, request.RagReason, actor.Name, now, out var changed) is { } refused)
        {
            return refused.AsProblem();
        }

        if (changed)
        {
            Announce(db, action, fromStatus, fromRag, request.RagReason, actor, now);
        }

        return null;
    }

    /// <summary>The lead body overrides (or clears) the RAG an action shows; the rolled-up one stays visible beside it.</summary>
    public static async Task<Results<Ok<ActionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> OverrideRag(
        Guid id, OverrideRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Rag is not null && string.IsNullOrWhiteSpace(request.Reason))
        {
            return CycleProblems.Field("reason", "An override says why the action shows another RAG than its own and its children's.");
        }

        var planId = await db.DeliveryActions.AsNoTracking().Where(a => a.Id == id && a.RemovedAt == null).Select(a => (Guid?)a.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (planId is null)
        {
            return TypedResults.NotFound();
        }

        var siblings = await ActionsOfAsync(db, planId.Value, cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await RecordResults.ChangeAsync<DeliveryAction, ActionResponse>(db, id, context, action =>
        {
            var (status, fromRag) = (action.Status, action.OverrideRag ?? action.Rag);
            action.Override(request.Rag, request.Reason, actor.Name, now);
            if ((action.OverrideRag ?? action.Rag) != fromRag)
            {
                Announce(db, action, status, fromRag, request.Reason, actor, now);
            }

            return Task.FromResult<Refusal?>(null);
        }, action => One(action, siblings, StatutoryCalendar.UkToday(time)), cancellationToken);
    }

    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddMilestone(
        Guid id, AddMilestoneRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            return CycleProblems.Field("title", "Name the milestone.");
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time, plan => Task.FromResult<Refusal?>(plan.AddMilestone(new Milestone
        {
            Id = Guid.CreateVersion7(now), Title = request.Title.Trim(), DueOn = request.DueOn!.Value,
            History = [new MilestoneDate { DueOn = request.DueOn.Value, SetAt = now, SetBy = actor.Name }],
        }, now)?.AsProblem()), cancellationToken);
    }

    /// <summary>Moves a milestone's date, kept in its history; a later date is a slip, announced as <c>MilestoneSlipped</c>.</summary>
    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> MoveMilestone(
        Guid id, Guid milestoneId, MoveMilestoneRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time, plan =>
        {
            if (plan.Milestones.FirstOrDefault(m => m.Id == milestoneId) is not { } milestone)
            {
                return Task.FromResult<Refusal?>(CycleProblems.Field("milestoneId", "The plan has no such milestone."));
            }

            var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
            if (plan.MoveMilestone(milestone, request.DueOn!.Value, request.AchievedOn, reason, actor.Name, now) is { } previous
                && DeliveryRules.Slips(previous, milestone.DueOn))
            {
                db.AddIntegrationEvent(new MilestoneSlipped
                {
                    Subject = Subject(plan.Id), PlanId = plan.Id, IssueId = plan.IssueId, MilestoneId = milestone.Id, Title = milestone.Title,
                    FromDueOn = previous, ToDueOn = milestone.DueOn, Slips = DeliveryRules.SlipCount([.. milestone.History.Select(h => h.DueOn)]),
                    Reason = reason, SlippedBy = actor.Name,
                });
            }

            return Task.FromResult<Refusal?>(null);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddIndicator(
        Guid id, AddIndicatorRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time, plan => Task.FromResult<Refusal?>(plan.AddIndicator(new Indicator
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), Unit = request.Unit!.Trim(), Better = request.Better!.Value,
            NationalIndicator = string.IsNullOrWhiteSpace(request.NationalIndicator) ? null : request.NationalIndicator.Trim(),
            OwnerOrganisationId = request.OwnerOrganisationId!.Value, Baseline = request.Baseline!.Value, BaselineOn = request.BaselineOn!.Value,
            Targets = [.. (request.Targets ?? []).OrderBy(t => t.Period, StringComparer.Ordinal).Select(t => new IndicatorTarget { Period = t.Period!.Trim(), Value = t.Value!.Value })],
        }, now)?.AsProblem()), cancellationToken);
    }

    /// <summary>
    /// Enters an actual for a period: the indicator's owner organisation (a token or partner key carrying it), the lead
    /// body's clerk, chair or members, or an administrator; others get 403. Announced as <c>IndicatorReported</c>.
    /// </summary>
    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReportActual(
        Guid id, Guid indicatorId, ReportActualRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan?.Indicators.FirstOrDefault(i => i.Id == indicatorId) is not { } indicator)
        {
            return TypedResults.NotFound();
        }

        if (!await MayActForOwnerAsync(context, indicator.OwnerOrganisationId, [plan.LeadBodyId], cancellationToken))
        {
            return NotTheOwner("indicator");
        }

        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time,
            changing => Task.FromResult(RecordActual(db, changing, changing.Indicators.Single(i => i.Id == indicatorId), request, actor, now)), cancellationToken);
    }

    /// <summary>
    /// Enters an actual on a tracked <paramref name="plan"/>'s <paramref name="indicator"/>, unsaved, announced as
    /// <c>IndicatorReported</c>: the one way an actual is entered, by the JSON endpoint and by the CSV import. The caller
    /// has checked that the caller acts for the indicator's owner.
    /// </summary>
    internal static Refusal? RecordActual(CycleDbContext db, DeliveryPlan plan, Indicator indicator, ReportActualRequest request, Actor actor, DateTimeOffset now)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var period = request.Period!.Trim();
        plan.Report(indicator, period, request.Value!.Value, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), actor.Name, now);
        var trajectory = indicator.Trajectory();
        db.AddIntegrationEvent(new IndicatorReported
        {
            Subject = Subject(plan.Id), PlanId = plan.Id, IssueId = plan.IssueId, IndicatorId = indicator.Id, Name = indicator.Name,
            Unit = indicator.Unit, NationalIndicator = indicator.NationalIndicator, Period = period, Value = request.Value.Value,
            Target = trajectory.Points.FirstOrDefault(p => p.Period == period)?.Target,
            Trajectory = Wire(trajectory.Status), ReportedBy = actor.Name,
        });
        return null;
    }

    public static async Task<Results<Ok<TrajectoryResponse>, NotFound>> IndicatorTrajectory(Guid id, Guid indicatorId, CycleDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        return plan?.Indicators.FirstOrDefault(i => i.Id == indicatorId) is { } indicator
            ? TypedResults.Ok(TrajectoryResponse.From(indicator))
            : TypedResults.NotFound();
    }

    public static async Task<Results<ContentHttpResult, NotFound>> IndicatorTrajectoryChart(Guid id, Guid indicatorId, CycleDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        return plan?.Indicators.FirstOrDefault(i => i.Id == indicatorId) is { } indicator
            ? TypedResults.Text(TrajectoryChart.Svg(TrajectoryResponse.From(indicator)), "image/svg+xml; charset=utf-8")
            : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> AddRisk(
        Guid id, AddRiskRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time, plan => Task.FromResult<Refusal?>(plan.AddRisk(new Risk
        {
            Id = Guid.CreateVersion7(now), Description = request.Description!.Trim(), Likelihood = request.Likelihood!.Value, Impact = request.Impact!.Value,
            OwnerOrganisationId = request.OwnerOrganisationId, Owner = request.Owner!.Trim(),
            Mitigation = string.IsNullOrWhiteSpace(request.Mitigation) ? null : request.Mitigation.Trim(), ReviewOn = request.ReviewOn!.Value,
        }, now)?.AsProblem()), cancellationToken);
    }

    /// <summary>Reviews a risk: its assessment now and its next review date (which takes it off the exception list).</summary>
    public static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ReviewRisk(
        Guid id, Guid riskId, AddRiskRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Invalid() is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        return await ChangePlanAsync(db, id, context, time, plan => Task.FromResult<Refusal?>(plan.ReviewRisk(riskId, new Risk
        {
            Id = riskId, Description = request.Description!.Trim(), Likelihood = request.Likelihood!.Value, Impact = request.Impact!.Value,
            OwnerOrganisationId = request.OwnerOrganisationId, Owner = request.Owner!.Trim(),
            Mitigation = string.IsNullOrWhiteSpace(request.Mitigation) ? null : request.Mitigation.Trim(), ReviewOn = request.ReviewOn!.Value,
        }, now) ? null : CycleProblems.Field("riskId", "The plan has no such risk.")), cancellationToken);
    }

    /// <summary>
    /// Issues a monitoring report at <c>asAt</c> (a UK day, today unless named, not in the future): the plan's row is locked
    /// while its snapshot is taken, so the report is one consistent reading. Announced, and on the issue's timeline.
    /// </summary>
    public static async Task<Results<Created<MonitoringReportResponse>, NotFound, ValidationProblem>> IssueMonitoringReport(
        Guid id, IssueReportRequest request, CycleDbContext db, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var today = StatutoryCalendar.UkToday(time);
        var asAt = request.AsAt ?? today;
        if (asAt > today)
        {
            return CycleProblems.Field("asAt", "A monitoring report is a reading at a day that has come; asAt is today or earlier.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RowLocks.ForUpdateAsync<DeliveryPlan>(db, id, cancellationToken);
        var plan = await db.DeliveryPlans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken);
        if (plan is null)
        {
            return TypedResults.NotFound();
        }

        var actions = await ActionsOfAsync(db, id, cancellationToken);
        var actor = await CycleAccess.ActorAsync(context, db, cancellationToken);
        var now = time.GetUtcNow();
        var snapshot = MonitoringReport.Take(plan, actions, asAt);
        var report = MonitoringReport.Issue(plan, asAt, request.Summary, snapshot, actor.Name, now);
        db.MonitoringReports.Add(report);
        db.Timeline.Add(TimelineEntry.Of(plan.IssueId, TimelineEntryKind.MonitoringReportIssued, actor, now, bodies: [plan.LeadBodyId],
            note: $"Monitoring report at {asAt:yyyy-MM-dd}: {snapshot.Exceptions.Count} exception(s)"));
        db.AddIntegrationEvent(new MonitoringReportIssued
        {
            Subject = $"monitoring-reports/{report.Id}", ReportId = report.Id, PlanId = plan.Id, IssueId = plan.IssueId, LeadBodyId = plan.LeadBodyId,
            AsAt = asAt, IssuedAt = now, IssuedBy = actor.Name,
            Exceptions = Enum.GetValues<ExceptionKind>().ToDictionary(Wire, k => snapshot.Exceptions.Count(e => e.Kind == k)),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Versioning.Tag(context, report);
        return TypedResults.Created($"/api/cycle/monitoring-reports/{report.Id}", MonitoringReportResponse.From(report));
    }

    public static async Task<Results<Ok<MonitoringReportResponse>, NotFound>> GetMonitoringReport(Guid id, CycleDbContext db, HttpContext context, CancellationToken cancellationToken) =>
        await RecordResults.GetAsync(db.MonitoringReports, id, context, MonitoringReportResponse.From, cancellationToken);

    public static async Task<Results<Ok<Page<MonitoringReportSummary>>, NotFound, ValidationProblem>> ListMonitoringReports(
        Guid id, [AsParameters] ListQuery query, CycleDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.DeliveryPlans.AnyAsync(p => p.Id == id && p.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var page = await Paging.PageAsync(db.MonitoringReports.Where(r => r.PlanId == id), query,
            r => new MonitoringReportSummary(r.Id, r.PlanId, r.AsAt, r.Summary, r.IssuedAt, r.IssuedBy), cancellationToken);
        return page.Result switch
        {
            Ok<Page<MonitoringReportSummary>> ok => ok,
            ValidationProblem bad => bad,
            _ => throw new InvalidOperationException("Paging answers a page or a 400."),
        };
    }

    public static async Task<Results<Ok<Page<DeliveryPlanSummary>>, NotFound, ValidationProblem>> IssueDeliveryPlans(
        Guid id, [AsParameters] ListQuery query, CycleDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Issues.AnyAsync(i => i.Id == id && i.RemovedAt == null, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var page = await Paging.PageAsync(db.DeliveryPlans.Where(p => p.IssueId == id), query,
            p => new DeliveryPlanSummary(p.Id, p.IssueId, p.DecisionId, p.LeadBodyId, p.StartedBy, p.CreatedAt, p.UpdatedAt), cancellationToken);
        return page.Result switch
        {
            Ok<Page<DeliveryPlanSummary>> ok => ok,
            ValidationProblem bad => bad,
            _ => throw new InvalidOperationException("Paging answers a page or a 400."),
        };
    }

    /// <summary>The overdue list's cursor order letter: by due date.</summary>
    private const char DueOrder = 'd';

    /// <summary>
    /// An organisation's open actions past due (before today, UK), oldest due first, paged by (due date, id) on the index
    /// that holds only open actions, so a page reads limit + 1 index entries.
    /// </summary>
    public static async Task<Results<Ok<Page<OverdueAction>>, ValidationProblem>> OverdueActions(
        Guid id, [AsParameters] ListQuery query, CycleDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? ListQuery.DefaultLimit;
        if (limit is < 1 or > ListQuery.MaxLimit)
        {
            return CycleProblems.Field("limit", $"limit must be between 1 and {ListQuery.MaxLimit}.");
        }

        if (query.ModifiedSince is not null)
        {
            return CycleProblems.Field("modified_since", "The overdue list is read in due-date order; it has no modified_since.");
        }

        var today = StatutoryCalendar.UkToday(time);
        var open = db.DeliveryActions.AsNoTracking().Where(a => a.OwnerOrganisationId == id && a.RemovedAt == null
            && a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped && a.DueOn < today);
        if (query.Cursor is { } token)
        {
            if (KeysetCursor.Parse(token, DueOrder) is not { } after)
            {
                return CycleProblems.Field("cursor", "The cursor is not one this list gave out.");
            }

            var day = DateOnly.FromDateTime(after.At.UtcDateTime);
            open = open.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.DueOn, a.Id), ValueTuple.Create(day, after.Id)));
        }

        var rows = await open.OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(limit + 1)
            .Select(a => new { a.Id, a.PlanId, a.IssueId, a.Title, a.DueOn, a.Status, a.Rag, a.OverrideRag }).ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(a => new OverdueAction(a.Id, a.PlanId, a.IssueId, a.Title, a.DueOn, a.Status, a.OverrideRag ?? a.Rag, today.DayNumber - a.DueOn.DayNumber)).ToList();
        var next = rows.Count > limit
            ? new KeysetCursor(DueOrder, new DateTimeOffset(page[^1].DueOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), page[^1].Id).ToString()
            : null;
        return TypedResults.Ok(new Page<OverdueAction>(page, null, next));
    }

    /// <summary>Every live action of a plan, in the order added.</summary>
    internal static Task<List<DeliveryAction>> ActionsOfAsync(CycleDbContext db, Guid planId, CancellationToken cancellationToken) =>
        db.DeliveryActions.AsNoTracking().Where(a => a.PlanId == planId && a.RemovedAt == null).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(MaxActions).ToListAsync(cancellationToken);

    /// <summary>The actions as shown, rolled up.</summary>
    internal static List<ActionResponse> Actions(IReadOnlyList<DeliveryAction> actions, DateOnly today)
    {
        var rolled = DeliveryRules.RollUp([.. actions.Select(a => a.Node)]);
        return [.. actions.Select(a => ActionResponse.From(a, rolled[a.Id], today))];
    }

    private static ActionResponse One(DeliveryAction changed, IReadOnlyList<DeliveryAction> siblings, DateOnly today) =>
        Actions([.. siblings.Where(s => s.Id != changed.Id), changed], today).Single(a => a.Id == changed.Id);

    private static async Task<Results<Ok<DeliveryPlanResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangePlanAsync(
        CycleDbContext db, Guid id, HttpContext context, TimeProvider time, Func<DeliveryPlan, Task<Refusal?>> change, CancellationToken cancellationToken)
    {
        var actions = await ActionsOfAsync(db, id, cancellationToken);
        return await RecordResults.ChangeAsync<DeliveryPlan, DeliveryPlanResponse>(db, id, context, change,
            plan => DeliveryPlanResponse.From(plan, actions, StatutoryCalendar.UkToday(time)), cancellationToken);
    }

    private static void Announce(CycleDbContext db, DeliveryAction action, ActionStatus fromStatus, Rag? fromRag, string? reason, Actor actor, DateTimeOffset now) =>
        db.AddIntegrationEvent(new ActionStatusChanged
        {
            Subject = $"delivery-actions/{action.Id}", ActionId = action.Id, PlanId = action.PlanId, IssueId = action.IssueId,
            OwnerOrganisationId = action.OwnerOrganisationId, FromStatus = Wire(fromStatus), ToStatus = Wire(action.Status),
            FromRag = fromRag is { } from ? Wire(from) : null, ToRag = (action.OverrideRag ?? action.Rag) is { } to ? Wire(to) : null,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), Overridden = action.OverrideRag is not null, ChangedBy = actor.Name,
        });

    /// <summary>
    /// Whether the caller acts for the owner: an administrator; a token or partner key carrying <paramref name="organisation"/>;
    /// or a clerk, chair or member (by token and by the read model of memberships) of one of <paramref name="bodies"/>.
    /// </summary>
    internal static async Task<bool> MayActForOwnerAsync(HttpContext context, Guid organisation, IEnumerable<Guid?> bodies, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (user.IsInRole(ConcordatRoles.PlatformAdmin))
        {
            return true;
        }

        if (Guid.TryParse(user.FindFirstValue(ConcordatClaims.Organisation), out var claimed) && claimed == organisation)
        {
            return true;
        }

        if (user.FindFirstValue(ConcordatClaims.Subject) is not { Length: > 0 } subject)
        {
            return false;
        }

        var roles = context.RequestServices.GetRequiredService<IBodyRoles>();
        foreach (var body in bodies.OfType<Guid>().Distinct())
        {
            if ((await roles.HeldAsync(subject, body, cancellationToken)).Any(r => CycleAccess.ActForBody.Contains(r) && user.IsInRole(r)))
            {
                return true;
            }
        }

        return false;
    }

    internal static ProblemHttpResult NotTheOwner(string what) => TypedResults.Problem(
        title: "Forbidden.", statusCode: StatusCodes.Status403Forbidden,
        detail: $"Only the {what}'s owner organisation (a token or partner key of it, or a clerk, chair or member of its owning body), the lead body or an administrator may do this.");

    internal static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
