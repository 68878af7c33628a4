using Concordat.Cycle.Issues;
using Concordat.Cycle.Proposals;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Decisions;

/// <summary>What an authorising body decided (the prospectus's outcomes).</summary>
public enum DecisionOutcome
{
    Approved,
    ApprovedWithAmendments,
    Rejected,
    Deferred,
    ReferredBack,
}

/// <summary>Where a decision stands now: what the public and the stage rules need to know of it.</summary>
public enum DecisionStatus
{
    /// <summary>Recorded, not published: seen only by the body's clerk, chair and members and administrators.</summary>
    Draft,

    /// <summary>Published; scrutiny may still call it in.</summary>
    CallInWindow,

    /// <summary>Called in by scrutiny and not yet resolved.</summary>
    CalledIn,

    /// <summary>Approved, and nothing stands in its way: its issue may move to implementation.</summary>
    InEffect,

    /// <summary>A call-in referred it back: it never takes effect and a new decision is needed.</summary>
    ReferredBackByScrutiny,

    /// <summary>Published, but its outcome (rejected, deferred, referred back) approves nothing that could take effect.</summary>
    NothingToTakeEffect,
}

/// <summary>What one partner organisation commits: an amount in GBP or a description of what it gives in kind.</summary>
public sealed class ResourceAllocation
{
    public Guid OrganisationId { get; set; }

    public decimal? AmountGbp { get; set; }

    public string? InKind { get; set; }
}

/// <summary>A scrutiny committee's call-in of the decision as the cycle heard it, and its resolution.</summary>
public sealed class CallIn
{
    public Guid Id { get; set; }

    public Guid CommitteeBodyId { get; set; }

    public string Reasons { get; set; } = "";

    public DateTimeOffset CalledInAt { get; set; }

    /// <summary>Null when it holds the decision out of effect; otherwise the rule it broke, and it is only recorded.</summary>
    public string? Refused { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary><c>no_further_action</c> or <c>referred_back</c>.</summary>
    public string? Outcome { get; set; }

    public string? ResolutionReasons { get; set; }

    public bool HoldsDecision => Refused is null && ResolvedAt is null;
}

/// <summary>What a decision was taken on, by whom, where, and what it decided.</summary>
public sealed record DecisionDetails(
    Guid IssueId,
    Guid BodyId,
    DecisionOutcome Outcome,
    string Summary,
    string? Conditions,
    IReadOnlyList<ResourceAllocation> Allocations,
    string? Meeting,
    DateOnly? MeetingOn,
    bool Urgent,
    string? UrgencyReason);

/// <summary>
/// An authorising body's decision on an issue in authorisation, taken at a meeting or, when urgent, outside one. A draft
/// until published; publishing opens the call-in window (unless urgent), and <see cref="DecisionRules"/> says when it is in
/// effect. A versioned record, so publishing needs the version read.
/// </summary>
public sealed class Decision : VersionedRecord
{
    public const int SummaryMaxLength = 4000;
    public const int ConditionsMaxLength = 8000;
    public const int MeetingMaxLength = 200;
    public const int ReasonMaxLength = 2000;
    public const int InKindMaxLength = 500;
    public const int MaxAllocations = 50;

    private Decision()
    {
    }

    public Guid IssueId { get; private set; }

    public Guid BodyId { get; private set; }

    public DecisionOutcome Outcome { get; private set; }

    public string Summary { get; private set; } = "";

    public string? Conditions { get; private set; }

    public List<ResourceAllocation> Allocations { get; private set; } = [];

    /// <summary>The meeting that took it, as free text; filled from the recorded meeting when <see cref="MeetingId"/> names one.</summary>
    public string? Meeting { get; private set; }

    public DateOnly? MeetingOn { get; private set; }

    /// <summary>The recorded meeting of the deciding body that took it.</summary>
    public Guid? MeetingId { get; private set; }

    /// <summary>The proposal it decides; its allocations may differ from what the proposal requested.</summary>
    public Guid? ProposalId { get; private set; }

    /// <summary>What the proposal requested of each partner when the decision was taken, to read beside the allocations.</summary>
    public List<ResourceAllocation> RequestedResources { get; private set; } = [];

    public bool Urgent { get; private set; }

    public string? UrgencyReason { get; private set; }

    /// <summary>The issue's themes and areas when the decision was taken, so the register filters on its own indexes.</summary>
    public List<string> Themes { get; private set; } = [];

    public List<Guid> Areas { get; private set; } = [];

    public DateTimeOffset? PublishedAt { get; private set; }

