using Concordat.Contracts.Scrutiny;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Scrutiny.CallIns;

/// <summary>How a committee resolved a call-in (the values of <c>CallInResolved.Outcome</c>).</summary>
public enum CallInOutcome
{
    /// <summary>The decision may take effect.</summary>
    NoFurtherAction,

    /// <summary>The decision goes back to the body that took it.</summary>
    ReferredBack,
}

/// <summary>
/// A committee's call-in of a published decision, with its reasons, and the committee's resolution. Public from the
/// moment it is made: a call-in is a public act. Its events (<c>DecisionCalledIn</c>, <c>CallInResolved</c>) are written
/// to the outbox in the same save.
/// </summary>
public sealed class CallIn : VersionedRecord
{
    public const int ReasonsMaxLength = 4000;

    private CallIn()
    {
    }

    public Guid DecisionId { get; private set; }

    public Guid CommitteeBodyId { get; private set; }

    public string Reasons { get; private set; } = "";

    public DateTimeOffset CalledInAt { get; private set; }

    /// <summary>Who called it in, as their token or the read model named them.</summary>
    public string CalledBy { get; private set; } = "";

    public CallInOutcome? Outcome { get; private set; }

    public string? ResolutionReasons { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    /// <summary>Calls in <paramref name="decision"/> for <paramref name="committee"/> if <see cref="CallInRules.MayCallIn"/> allows it.</summary>
    public static (CallIn? CallIn, RuleViolation? Violation) Make(
        PublishedDecision? decision, bool heldByAnotherCallIn, Guid committee, string reasons, string by, DateTimeOffset now)
    {
        if (CallInRules.MayCallIn(decision, heldByAnotherCallIn, now) is { } violation)
        {
            return (null, violation);
        }

        var callIn = new CallIn
        {
            Id = Guid.CreateVersion7(),
            CreatedAt = now,
            DecisionId = decision!.Id,
            CommitteeBodyId = committee,
            Reasons = reasons.Trim(),
            CalledInAt = now,
            CalledBy = by,
        };
        callIn.Touch(now);
        callIn.Raise(new DecisionCalledIn
        {
            Subject = callIn.Subject,
            CallInId = callIn.Id,
            DecisionId = callIn.DecisionId,
            CommitteeBodyId = committee,
            Reasons = callIn.Reasons,
            CalledInAt = now,
        });
        return (callIn, null);
    }

    /// <summary>Resolves the call-in once, announcing <c>CallInResolved</c>.</summary>
    public RuleViolation? Resolve(CallInOutcome outcome, string reasons, string by, DateTimeOffset now)
    {
        if (CallInRules.MayResolve(this) is { } violation)
        {
            return violation;
        }

        Outcome = outcome;
        ResolutionReasons = reasons.Trim();
        ResolvedAt = now;
        ResolvedBy = by;
        Touch(now);
        Raise(new CallInResolved
        {
            Subject = Subject,
            CallInId = Id,
            DecisionId = DecisionId,
            CommitteeBodyId = CommitteeBodyId,
            Outcome = new Wire<CallInOutcome>(outcome).ToString(),
            Reasons = ResolutionReasons,
            ResolvedAt = now,
        });
        return null;
    }

    public string Subject => $"call-ins/{Id}";
}

internal sealed class CallInConfiguration : IEntityTypeConfiguration<CallIn>
{
    public void Configure(EntityTypeBuilder<CallIn> callIn)
    {
        callIn.ToTable("call_ins");
        callIn.ConfigureRecord();
        callIn.Ignore(c => c.Subject);
        callIn.Property(c => c.Reasons).HasMaxLength(CallIn.ReasonsMaxLength);
        callIn.Property(c => c.ResolutionReasons).HasMaxLength(CallIn.ReasonsMaxLength);
        callIn.Property(c => c.CalledBy).HasMaxLength(200);
        callIn.Property(c => c.ResolvedBy).HasMaxLength(200);
        callIn.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(30);
        callIn.HasIndex(c => c.DecisionId);
        callIn.HasIndex(c => c.CommitteeBodyId);
        // One open call-in holds a decision: a second committee racing the first is refused by the database too.
        callIn.HasIndex(c => c.DecisionId, "ux_call_ins_open_per_decision").HasDatabaseName("ux_call_ins_open_per_decision").IsUnique().HasFilter("resolved_at IS NULL AND removed_at IS NULL");
    }
}
