using System.ComponentModel.DataAnnotations;
using Concordat.Cycle.Delivery;
using Concordat.Cycle.Issues;
using Concordat.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Concordat.Cycle.Evaluations;

/// <summary>An indicator intended against achieved; one pre-filled from a plan names its plan and indicator.</summary>
public sealed record IndicatorAssessmentRequest(
    Guid? PlanId,
    Guid? IndicatorId,
    [property: Required(AllowEmptyStrings = false), StringLength(DeliveryPlan.TitleMaxLength)] string? Name,
    [property: StringLength(50)] string? Unit,
    BetterDirection? Better,
    [property: StringLength(20)] string? Period,
    decimal? Intended,
    decimal? Achieved,
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? Comment);

/// <summary>An objective: what worked, what did not, and why.</summary>
public sealed record ObjectiveFindingRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Evaluation.ShortTextMaxLength)] string? Objective,
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? WhatWorked,
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? WhatDidNot,
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? Why);

/// <summary>A lesson to publish when the evaluation is completed: a statement, the evidence, and themes (the issue's when none).</summary>
public sealed record LessonDraftRequest(
    [property: Required(AllowEmptyStrings = false), StringLength(Lessons.Lesson.StatementMaxLength), MultiLine] string? Statement,
    [property: Required(AllowEmptyStrings = false), StringLength(Lessons.Lesson.EvidenceMaxLength), MultiLine] string? Evidence,
    IReadOnlyList<string>? Themes);