    public DateTimeOffset? CallInEndsAt { get; private set; }

    public List<CallIn> CallIns { get; private set; } = [];

    /// <summary>When a call-in referred it back; it never takes effect after that.</summary>
    public DateTimeOffset? ReferredBackAt { get; private set; }

    /// <summary>When <c>DecisionTookEffect</c> was written, so it is written once.</summary>
    public DateTimeOffset? TookEffectAt { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    /// <summary>
    /// Takes a decision (a draft) if <see cref="DecisionRules.MayDecide"/> allows the body to decide on the issue, and
    /// <see cref="DecisionRules.MayLink"/> the recorded <paramref name="meeting"/> and the <paramref name="proposal"/> it names.
    /// </summary>
    public static (Decision? Decision, RuleViolation? Violation) Take(
        DecisionDetails details, Issue issue, HolderCandidate body, DateTimeOffset now, Meetings.Meeting? meeting = null, Proposal? proposal = null)
    {
        if ((DecisionRules.MayDecide(issue.Stage, issue.HolderIds, body)
            ?? DecisionRules.MayLink(issue.Id, body.Id, meeting?.BodyIds, proposal is null ? null : (proposal.IssueId, proposal.BodyId))) is { } violation)
        {
            return (null, violation);
        }

        var meetingText = string.IsNullOrWhiteSpace(details.Meeting) ? null : details.Meeting.Trim();
        var meetingOn = details.MeetingOn;
        if (meeting is not null)
        {
            var starts = TimeZoneInfo.ConvertTime(meeting.StartsAt, StatutoryCalendar.UkTime);
            meetingText = $"{(meeting.Kind == Meetings.MeetingKind.Special ? "Special meeting" : "Meeting")} of {body.Name}, {starts:yyyy-MM-dd HH:mm}, {meeting.Place}";
            meetingText = meetingText.Length > MeetingMaxLength ? meetingText[..MeetingMaxLength] : meetingText;
            meetingOn = DateOnly.FromDateTime(starts.DateTime);
        }

        return (new Decision
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            UpdatedAt = now,
            IssueId = issue.Id,
            BodyId = body.Id,
            Outcome = details.Outcome,
            Summary = details.Summary.Trim(),
            Conditions = string.IsNullOrWhiteSpace(details.Conditions) ? null : details.Conditions.Trim(),
            Allocations = [.. details.Allocations.Select(a => new ResourceAllocation
            {
                OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = string.IsNullOrWhiteSpace(a.InKind) ? null : a.InKind.Trim(),
            })],
            Meeting = meetingText,
            MeetingOn = meetingOn,
            MeetingId = meeting?.Id,
            ProposalId = proposal?.Id,
            RequestedResources = [.. (proposal?.RequestedResources ?? []).Select(a => new ResourceAllocation
            {
                OrganisationId = a.OrganisationId, AmountGbp = a.AmountGbp, InKind = a.InKind,
            })],
            Urgent = details.Urgent,
            UrgencyReason = details.Urgent ? details.UrgencyReason?.Trim() : null,
            Themes = [.. issue.Themes],
            Areas = [.. issue.Areas],
        }, null);
    }

    /// <summary>
    /// Publishes the draft: the call-in window closes <paramref name="callInWorkingDays"/> England and Wales working days
    /// after <paramref name="now"/> (end of the last day, UK time); an urgent decision has none. The body must still be
    /// able to decide (the issue may have moved since the draft).
    /// </summary>
    public RuleViolation? Publish(Issue issue, HolderCandidate body, int callInWorkingDays, DateTimeOffset now)
    {
        if (IsPublished)
        {
            return new RuleViolation("decision-already-published", "The decision is already published; a published decision is not changed.");
        }

        if (DecisionRules.MayDecide(issue.Stage, issue.HolderIds, body) is { } violation)
        {
            return violation;
        }

        PublishedAt = now;
        CallInEndsAt = Urgent ? null : StatutoryCalendar.WorkingDaysAfter(now, callInWorkingDays);
        Touch(now);
        return null;
    }

