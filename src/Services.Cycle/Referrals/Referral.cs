using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Cycle.Referrals;

/// <summary>
/// An issue's holder asking bodies to consider it and report back by a date, as the GSP asks each thematic partnership
/// and the LSPs in the prospectus's first example. The bodies asked are recorded as resolved when it was made, even when
/// they were chosen by a selection ("all district LSPs"), so a body registered later is not silently added.
/// </summary>
public sealed class Referral
{
    public const int QuestionMaxLength = 2000;
    public const int TextMaxLength = 8000;

    public Guid Id { get; init; }

    public Guid IssueId { get; init; }

    public Guid ReferredByBodyId { get; init; }

    public string? Question { get; init; }

    public DateOnly DueOn { get; init; }

    /// <summary>The body that pulls the responses together (the CSEB in example 1), if one was named.</summary>
    public Guid? SynthesisedByBodyId { get; init; }

    /// <summary>The selection the bodies were resolved from, as asked (<c>tier=district, scope=geographic</c>), if any.</summary>
    public string? Selection { get; init; }

    public DateTimeOffset MadeAt { get; init; }

    public string MadeBy { get; init; } = "";

    public string? Synthesis { get; private set; }

    public DateTimeOffset? SynthesisedAt { get; private set; }

    public List<ReferralRecipient> Recipients { get; init; } = [];

    /// <summary>Records the synthesis of the responses; a later one replaces it (a synthesis is redrafted as responses arrive).</summary>
    public RuleViolation? Synthesise(string summary, DateTimeOffset now)
    {
        if (SynthesisedByBodyId is null)
        {
            return new RuleViolation("no-synthesiser-named", "This referral names no body to synthesise its responses.");
        }

        Synthesis = summary.Trim();
        SynthesisedAt = now;
        return null;
    }
}

/// <summary>One body asked by a referral, and its response once given.</summary>
public sealed class ReferralRecipient
{
    public Guid ReferralId { get; init; }

    public Guid BodyId { get; init; }

    /// <summary>Copied from the referral and its issue so "what is due from this body" and "what is overdue" read one index.</summary>
    public Guid IssueId { get; init; }

    public DateOnly DueOn { get; init; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public string? AnsweredBy { get; private set; }

    /// <summary>What the body found.</summary>
    public string? Findings { get; private set; }

    /// <summary>Whether it is a real problem in the body's area (three LSPs confirm truancy is, in example 4).</summary>
    public bool? RealProblemInArea { get; private set; }

    /// <summary>What the body proposes.</summary>
    public string? Proposes { get; private set; }

    /// <summary>The UK day the last overdue reminder went out for this body, so one goes out a day at most.</summary>
    public DateOnly? LastRemindedOn { get; set; }

    public bool Answered => AnsweredAt is not null;

    public RuleViolation? Answer(string findings, bool realProblemInArea, string? proposes, string by, DateTimeOffset now)
    {
        if (Answered)
        {
            return new RuleViolation("referral-already-answered", $"This body answered the referral on {AnsweredAt:yyyy-MM-dd}.");
        }

        Findings = findings.Trim();
        RealProblemInArea = realProblemInArea;
        Proposes = string.IsNullOrWhiteSpace(proposes) ? null : proposes.Trim();
        AnsweredBy = by;
        AnsweredAt = now;
        return null;
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> referral)
    {
        referral.ToTable("referrals");
        referral.HasKey(r => r.Id);
        referral.Property(r => r.Id).ValueGeneratedNever();
        referral.Property(r => r.Question).HasMaxLength(Referral.QuestionMaxLength);
        referral.Property(r => r.Selection).HasMaxLength(200);
        referral.Property(r => r.MadeBy).HasMaxLength(200);
        referral.Property(r => r.Synthesis).HasMaxLength(Referral.TextMaxLength);
        referral.HasOne<Issues.Issue>().WithMany().HasForeignKey(r => r.IssueId);
        referral.HasMany(r => r.Recipients).WithOne().HasForeignKey(r => r.ReferralId).OnDelete(DeleteBehavior.Cascade);
        referral.Navigation(r => r.Recipients).AutoInclude();
        referral.HasIndex(r => new { r.IssueId, r.MadeAt });
    }
}

internal sealed class ReferralRecipientConfiguration : IEntityTypeConfiguration<ReferralRecipient>
{
    public void Configure(EntityTypeBuilder<ReferralRecipient> recipient)
    {
        recipient.ToTable("referral_recipients");
        recipient.HasKey(r => new { r.ReferralId, r.BodyId });
        recipient.Property(r => r.AnsweredBy).HasMaxLength(200);
        recipient.Property(r => r.Findings).HasMaxLength(Referral.TextMaxLength);
        recipient.Property(r => r.Proposes).HasMaxLength(Referral.TextMaxLength);
        // "What is due from this body" and "what is overdue" read only the responses still awaited.
        recipient.HasIndex(r => new { r.BodyId, r.DueOn }).HasFilter("answered_at IS NULL");
        recipient.HasIndex(r => r.DueOn).HasFilter("answered_at IS NULL");
    }
}

/// <summary>
/// Which bodies a referral goes to: those named and those a selection resolves to now, each active; a referral to a
/// dissolved body is refused rather than dropped, so the holder knows.
/// </summary>
public static class ReferralRules
{
    /// <summary>
    /// The distinct bodies asked, or the rule broken. <paramref name="named"/> are the bodies named one by one (null when
    /// not known to the cycle); <paramref name="selected"/> those the selection resolved to.
    /// </summary>
    public static (IReadOnlyList<Issues.HolderCandidate> Bodies, RuleViolation? Violation) Recipients(
        IReadOnlyList<(Guid Id, Issues.HolderCandidate? Body)> named, IReadOnlyList<Issues.HolderCandidate> selected, bool selectionAsked)
    {
        if (named.Where(n => n.Body is null).Select(n => (Guid?)n.Id).FirstOrDefault() is { } unknown)
        {
            return ([], new RuleViolation("body-unknown", $"The cycle knows of no body {unknown}; the registry's announcement of it may not have arrived yet."));
        }

        if (named.Select(n => n.Body!).FirstOrDefault(b => b.Dissolved) is { } dissolved)
        {
            return ([], new RuleViolation("referral-to-dissolved-body", $"{dissolved.Name} has been dissolved; it cannot be asked to consider anything."));
        }

        if (selectionAsked && selected.Count == 0)
        {
            return ([], new RuleViolation("selection-matches-no-body", "The selection matches no active body."));
        }

        var bodies = named.Select(n => n.Body!).Concat(selected.Where(s => !s.Dissolved)).DistinctBy(b => b.Id).ToList();
        return bodies.Count == 0
            ? ([], new RuleViolation("referral-to-nobody", "Name the bodies to ask, or a selection of them."))
            : (bodies, null);
    }
}
