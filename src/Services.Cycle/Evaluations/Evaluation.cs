using Concordat.Cycle.Delivery;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Evaluations;

/// <summary>One indicator of the issue's delivery plans, intended against achieved.</summary>
public sealed class IndicatorAssessment
{
    /// <summary>The plan and indicator it was pre-filled from; null for a measure the evaluator added.</summary>
    public Guid? PlanId { get; set; }

    public Guid? IndicatorId { get; set; }

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public BetterDirection Better { get; set; }

    /// <summary>The period the figures are for (the last actual's, when pre-filled).</summary>
    public string? Period { get; set; }

    /// <summary>What was intended: the plan's target for that period (or its last target).</summary>
    public decimal? Intended { get; set; }

    /// <summary>What was achieved: the plan's last actual.</summary>
    public decimal? Achieved { get; set; }

    public string? Comment { get; set; }
}

/// <summary>One objective: what worked, what did not, and why.</summary>
public sealed class ObjectiveFinding
{
    public string Objective { get; set; } = "";

    public string? WhatWorked { get; set; }

    public string? WhatDidNot { get; set; }

    public string? Why { get; set; }
}

/// <summary>A lesson the evaluation yields, as drafted; published to the lessons library when the evaluation is completed.</summary>
public sealed class LessonDraft
{
    public string Statement { get; set; } = "";

    public string Evidence { get; set; } = "";

    /// <summary>Themes the lesson holds in; the issue's themes when none are given.</summary>
    public List<string> Themes { get; set; } = [];
}

/// <summary>
/// An evaluation of an issue: a separate record from monitoring, carried out by a body with the executive or scrutiny role
/// or by a named independent evaluator organisation. A draft is edited (If-Match) until completed; a completed
/// evaluation is public and kept as completed, and its lessons go to the library.
/// </summary>
public sealed class Evaluation : VersionedRecord
{
    public const int TextMaxLength = 8000;
    public const int ShortTextMaxLength = 500;
    public const int MaxItems = 100;

    private Evaluation()
    {
    }

    public Guid IssueId { get; private set; }

    /// <summary>The evaluating body; null when an independent evaluator organisation evaluates.</summary>
    public Guid? EvaluatorBodyId { get; private set; }

    /// <summary>The independent evaluator organisation (its partner token or key writes the evaluation); null when a body evaluates.</summary>
    public Guid? EvaluatorOrganisationId { get; private set; }

    /// <summary>The evaluator as named: the body's name, or the organisation's as given.</summary>
    public string Evaluator { get; private set; } = "";

    public string? Summary { get; private set; }

    public List<IndicatorAssessment> Indicators { get; private set; } = [];

    public List<ObjectiveFinding> Objectives { get; private set; } = [];

    public string? UnintendedEffects { get; private set; }

    public List<string> Recommendations { get; private set; } = [];

    public List<LessonDraft> Lessons { get; private set; } = [];

    public string StartedBy { get; private set; } = "";

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? CompletedBy { get; private set; }

    public bool Completed => CompletedAt is not null;

    public static Evaluation Start(Guid issueId, Guid? bodyId, Guid? organisationId, string evaluator, IEnumerable<IndicatorAssessment> indicators, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        IssueId = issueId,
        EvaluatorBodyId = bodyId,
        EvaluatorOrganisationId = organisationId,
        Evaluator = evaluator,
        Indicators = [.. indicators],
        StartedBy = by,
    };

    /// <summary>Pre-fills an indicator's assessment from a plan: intended is the target for the last actual's period (or the last target), achieved that actual.</summary>
    public static IndicatorAssessment Prefill(Guid planId, Indicator indicator)
    {
        var last = indicator.Actuals.OrderBy(a => a.Period, StringComparer.Ordinal).LastOrDefault();
        var target = last is null ? null : indicator.Targets.FirstOrDefault(t => t.Period == last.Period);
        target ??= indicator.Targets.OrderBy(t => t.Period, StringComparer.Ordinal).LastOrDefault();
        return new IndicatorAssessment
        {
            PlanId = planId, IndicatorId = indicator.Id, Name = indicator.Name, Unit = indicator.Unit, Better = indicator.Better,
            Period = last?.Period ?? target?.Period, Intended = target?.Value, Achieved = last?.Value,
        };
    }

    /// <summary>Replaces what the draft says; refused once completed. Null lists leave what is there.</summary>
    public Concordat.ServiceKit.RuleViolation? Edit(
        string? summary, List<IndicatorAssessment>? indicators, List<ObjectiveFinding>? objectives, string? unintendedEffects,
        List<string>? recommendations, List<LessonDraft>? lessons, DateTimeOffset now)
    {
        if (EvaluationRules.MayChange(Completed) is { } refused)
        {
            return refused;
        }

        Summary = summary;
        Indicators = indicators ?? Indicators;
        Objectives = objectives ?? Objectives;
        UnintendedEffects = unintendedEffects;
        Recommendations = recommendations ?? Recommendations;
        Lessons = lessons ?? Lessons;
        Touch(now);
        return null;
    }

    /// <summary>Completes the draft if <see cref="EvaluationRules.MayComplete"/> allows it.</summary>
    public Concordat.ServiceKit.RuleViolation? Complete(string by, DateTimeOffset now)
    {
        if (EvaluationRules.MayComplete(Completed, Indicators.Count, Objectives.Count, Lessons.Count) is { } refused)
        {
            return refused;
        }

        CompletedAt = now;
        CompletedBy = by;
        Touch(now);
        return null;
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> evaluation)
    {
        evaluation.ToTable("evaluations");
        evaluation.ConfigureRecord();
        evaluation.Ignore(e => e.Completed);
        evaluation.Property(e => e.Evaluator).HasMaxLength(Evaluation.ShortTextMaxLength);
        evaluation.Property(e => e.Summary).HasMaxLength(Evaluation.TextMaxLength);
        evaluation.Property(e => e.UnintendedEffects).HasMaxLength(Evaluation.TextMaxLength);
        evaluation.Property(e => e.StartedBy).HasMaxLength(200);
        evaluation.Property(e => e.CompletedBy).HasMaxLength(200);
        evaluation.OwnsMany(e => e.Indicators, i =>
        {
            i.ToJson("indicators");
            i.Property(x => x.Better).HasConversion<string>();
        });
        evaluation.OwnsMany(e => e.Objectives, o => o.ToJson("objectives"));
        evaluation.OwnsMany(e => e.Lessons, l => l.ToJson("lessons"));
        // "Has this issue a completed evaluation?" (closing) and the issue's public list read this index.
        evaluation.HasIndex(e => new { e.IssueId, e.CompletedAt });
    }
}