    /// <summary>
    /// Records scrutiny's call-in. It holds the decision out of effect unless <see cref="DecisionRules.CallIn"/> refuses it
    /// (then it is recorded with the rule, and changes nothing). The same call-in twice is recorded once.
    /// </summary>
    public CallIn? CallInBy(Guid callInId, Guid committee, string reasons, DateTimeOffset calledInAt, DateTimeOffset now)
    {
        if (CallIns.FirstOrDefault(c => c.Id == callInId) is { } known)
        {
            // Its resolution overtook it (the two arrive on separate queues): fill in what the call-in said, hold nothing.
            if (known.Reasons.Length == 0)
            {
                known.Reasons = reasons;
                known.CalledInAt = calledInAt;
                Touch(now);
            }

            return null;
        }

        var callIn = new CallIn
        {
            Id = callInId, CommitteeBodyId = committee, Reasons = reasons, CalledInAt = calledInAt,
            Refused = DecisionRules.CallIn(this, calledInAt)?.Rule,
        };
        CallIns.Add(callIn);
        Touch(now);
        return callIn;
    }

    /// <summary>
    /// Resolves a call-in that holds the decision: <c>no_further_action</c> lets it take effect (once its window has
    /// passed); <c>referred_back</c> means it never will. Null when the call-in does not hold the decision (refused, or
    /// already resolved), or the outcome is unknown. A resolution that arrives before its call-in (separate queues) is
    /// applied as scrutiny made it, as a call-in within the window, unless the decision could not be called in at all.
    /// </summary>
    public CallIn? Resolve(Guid callInId, Guid committee, string outcome, string reasons, DateTimeOffset resolvedAt, DateTimeOffset now)
    {
        if (outcome is not (DecisionRules.NoFurtherAction or DecisionRules.ReferredBack))
        {
            return null;
        }

        var callIn = CallIns.FirstOrDefault(c => c.Id == callInId);
        if (callIn is null)
        {
            callIn = new CallIn
            {
                Id = callInId, CommitteeBodyId = committee, CalledInAt = resolvedAt,
                Refused = DecisionRules.CallIn(this, PublishedAt ?? resolvedAt)?.Rule,
            };
            CallIns.Add(callIn);
            Touch(now);
        }

        if (!callIn.HoldsDecision)
        {
            return null;
        }

        callIn.ResolvedAt = resolvedAt;
        callIn.Outcome = outcome;
        callIn.ResolutionReasons = reasons;
        if (outcome == DecisionRules.ReferredBack)
        {
            ReferredBackAt = resolvedAt;
        }

        Touch(now);
        return callIn;
    }

    /// <summary>Marks that it took effect (and its event was written); false when it is not in effect or already marked.</summary>
    public bool TakeEffect(DateTimeOffset now)
    {
        if (TookEffectAt is not null || !DecisionRules.InEffect(this, now))
        {
            return false;
        }

        TookEffectAt = now;
        Touch(now);
        return true;
    }
}

internal sealed class DecisionConfiguration : IEntityTypeConfiguration<Decision>
{
    public void Configure(EntityTypeBuilder<Decision> decision)
    {
        decision.ToTable("decisions");
        decision.ConfigureRecord();
        decision.Ignore(d => d.IsPublished);
        decision.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(30);
        decision.Property(d => d.Summary).HasMaxLength(Decision.SummaryMaxLength);
        decision.Property(d => d.Conditions).HasMaxLength(Decision.ConditionsMaxLength);
        decision.Property(d => d.Meeting).HasMaxLength(Decision.MeetingMaxLength);
        decision.Property(d => d.UrgencyReason).HasMaxLength(Decision.ReasonMaxLength);
        decision.OwnsMany(d => d.Allocations, a => a.ToJson("allocations"));
        decision.OwnsMany(d => d.RequestedResources, a => a.ToJson("requested_resources"));
        decision.OwnsMany(d => d.CallIns, c =>
        {
            c.ToJson("call_ins");
            c.Ignore(x => x.HoldsDecision);
        });
        decision.HasIndex(d => d.IssueId);
        decision.HasIndex(d => d.ProposalId).HasFilter("proposal_id IS NOT NULL");
        // The register: published decisions of a body, newest first or in sync order; by date; by theme and area (GIN).
        decision.HasIndex(d => new { d.BodyId, d.PublishedAt });
        // The register of one body (?body=), in the register's order: a page reads limit + 1 entries however many it took.
        decision.HasIndex(d => new { d.BodyId, d.CreatedAt, d.Id }).HasFilter("published_at IS NOT NULL");
        decision.HasIndex(d => d.PublishedAt);
        decision.HasIndex(d => d.Themes).HasMethod("gin");
        decision.HasIndex(d => d.Areas).HasMethod("gin");
        // The effect job reads only what is waiting for its window: published, not yet in effect, not referred back.
        decision.HasIndex(d => d.CallInEndsAt).HasFilter("published_at IS NOT NULL AND took_effect_at IS NULL AND referred_back_at IS NULL");
    }
}
