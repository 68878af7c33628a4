using System.ComponentModel.DataAnnotations;
using Concordat.ServiceDefaults.Input;
using Concordat.ServiceKit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Cycle.Delivery;

/// <summary>The decision in effect to deliver, the body that leads it, and who contributes.</summary>
public sealed record StartDeliveryPlanRequest(
    [property: Required] Guid? DecisionId,
    [property: Required] Guid? LeadBodyId,
    IReadOnlyList<Guid>? ContributingOrganisationIds,
    IReadOnlyList<Guid>? ContributingBodyIds)
{
    public const int MaxContributors = 50;

    /// <summary>A 400 naming each field the attributes cannot check; null when the request is sound.</summary>
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (DecisionId is null || DecisionId == Guid.Empty)
        {
            errors["decisionId"] = ["Name the decision in effect the plan delivers."];
        }

        if (LeadBodyId is null || LeadBodyId == Guid.Empty)
        {
            errors["leadBodyId"] = ["Name the body that leads delivery."];
        }

        foreach (var (field, list) in new[] { ("contributingOrganisationIds", ContributingOrganisationIds), ("contributingBodyIds", ContributingBodyIds) })
        {
            if (list is { Count: > MaxContributors })
            {
                errors[field] = [$"At most {MaxContributors}."];
            }
            else if (list is not null && list.Any(g => g == Guid.Empty))
            {
                errors[field] = ["Each is a registry id."];
            }
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>A new action: its title, owner organisation (and optionally body), due date and optional parent action.</summary>
public sealed record AddActionRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryAction.TitleMaxLength)] string? Title,
    [property: Required] Guid? OwnerOrganisationId,
    Guid? OwnerBodyId,
    [property: Required] DateOnly? DueOn,
    Guid? ParentId = null)
{
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title))
        {
            errors["title"] = ["Say what the action is."];
        }

        if (OwnerOrganisationId is null || OwnerOrganisationId == Guid.Empty)
        {
            errors["ownerOrganisationId"] = ["Name the organisation that owns the action."];
        }

        if (DueOn is null)
        {
            errors["dueOn"] = ["Give the date the action is due."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>Progress on an action: a note, optionally percent complete, a new status, and a RAG with its reason.</summary>
public sealed record ProgressRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryAction.NoteMaxLength), MultiLine] string? Note,
    [property: Range(0, 100)] int? PercentComplete,
    ActionStatus? Status,
    Rag? Rag,
    [property: StringLength(DeliveryAction.NoteMaxLength), MultiLine] string? RagReason)
{
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Note))
        {
            errors["note"] = ["Say what progress was made."];
        }

        if (PercentComplete is < 0 or > 100)
        {
            errors["percentComplete"] = ["0 to 100."];
        }

        if (Rag is not null && string.IsNullOrWhiteSpace(RagReason))
        {
            errors["ragReason"] = ["A RAG rating comes with the reason for it."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>The RAG the lead body shows instead of the rolled-up one, and why; a null rag clears the override.</summary>
public sealed record OverrideRequest(Rag? Rag, [property: StringLength(DeliveryAction.NoteMaxLength), MultiLine] string? Reason);

public sealed record AddMilestoneRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryPlan.TitleMaxLength)] string? Title,
    [property: Required] DateOnly? DueOn);

/// <summary>The milestone's date now (a later one is a slip, kept in its history), why it moved, and when it was achieved (null: not yet).</summary>
public sealed record MoveMilestoneRequest(
    [property: Required] DateOnly? DueOn,
    [property: StringLength(DeliveryPlan.TextMaxLength), MultiLine] string? Reason,
    DateOnly? AchievedOn);

public sealed record TargetRequest([property: Required(AllowEmptyStrings = false), StringLength(20)] string? Period, [property: Required] decimal? Value)
{
    public const int PeriodMaxLength = 20;
}

