using Refit;

namespace Concordat.Web.Apis;

/// <summary>
/// The cycle's delivery, monitoring and evaluation (<c>docs/cycle.md</c>, "Delivery and monitoring", "Evaluation"):
/// reads are public; writes need the signed-in person's token, and changes to a versioned record send its ETag.
/// </summary>
public partial interface ICycleApi
{
    /// <summary>The delivery plans of an issue's decisions, oldest first.</summary>
    [Get("/api/cycle/issues/{id}/delivery-plans")]
    Task<IApiResponse<Page<DeliveryPlanSummary>>> ListIssueDeliveryPlansAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>A plan with its actions rolled up, milestones, indicators and risks; the plan's version is the ETag.</summary>
    [Get("/api/cycle/delivery-plans/{id}")]
    Task<IApiResponse<DeliveryPlan>> GetDeliveryPlanAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans")]
    Task<IApiResponse<DeliveryPlan>> StartDeliveryPlanAsync([Body] StartDeliveryPlan request, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/actions")]
    Task<IApiResponse<DeliveryAction>> AddDeliveryActionAsync(Guid id, [Body] AddDeliveryAction request, CancellationToken cancellationToken);

    /// <summary>Progress on an action, under <c>If-Match</c> with the action's own version (its <c>version</c> in the plan).</summary>
    [Post("/api/cycle/delivery-actions/{id}/progress")]
    Task<IApiResponse<DeliveryAction>> RecordProgressAsync(Guid id, [Body] ActionProgress request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/milestones")]
    Task<IApiResponse<DeliveryPlan>> AddMilestoneAsync(Guid id, [Body] AddMilestone request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Put("/api/cycle/delivery-plans/{id}/milestones/{milestoneId}")]
    Task<IApiResponse<DeliveryPlan>> MoveMilestoneAsync(Guid id, Guid milestoneId, [Body] MoveMilestone request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/indicators")]
    Task<IApiResponse<DeliveryPlan>> AddIndicatorAsync(Guid id, [Body] AddIndicator request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/indicators/{indicatorId}/actuals")]
    Task<IApiResponse<DeliveryPlan>> ReportActualAsync(Guid id, Guid indicatorId, [Body] ReportActual request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    /// <summary>An indicator's trajectory, the figures its chart (<c>…/trajectory.svg</c>) draws.</summary>
    [Get("/api/cycle/delivery-plans/{id}/indicators/{indicatorId}/trajectory")]
    Task<IApiResponse<IndicatorTrajectory>> GetTrajectoryAsync(Guid id, Guid indicatorId, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/risks")]
    Task<IApiResponse<DeliveryPlan>> AddRiskAsync(Guid id, [Body] RiskAssessment request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Put("/api/cycle/delivery-plans/{id}/risks/{riskId}")]
    Task<IApiResponse<DeliveryPlan>> ReviewRiskAsync(Guid id, Guid riskId, [Body] RiskAssessment request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Post("/api/cycle/delivery-plans/{id}/monitoring-reports")]
    Task<IApiResponse<MonitoringReport>> IssueMonitoringReportAsync(Guid id, [Body] IssueMonitoringReport request, CancellationToken cancellationToken);

    [Get("/api/cycle/delivery-plans/{id}/monitoring-reports")]
    Task<IApiResponse<Page<MonitoringReportSummary>>> ListMonitoringReportsAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    [Get("/api/cycle/monitoring-reports/{id}")]
    Task<IApiResponse<MonitoringReport>> GetMonitoringReportAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The actions as CSV (id, version, …).</summary>
    [Get("/api/cycle/delivery-plans/{id}/actions.csv")]
    Task<IApiResponse<string>> ExportActionsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The actuals as CSV; the plan's version is the ETag.</summary>
    [Get("/api/cycle/delivery-plans/{id}/indicator-actuals.csv")]
    Task<IApiResponse<string>> ExportActualsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Imports the actions CSV (<c>text/csv</c>); with <paramref name="dryRun"/>, what it would change, changing nothing.</summary>
    [Post("/api/cycle/delivery-plans/{id}/actions.csv")]
    Task<IApiResponse<CsvImportResult>> ImportActionsAsync(Guid id, [Query] bool dryRun, [Body] HttpContent csv, CancellationToken cancellationToken);

    /// <summary>Imports the actuals CSV; <c>If-Match</c> carries the plan's version as exported when something changes.</summary>
    [Post("/api/cycle/delivery-plans/{id}/indicator-actuals.csv")]
    Task<IApiResponse<CsvImportResult>> ImportActualsAsync(Guid id, [Query] bool dryRun, [Body] HttpContent csv, [Header("If-Match")] string? ifMatch, CancellationToken cancellationToken);

    /// <summary>An issue's completed evaluations.</summary>
    [Get("/api/cycle/issues/{id}/evaluations")]
    Task<IApiResponse<Page<Evaluation>>> ListEvaluationsAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>One evaluation (a draft only to its evaluator); its <c>version</c> is the ETag.</summary>
    [Get("/api/cycle/evaluations/{id}")]
    Task<IApiResponse<Evaluation>> GetEvaluationAsync(Guid id, CancellationToken cancellationToken);

    [Post("/api/cycle/issues/{id}/evaluations")]
    Task<IApiResponse<Evaluation>> StartEvaluationAsync(Guid id, [Body] StartEvaluation request, CancellationToken cancellationToken);

    [Put("/api/cycle/evaluations/{id}")]
    Task<IApiResponse<Evaluation>> EditEvaluationAsync(Guid id, [Body] EvaluationContent request, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);

    [Post("/api/cycle/evaluations/{id}/completion")]
    Task<IApiResponse<Evaluation>> CompleteEvaluationAsync(Guid id, [Header("If-Match")] string ifMatch, CancellationToken cancellationToken);
}

public sealed record DeliveryPlanSummary(Guid Id, Guid IssueId, Guid DecisionId, Guid LeadBodyId, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record DeliveryPlan(
    Guid Id,
    Guid IssueId,
    Guid DecisionId,
    Guid LeadBodyId,
    IReadOnlyList<Guid> ContributingOrganisations,
    IReadOnlyList<Guid> ContributingBodies,
    IReadOnlyList<Allocation> Allocations,
    IReadOnlyList<DeliveryAction> Actions,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<Risk> Risks,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What a proposal asks of, or a decision allocates to, a partner organisation: an amount or something in kind.</summary>
public sealed record Allocation(Guid OrganisationId, decimal? AmountGbp, string? InKind);

/// <summary>
/// An action as shown: status and RAG are wire words (<c>at_risk</c>, <c>amber</c>); <see cref="ShownRag"/> is what the plan
/// shows; <see cref="Version"/> is the action's own ETag, sent as <c>If-Match</c> with its progress (null only in old reports).
/// </summary>
public sealed record DeliveryAction(
    Guid Id,
    Guid PlanId,
    Guid? ParentId,
    Guid OwnerOrganisationId,
    Guid? OwnerBodyId,
    string Title,
    DateOnly DueOn,
    bool Overdue,
    string Status,
    string? Rag,
    string? RagReason,
    string? RolledUpRag,
    string? ShownRag,
    bool Overridden,
    string? OverrideReason,
    string? OverrideBy,
    int? PercentComplete,
    IReadOnlyList<ProgressUpdate> Progress,
    DateTimeOffset UpdatedAt,
    string? Version = null);

public sealed record ProgressUpdate(DateTimeOffset At, string By, string Note, int? PercentComplete, string Status, string? Rag);

public sealed record Milestone(Guid Id, string Title, DateOnly DueOn, DateOnly? AchievedOn, int Slips, IReadOnlyList<MilestoneDate> History);

public sealed record MilestoneDate(DateOnly DueOn, DateTimeOffset SetAt, string SetBy, string? Reason);

public sealed record Indicator(
    Guid Id,
    string Name,
    string Unit,
    string Better,
    string? NationalIndicator,
    Guid OwnerOrganisationId,
    decimal Baseline,
    DateOnly BaselineOn,
    IReadOnlyList<PeriodValue> Targets,
    IReadOnlyList<Actual> Actuals,
    string Trajectory);

public sealed record PeriodValue(string Period, decimal Value);

public sealed record Actual(string Period, decimal Value, string? Note, DateTimeOffset EnteredAt, string EnteredBy);

public sealed record Risk(Guid Id, string Description, int Likelihood, int Impact, int Score, Guid? OwnerOrganisationId, string Owner, string? Mitigation, DateOnly ReviewOn);

public sealed record MonitoringReportSummary(Guid Id, Guid PlanId, DateOnly AsAt, string? Summary, DateTimeOffset IssuedAt, string IssuedBy);

public sealed record MonitoringReport(Guid Id, Guid PlanId, Guid IssueId, Guid LeadBodyId, DateOnly AsAt, string? Summary, DateTimeOffset IssuedAt, string IssuedBy, MonitoringSnapshot Snapshot);

public sealed record MonitoringSnapshot(
    IReadOnlyList<ExceptionLine> Exceptions,
    IReadOnlyList<DeliveryAction> Actions,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<Risk> Risks);

/// <summary>An exception a report lists: <c>off_track_action</c>, <c>missed_milestone</c>, <c>indicator_behind_trajectory</c>, <c>risk_past_review</c>.</summary>
public sealed record ExceptionLine(string Kind, Guid Id, string Title, string Detail);

public sealed record StartDeliveryPlan(Guid? DecisionId, Guid? LeadBodyId, IReadOnlyList<Guid>? ContributingOrganisationIds, IReadOnlyList<Guid>? ContributingBodyIds);

public sealed record AddDeliveryAction(string? Title, Guid? OwnerOrganisationId, Guid? OwnerBodyId, DateOnly? DueOn, Guid? ParentId);

public sealed record ActionProgress(string? Note, int? PercentComplete, string? Status, string? Rag, string? RagReason);

public sealed record AddMilestone(string? Title, DateOnly? DueOn);

public sealed record MoveMilestone(DateOnly? DueOn, string? Reason, DateOnly? AchievedOn);

public sealed record AddIndicator(
    string? Name, string? Unit, string? Better, string? NationalIndicator, Guid? OwnerOrganisationId, decimal? Baseline, DateOnly? BaselineOn, IReadOnlyList<PeriodValue>? Targets);

public sealed record ReportActual(string? Period, decimal? Value, string? Note);

public sealed record RiskAssessment(string? Description, int? Likelihood, int? Impact, Guid? OwnerOrganisationId, string? Owner, string? Mitigation, DateOnly? ReviewOn);

public sealed record IssueMonitoringReport(DateOnly? AsAt, string? Summary);

public sealed record CsvFieldChange(string Column, string? From, string? To);

/// <summary>One row of an import: <c>added</c>, <c>changed</c> or <c>unchanged</c>, with the fields it changes.</summary>
public sealed record CsvRowOutcome(int Row, Guid? Id, string Outcome, IReadOnlyList<CsvFieldChange> Changes);

public sealed record CsvImportResult(bool DryRun, int Added, int Changed, int Unchanged, IReadOnlyList<CsvRowOutcome> Rows);

public sealed record Evaluation(
    Guid Id,
    Guid IssueId,
    Guid? EvaluatorBodyId,
    Guid? EvaluatorOrganisationId,
    string Evaluator,
    string? Summary,
    IReadOnlyList<IndicatorAssessment> Indicators,
    IReadOnlyList<ObjectiveFinding> Objectives,
    string? UnintendedEffects,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<LessonDraft> Lessons,
    string StartedBy,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version);

public sealed record IndicatorAssessment(
    Guid? PlanId, Guid? IndicatorId, string Name, string? Unit, string? Better, string? Period, decimal? Intended, decimal? Achieved, bool? AchievedIntended, string? Comment);

public sealed record ObjectiveFinding(string Objective, string? WhatWorked, string? WhatDidNot, string? Why);

public sealed record LessonDraft(string Statement, string Evidence, IReadOnlyList<string>? Themes);

public sealed record StartEvaluation(Guid? EvaluatorBodyId, Guid? EvaluatorOrganisationId, string? EvaluatorName);

/// <summary>What an evaluation says; a list left null keeps the draft's.</summary>
public sealed record EvaluationContent(
    string? Summary,
    IReadOnlyList<IndicatorAssessment>? Indicators,
    IReadOnlyList<ObjectiveFinding>? Objectives,
    string? UnintendedEffects,
    IReadOnlyList<string>? Recommendations,
    IReadOnlyList<LessonDraft>? Lessons);

/// <summary>An indicator's trajectory as the cycle computes it: each period's target (or the latest before it), actual, and whether it is on trajectory.</summary>
public sealed record IndicatorTrajectory(Guid IndicatorId, string Name, string Unit, string Better, decimal Baseline, DateOnly BaselineOn, IReadOnlyList<TrajectoryPoint> Points, string Status);

public sealed record TrajectoryPoint(string Period, decimal? Target, decimal? Actual, bool? OnTrajectory);
