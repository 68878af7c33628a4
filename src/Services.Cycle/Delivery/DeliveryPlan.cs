using Concordat.Cycle.Decisions;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Delivery;

/// <summary>One date a milestone had, when it was set, by whom and why.</summary>
public sealed class MilestoneDate
{
    public DateOnly DueOn { get; set; }

    public DateTimeOffset SetAt { get; set; }

    public string SetBy { get; set; } = "";

    public string? Reason { get; set; }
}

/// <summary>A dated point in the plan; every date it had is kept, so slippage shows.</summary>
public sealed class Milestone
{
    public Guid Id { get; set; }

    public string Title { get; set; } = "";

    public DateOnly DueOn { get; set; }

    public DateOnly? AchievedOn { get; set; }

    /// <summary>Every date it had, oldest first; the last is <see cref="DueOn"/>.</summary>
    public List<MilestoneDate> History { get; set; } = [];
}

/// <summary>A target for one period.</summary>
public sealed class IndicatorTarget
{
    public string Period { get; set; } = "";

    public decimal Value { get; set; }
}

/// <summary>An actual for one period, entered by the indicator's owner, with notes; a later entry for a period replaces it (the earlier stays in the audit).</summary>
public sealed class IndicatorActual
{
    public string Period { get; set; } = "";

    public decimal Value { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    public string EnteredBy { get; set; } = "";
}

/// <summary>A measure the plan is monitored by: baseline, targets per period and actuals per period.</summary>
public sealed class Indicator
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public BetterDirection Better { get; set; }

    /// <summary>An LAA-style national indicator reference, e.g. <c>NI 117</c>.</summary>
    public string? NationalIndicator { get; set; }

    /// <summary>The organisation that enters its actuals.</summary>
    public Guid OwnerOrganisationId { get; set; }

    public decimal Baseline { get; set; }

    public DateOnly BaselineOn { get; set; }

    public List<IndicatorTarget> Targets { get; set; } = [];

    public List<IndicatorActual> Actuals { get; set; } = [];

    public Trajectory Trajectory() => DeliveryRules.TrajectoryOf(Baseline, Better,
        [.. Targets.Select(t => new PeriodValue(t.Period, t.Value))], [.. Actuals.Select(a => new PeriodValue(a.Period, a.Value))]);
}

/// <summary>A risk to delivery: likelihood × impact (1–5 each), its owner, mitigation and when it is next reviewed.</summary>
public sealed class Risk
{
    public Guid Id { get; set; }

    public string Description { get; set; } = "";

    public int Likelihood { get; set; }

    public int Impact { get; set; }

    public Guid? OwnerOrganisationId { get; set; }

    public string Owner { get; set; } = "";

    public string? Mitigation { get; set; }

    public DateOnly ReviewOn { get; set; }
}