/// <summary>
/// What an evaluation says, as a whole: a null list leaves the draft's as it is (so the pre-filled indicators stay until
/// changed); the texts are replaced.
/// </summary>
public sealed record EvaluationContentRequest(
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? Summary,
    IReadOnlyList<IndicatorAssessmentRequest?>? Indicators,
    IReadOnlyList<ObjectiveFindingRequest?>? Objectives,
    [property: StringLength(Evaluation.TextMaxLength), MultiLine] string? UnintendedEffects,
    IReadOnlyList<string?>? Recommendations,
    IReadOnlyList<LessonDraftRequest?>? Lessons)
{
    /// <summary>A 400 naming each field the attributes cannot check; null when the content is sound.</summary>
    public ValidationProblem? Invalid() => Errors() is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors) : null;

    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        void Each<T>(string field, IReadOnlyList<T?>? items, Func<T, string?> check)
            where T : class
        {
            if (items is { Count: > Evaluation.MaxItems })
            {
                errors[field] = [$"At most {Evaluation.MaxItems}."];
                return;
            }

            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if ((items![i] is { } item ? check(item) : "Give an item, not null.") is { } message)
                {
                    errors[$"{field}[{i}]"] = [message];
                }
            }
        }

        Each("indicators", Indicators, i => string.IsNullOrWhiteSpace(i.Name) ? "Name the indicator." : null);
        Each("objectives", Objectives, o => string.IsNullOrWhiteSpace(o.Objective) ? "Name the objective." : null);
        Each("recommendations", Recommendations, r => string.IsNullOrWhiteSpace(r) || r.Trim().Length > Evaluation.TextMaxLength
            ? $"A recommendation is 1 to {Evaluation.TextMaxLength} characters." : null);
        Each("lessons", Lessons, l =>
            string.IsNullOrWhiteSpace(l.Statement) ? "State the lesson."
            : string.IsNullOrWhiteSpace(l.Evidence) ? "Give the evidence for the lesson."
            : l.Themes is { Count: > RaiseIssueRequest.MaxListLength } ? $"At most {RaiseIssueRequest.MaxListLength} themes."
            : l.Themes is not null && l.Themes.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > Issue.ThemeMaxLength)
                ? $"A theme is a word or phrase of 1 to {Issue.ThemeMaxLength} characters."
            : null);
        return errors;
    }

    public List<IndicatorAssessment>? IndicatorsAsGiven() => Indicators?.OfType<IndicatorAssessmentRequest>().Select(i => new IndicatorAssessment
    {
        PlanId = i.PlanId, IndicatorId = i.IndicatorId, Name = i.Name!.Trim(), Unit = i.Unit?.Trim() ?? "", Better = i.Better ?? BetterDirection.Higher,
        Period = Trimmed(i.Period), Intended = i.Intended, Achieved = i.Achieved, Comment = Trimmed(i.Comment),
    }).ToList();

    public List<ObjectiveFinding>? ObjectivesAsGiven() => Objectives?.OfType<ObjectiveFindingRequest>().Select(o => new ObjectiveFinding
    {
        Objective = o.Objective!.Trim(), WhatWorked = Trimmed(o.WhatWorked), WhatDidNot = Trimmed(o.WhatDidNot), Why = Trimmed(o.Why),
    }).ToList();

    public List<string>? RecommendationsAsGiven() => Recommendations?.OfType<string>().Select(r => r.Trim()).ToList();

    public List<LessonDraft>? LessonsAsGiven() => Lessons?.OfType<LessonDraftRequest>().Select(l => new LessonDraft
    {
        Statement = l.Statement!.Trim(), Evidence = l.Evidence!.Trim(),
        Themes = [.. (l.Themes ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
    }).ToList();

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// A new evaluation of an issue: by a body with the executive or scrutiny role (its clerk, chair or a member starts it), or
/// by a named independent evaluator organisation (the issue's holder names it; the organisation's partner token or key then
/// writes it); with what it says so far. Its indicators are pre-filled from the issue's delivery plans unless given.
/// </summary>
public sealed record StartEvaluationRequest(
    Guid? EvaluatorBodyId,
    Guid? EvaluatorOrganisationId,
    [property: StringLength(Evaluation.ShortTextMaxLength)] string? EvaluatorName,
    EvaluationContentRequest? Content)
{
    public ValidationProblem? Invalid()
    {
        var errors = Content?.Errors() ?? [];
        if ((EvaluatorBodyId is null) == (EvaluatorOrganisationId is null))
        {
            errors["evaluatorBodyId"] = ["An evaluation is carried out by a body or by an independent evaluator organisation: give one of evaluatorBodyId and evaluatorOrganisationId."];
        }
        else if (EvaluatorOrganisationId is { } organisation && (organisation == Guid.Empty || string.IsNullOrWhiteSpace(EvaluatorName)))
        {
            errors["evaluatorName"] = ["Name the independent evaluator organisation."];
        }

        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
    }
}

public sealed record IndicatorAssessmentResponse(
    Guid? PlanId, Guid? IndicatorId, string Name, string Unit, BetterDirection Better, string? Period, decimal? Intended, decimal? Achieved, bool? AchievedIntended, string? Comment)
{
    public static IndicatorAssessmentResponse From(IndicatorAssessment i) => new(i.PlanId, i.IndicatorId, i.Name, i.Unit, i.Better, i.Period, i.Intended, i.Achieved,
        EvaluationRules.Achieved(i.Intended, i.Achieved, i.Better), i.Comment);
}

public sealed record ObjectiveFindingResponse(string Objective, string? WhatWorked, string? WhatDidNot, string? Why);

public sealed record LessonDraftResponse(string Statement, string Evidence, IReadOnlyList<string> Themes);

/// <summary>An evaluation: draft (<c>completedAt</c> null) or completed; its version as the ETag.</summary>
public sealed record EvaluationResponse(
    Guid Id,
    Guid IssueId,
    Guid? EvaluatorBodyId,
    Guid? EvaluatorOrganisationId,
    string Evaluator,
    string? Summary,
    IReadOnlyList<IndicatorAssessmentResponse> Indicators,
    IReadOnlyList<ObjectiveFindingResponse> Objectives,
    string? UnintendedEffects,
    IReadOnlyList<string> Recommendations,
    IReadOnlyList<LessonDraftResponse> Lessons,
    string StartedBy,
    DateTimeOffset? CompletedAt,
    string? CompletedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Version)
{
    public static EvaluationResponse From(Evaluation e) => new(e.Id, e.IssueId, e.EvaluatorBodyId, e.EvaluatorOrganisationId, e.Evaluator, e.Summary,
        [.. e.Indicators.Select(IndicatorAssessmentResponse.From)],
        [.. e.Objectives.Select(o => new ObjectiveFindingResponse(o.Objective, o.WhatWorked, o.WhatDidNot, o.Why))],
        e.UnintendedEffects, e.Recommendations, [.. e.Lessons.Select(l => new LessonDraftResponse(l.Statement, l.Evidence, l.Themes))],
        e.StartedBy, e.CompletedAt, e.CompletedBy, e.CreatedAt, e.UpdatedAt, Concordat.ServiceKit.Versioning.ETagOf(e));
}