public sealed record AddIndicatorRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryPlan.TitleMaxLength)] string? Name,
    [property: Required(AllowEmptyStrings = false), StringLength(50)] string? Unit,
    [property: Required] BetterDirection? Better,
    [property: StringLength(20)] string? NationalIndicator,
    [property: Required] Guid? OwnerOrganisationId,
    [property: Required] decimal? Baseline,
    [property: Required] DateOnly? BaselineOn,
    IReadOnlyList<TargetRequest>? Targets)
{
    public const int MaxPeriods = 40;

    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = ["Name the indicator."];
        }

        if (string.IsNullOrWhiteSpace(Unit))
        {
            errors["unit"] = ["Give its unit (%, people, tonnes CO2)."];
        }

        if (Better is null)
        {
            errors["better"] = ["Say which way is better: higher or lower."];
        }

        if (OwnerOrganisationId is null || OwnerOrganisationId == Guid.Empty)
        {
            errors["ownerOrganisationId"] = ["Name the organisation that reports its actuals."];
        }

        if (Baseline is null)
        {
            errors["baseline"] = ["Give the baseline."];
        }

        if (BaselineOn is null)
        {
            errors["baselineOn"] = ["Give the baseline's date."];
        }

        var targets = Targets ?? [];
        if (targets.Count > MaxPeriods)
        {
            errors["targets"] = [$"At most {MaxPeriods} periods."];
        }
        else if (targets.Any(t => string.IsNullOrWhiteSpace(t?.Period) || t.Period.Length > TargetRequest.PeriodMaxLength || t.Value is null))
        {
            errors["targets"] = ["Each target has a period (e.g. 2009-10) and a value."];
        }
        else if (targets.Select(t => t.Period!.Trim()).Distinct(StringComparer.Ordinal).Count() != targets.Count)
        {
            errors["targets"] = ["One target per period."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

public sealed record ReportActualRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(TargetRequest.PeriodMaxLength)] string? Period,
    [property: Required] decimal? Value,
    [property: StringLength(DeliveryPlan.TextMaxLength), MultiLine] string? Note)
{
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Period))
        {
            errors["period"] = ["Name the period (e.g. 2009-10)."];
        }

        if (Value is null)
        {
            errors["value"] = ["Give the actual."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

public sealed record AddRiskRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryPlan.TextMaxLength), MultiLine] string? Description,
    [property: Required, Range(1, 5)] int? Likelihood,
    [property: Required, Range(1, 5)] int? Impact,
    Guid? OwnerOrganisationId,
    [property: Required(AllowEmptyStrings = false), StringLength(200)] string? Owner,
    [property: StringLength(DeliveryPlan.TextMaxLength), MultiLine] string? Mitigation,
    [property: Required] DateOnly? ReviewOn)
{
    public ValidationProblem? Invalid()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Description))
        {
            errors["description"] = ["Describe the risk."];
        }

        if (Likelihood is not (>= 1 and <= 5))
        {
            errors["likelihood"] = ["1 to 5."];
        }

        if (Impact is not (>= 1 and <= 5))
        {
            errors["impact"] = ["1 to 5."];
        }

        if (string.IsNullOrWhiteSpace(Owner))
        {
            errors["owner"] = ["Name who owns the risk."];
        }

        if (ReviewOn is null)
        {
            errors["reviewOn"] = ["Give the date it is next reviewed."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

/// <summary>The day the report reads the plan at (UK; today unless named) and the lead body's summary.</summary>
public sealed record IssueReportRequest(DateOnly? AsAt, [property: StringLength(MonitoringReport.SummaryMaxLength), MultiLine] string? Summary);

public sealed record ProgressUpdateResponse(DateTimeOffset At, string By, string Note, int? PercentComplete, ActionStatus Status, Rag? Rag);

/// <summary>
/// An action as shown: its own RAG and reason, the RAG rolled up from its children (<c>rolledUpRag</c>), the RAG shown
/// (<c>shownRag</c>: the override when there is one, with its reason and who set it), and progress rolled up.
/// <c>version</c> is the action's own version as its ETag (<c>"1234"</c>, quotes included): what <c>If-Match</c> on its
/// progress and override takes, the number the actions CSV's <c>version</c> column carries; not the plan's ETag, which
/// changes with the plan's milestones, indicators and risks. In a monitoring report's snapshot it is the version the
/// action had when the report was issued (null in reports issued before actions carried it).
/// </summary>
public sealed record ActionResponse(
    Guid Id, Guid PlanId, Guid IssueId, Guid? ParentId, Guid OwnerOrganisationId, Guid? OwnerBodyId, string Title, DateOnly DueOn, bool Overdue,
    ActionStatus Status, Rag? Rag, string? RagReason, Rag? RolledUpRag, Rag? ShownRag, bool Overridden, string? OverrideReason, string? OverrideBy,
    int? PercentComplete, IReadOnlyList<ProgressUpdateResponse> Progress, DateTimeOffset UpdatedAt, string? Version)
{
    public static ActionResponse From(DeliveryAction a, RolledUp rolled, DateOnly today) => new(
        a.Id, a.PlanId, a.IssueId, a.ParentId, a.OwnerOrganisationId, a.OwnerBodyId, a.Title, a.DueOn,
        a.DueOn < today && a.Status is not (ActionStatus.Done or ActionStatus.Dropped),
        a.Status, a.Rag, a.RagReason, rolled.Computed, rolled.Shown, rolled.Overridden, a.OverrideReason, a.OverrideBy, rolled.PercentComplete,
        [.. a.Progress.Select(p => new ProgressUpdateResponse(p.At, p.By, p.Note, p.PercentComplete, p.Status, p.Rag))], a.UpdatedAt,
        Versioning.ETagOf(a));
}

public sealed record MilestoneDateResponse(DateOnly DueOn, DateTimeOffset SetAt, string SetBy, string? Reason);

/// <summary>A milestone with every date it had (<c>history</c>, oldest first) and how many times it slipped.</summary>
public sealed record MilestoneResponse(Guid Id, string Title, DateOnly DueOn, DateOnly? AchievedOn, int Slips, IReadOnlyList<MilestoneDateResponse> History)
{
    public static MilestoneResponse From(Milestone m) => new(m.Id, m.Title, m.DueOn, m.AchievedOn,
        DeliveryRules.SlipCount([.. m.History.Select(h => h.DueOn)]), [.. m.History.Select(h => new MilestoneDateResponse(h.DueOn, h.SetAt, h.SetBy, h.Reason))]);
}

public sealed record ActualResponse(string Period, decimal Value, string? Note, DateTimeOffset EnteredAt, string EnteredBy);

public sealed record IndicatorResponse(
    Guid Id, string Name, string Unit, BetterDirection Better, string? NationalIndicator, Guid OwnerOrganisationId, decimal Baseline, DateOnly BaselineOn,
    IReadOnlyList<PeriodValue> Targets, IReadOnlyList<ActualResponse> Actuals, TrajectoryStatus Trajectory)
{
    public static IndicatorResponse From(Indicator i) => new(i.Id, i.Name, i.Unit, i.Better, i.NationalIndicator, i.OwnerOrganisationId, i.Baseline, i.BaselineOn,
        [.. i.Targets.Select(t => new PeriodValue(t.Period, t.Value))], [.. i.Actuals.Select(a => new ActualResponse(a.Period, a.Value, a.Note, a.EnteredAt, a.EnteredBy))],
        i.Trajectory().Status);
}

public sealed record RiskResponse(Guid Id, string Description, int Likelihood, int Impact, int Score, Guid? OwnerOrganisationId, string Owner, string? Mitigation, DateOnly ReviewOn)
{
    public static RiskResponse From(Risk r) => new(r.Id, r.Description, r.Likelihood, r.Impact, DeliveryRules.Score(r.Likelihood, r.Impact), r.OwnerOrganisationId, r.Owner, r.Mitigation, r.ReviewOn);
}

public sealed record AllocationResponse(Guid OrganisationId, decimal? AmountGbp, string? InKind);

public sealed record DeliveryPlanResponse(
    Guid Id, Guid IssueId, Guid DecisionId, Guid LeadBodyId, IReadOnlyList<Guid> ContributingOrganisations, IReadOnlyList<Guid> ContributingBodies,
    IReadOnlyList<AllocationResponse> Allocations, IReadOnlyList<ActionResponse> Actions, IReadOnlyList<MilestoneResponse> Milestones,
    IReadOnlyList<IndicatorResponse> Indicators, IReadOnlyList<RiskResponse> Risks, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static DeliveryPlanResponse From(DeliveryPlan p, IReadOnlyList<DeliveryAction> actions, DateOnly today) => new(
        p.Id, p.IssueId, p.DecisionId, p.LeadBodyId, p.ContributingOrganisations, p.ContributingBodies,
        [.. p.Allocations.Select(a => new AllocationResponse(a.OrganisationId, a.AmountGbp, a.InKind))], DeliveryApi.Actions(actions, today),
        [.. p.Milestones.Select(MilestoneResponse.From)], [.. p.Indicators.Select(IndicatorResponse.From)], [.. p.Risks.Select(RiskResponse.From)],
        p.StartedBy, p.CreatedAt, p.UpdatedAt);
}

/// <summary>An indicator's trajectory, as the JSON endpoint and the chart show it.</summary>
public sealed record TrajectoryResponse(
    Guid IndicatorId, string Name, string Unit, BetterDirection Better, string? NationalIndicator, decimal Baseline, DateOnly BaselineOn,
    IReadOnlyList<TrajectoryPoint> Points, TrajectoryStatus Status)
{
    public static TrajectoryResponse From(Indicator i)
    {
        var trajectory = i.Trajectory();
        return new(i.Id, i.Name, i.Unit, i.Better, i.NationalIndicator, i.Baseline, i.BaselineOn, trajectory.Points, trajectory.Status);
    }
}

/// <summary>A monitoring report as issued: its snapshot is what was read at <c>asAt</c>, never recomputed.</summary>
public sealed record MonitoringReportResponse(
    Guid Id, Guid PlanId, Guid IssueId, Guid LeadBodyId, DateOnly AsAt, string? Summary, DateTimeOffset IssuedAt, string IssuedBy, MonitoringSnapshot Snapshot)
{
    public static MonitoringReportResponse From(MonitoringReport r) => new(r.Id, r.PlanId, r.IssueId, r.LeadBodyId, r.AsAt, r.Summary, r.IssuedAt, r.IssuedBy, r.Read());
}

public sealed record MonitoringReportSummary(Guid Id, Guid PlanId, DateOnly AsAt, string? Summary, DateTimeOffset IssuedAt, string IssuedBy);

/// <summary>An open action past its due date, and by how many days.</summary>
public sealed record OverdueAction(Guid Id, Guid PlanId, Guid IssueId, string Title, DateOnly DueOn, ActionStatus Status, Rag? ShownRag, int DaysOverdue);

public sealed record DeliveryPlanSummary(Guid Id, Guid IssueId, Guid DecisionId, Guid LeadBodyId, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