/// <summary>
/// How a decision in effect is delivered: the lead body (executive or delivery, or a task group registered for the issue),
/// the contributing organisations and bodies, the allocations the decision committed (copied as they were), and the
/// plan's milestones, indicators and risks. Its actions are records of their own (<see cref="DeliveryAction"/>). A
/// versioned record: each change names the version read.
/// </summary>
public sealed class DeliveryPlan : VersionedRecord
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;
    public const int MaxItems = 100;

    private DeliveryPlan()
    {
    }

    public Guid IssueId { get; private set; }

    public Guid DecisionId { get; private set; }

    public Guid LeadBodyId { get; private set; }

    /// <summary>The body that took the decision (the decision's, copied): "how is the LAA doing?" finds the plan under it.</summary>
    public Guid AuthorisedByBodyId { get; private set; }

    public List<Guid> ContributingOrganisations { get; private set; } = [];

    public List<Guid> ContributingBodies { get; private set; } = [];

    public List<ResourceAllocation> Allocations { get; private set; } = [];

    public List<Milestone> Milestones { get; private set; } = [];

    public List<Indicator> Indicators { get; private set; } = [];

    public List<Risk> Risks { get; private set; } = [];

    public string StartedBy { get; private set; } = "";

    public static DeliveryPlan Start(Decision decision, Guid leadBodyId, IEnumerable<Guid> organisations, IEnumerable<Guid> bodies, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CreatedAt = now,
        UpdatedAt = now,
        IssueId = decision.IssueId,
        DecisionId = decision.Id,
        LeadBodyId = leadBodyId,
        AuthorisedByBodyId = decision.BodyId,
        ContributingOrganisations = [.. organisations.Distinct()],
        ContributingBodies = [.. bodies.Distinct()],
        Allocations = [.. decision.Allocations.Select(a => new ResourceAllocation { OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = a.InKind })],
        StartedBy = by,
    };

    public RuleViolation? AddMilestone(Milestone milestone, DateTimeOffset now) => Add(Milestones, milestone, "milestones", now);

    public RuleViolation? AddIndicator(Indicator indicator, DateTimeOffset now) => Add(Indicators, indicator, "indicators", now);

    public RuleViolation? AddRisk(Risk risk, DateTimeOffset now) => Add(Risks, risk, "risks", now);

    /// <summary>Replaces a risk's assessment as reviewed; false when the plan has no such risk.</summary>
    public bool ReviewRisk(Guid riskId, Risk reviewed, DateTimeOffset now)
    {
        var index = Risks.FindIndex(r => r.Id == riskId);
        if (index < 0)
        {
            return false;
        }

        Risks[index] = reviewed;
        Touch(now);
        return true;
    }

    /// <summary>Moves a milestone's date (kept in its history) and records its achievement; the previous date, or null when the date did not change.</summary>
    public DateOnly? MoveMilestone(Milestone milestone, DateOnly dueOn, DateOnly? achievedOn, string? reason, string by, DateTimeOffset now)
    {
        DateOnly? previous = null;
        if (dueOn != milestone.DueOn)
        {
            previous = milestone.DueOn;
            milestone.DueOn = dueOn;
            milestone.History.Add(new MilestoneDate { DueOn = dueOn, SetAt = now, SetBy = by, Reason = reason });
        }

        milestone.AchievedOn = achievedOn;
        Touch(now);
        return previous;
    }

    /// <summary>Enters (or replaces) the actual for a period.</summary>
    public void Report(Indicator indicator, string period, decimal value, string? note, string by, DateTimeOffset now)
    {
        indicator.Actuals.RemoveAll(a => a.Period == period);
        indicator.Actuals.Add(new IndicatorActual { Period = period, Value = value, Note = note, EnteredAt = now, EnteredBy = by });
        indicator.Actuals.Sort((a, b) => string.CompareOrdinal(a.Period, b.Period));
        Touch(now);
    }

    private RuleViolation? Add<T>(List<T> items, T item, string what, DateTimeOffset now)
    {
        if (items.Count >= MaxItems)
        {
            return new RuleViolation("delivery-plan-full", $"A delivery plan has at most {MaxItems} {what}.");
        }

        items.Add(item);
        Touch(now);
        return null;
    }
}

internal sealed class DeliveryPlanConfiguration : IEntityTypeConfiguration<DeliveryPlan>
{
    public void Configure(EntityTypeBuilder<DeliveryPlan> plan)
    {
        plan.ToTable("delivery_plans");
        plan.ConfigureRecord();
        plan.Property(p => p.StartedBy).HasMaxLength(200);
        plan.OwnsMany(p => p.Allocations, a => a.ToJson("allocations"));
        plan.OwnsMany(p => p.Milestones, m =>
        {
            m.ToJson("milestones");
            m.OwnsMany(x => x.History);
        });
        plan.OwnsMany(p => p.Indicators, i =>
        {
            i.ToJson("indicators");
            i.Property(x => x.Better).HasConversion<string>();
            i.OwnsMany(x => x.Targets);
            i.OwnsMany(x => x.Actuals);
        });
        plan.OwnsMany(p => p.Risks, r => r.ToJson("risks"));
        plan.HasIndex(p => p.IssueId);
        // A body's plans in creation order, those it leads and those of its decisions: BodyDelivery walks each.
        plan.HasIndex(p => new { p.LeadBodyId, p.CreatedAt, p.Id });
        plan.HasIndex(p => new { p.AuthorisedByBodyId, p.CreatedAt, p.Id });
        // One live plan per decision, whatever two clerks do at once.
        plan.HasIndex(p => p.DecisionId).IsUnique().HasFilter("removed_at IS NULL");
    }
}
