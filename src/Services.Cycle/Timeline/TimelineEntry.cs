using Concordat.Cycle.Issues;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Timeline;

/// <summary>What happened to an issue.</summary>
public enum TimelineEntryKind
{
    Raised,
    Moved,
    Closed,
    ReferralMade,
    ReferralAnswered,
    ReferralSynthesised,
    DecisionTaken,
    DecisionPublished,
    DecisionCalledIn,
    CallInRefused,
    CallInResolved,
    DecisionTookEffect,

    /// <summary>The issue is on a meeting's published agenda.</summary>
    AgendaAppearance,

    /// <summary>A registry body was registered as a task group to lead the issue's implementation.</summary>
    TaskGroupRegistered,

    /// <summary>A holder put a proposal on the issue to an authorising body.</summary>
    ProposalPut,

    /// <summary>A proposal on the issue was placed for a meeting of the body it is put to.</summary>
    ProposalPlaced,

    /// <summary>A delivery plan was started from a decision in effect on the issue.</summary>
    DeliveryPlanStarted,

    /// <summary>The lead body issued a monitoring report on the issue's delivery plan.</summary>
    MonitoringReportIssued,

    /// <summary>An evaluation of the issue was completed (and its lessons published).</summary>
    EvaluationCompleted,

    /// <summary>A follow-up issue was raised: on the parent's timeline, and on the follow-up's own after its <see cref="Raised"/>.</summary>
    FollowUpRaised,
}

/// <summary>
/// One line of an issue's timeline: what happened, when, who did it (from the token) and from which holders to which.
/// Written in the same transaction as the change it records, never edited.
/// </summary>
public sealed class TimelineEntry
{
    public Guid Id { get; init; }

    public Guid IssueId { get; init; }

    public DateTimeOffset At { get; init; }

    public TimelineEntryKind Kind { get; init; }

    /// <summary>The name shown for who did it.</summary>
    public string By { get; init; } = "";

    /// <summary>The token's subject, kept for the audit and not shown publicly.</summary>
    public string BySubject { get; init; } = "";

    public IssueStage? FromStage { get; init; }

    public IssueStage? ToStage { get; init; }

    public List<Guid> FromHolders { get; init; } = [];

    public List<Guid> ToHolders { get; init; } = [];

    public Guid? ReferralId { get; init; }

    public Guid? DecisionId { get; init; }

    /// <summary>The bodies a referral went to, or the body that answered or synthesised.</summary>
    public List<Guid> Bodies { get; init; } = [];

    /// <summary>A reason (closing, referring back), a referral's question, or the note of a response.</summary>
    public string? Note { get; init; }

    /// <summary>The other issue an entry is about: a follow-up's parent, or the follow-up raised from this issue.</summary>
    public Guid? RelatedIssueId { get; init; }

    public static TimelineEntry Of(
        Guid issueId, TimelineEntryKind kind, Actor by, DateTimeOffset at,
        IssueStage? fromStage = null, IssueStage? toStage = null, IEnumerable<Guid>? fromHolders = null, IEnumerable<Guid>? toHolders = null,
        Guid? referralId = null, IEnumerable<Guid>? bodies = null, string? note = null, Guid? decisionId = null, Guid? relatedIssueId = null) => new()
    {
        Id = OrderedIds.Next(),
        IssueId = issueId,
        Kind = kind,
        At = at,
        By = by.Name,
        BySubject = by.Subject,
        FromStage = fromStage,
        ToStage = toStage,
        FromHolders = [.. fromHolders ?? []],
        ToHolders = [.. toHolders ?? []],
        ReferralId = referralId,
        DecisionId = decisionId,
        Bodies = [.. bodies ?? []],
        Note = note,
        RelatedIssueId = relatedIssueId,
    };
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entry)
    {
        entry.ToTable("timeline");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.FromStage).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.ToStage).HasConversion<string>().HasMaxLength(20);
        entry.Property(e => e.By).HasMaxLength(200);
        entry.Property(e => e.BySubject).HasMaxLength(200);
        entry.Property(e => e.Note).HasMaxLength(Issue.ReasonMaxLength);
        entry.HasIndex(e => new { e.IssueId, e.At, e.Id });
    }
}
