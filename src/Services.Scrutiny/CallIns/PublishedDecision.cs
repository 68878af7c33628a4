using Concordat.Contracts.Cycle;
using Concordat.Messaging;
using Concordat.Scrutiny.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concordat.Scrutiny.CallIns;

/// <summary>
/// A decision the cycle published, as scrutiny heard it: enough to say whether a committee may still call it in (its
/// window, whether it was urgent) and to show what a call-in concerns. The cycle stays the source of truth.
/// </summary>
public sealed class PublishedDecision
{
    public Guid Id { get; set; }

    public Guid IssueId { get; set; }

    /// <summary>The authorising body that took it.</summary>
    public Guid BodyId { get; set; }

    public string Outcome { get; set; } = "";

    public string Summary { get; set; } = "";

    public bool Urgent { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>When the call-in window closes; null when urgent (no window).</summary>
    public DateTimeOffset? CallInEndsAt { get; set; }

    /// <summary>When the cycle said it took effect, once it did.</summary>
    public DateTimeOffset? TookEffectAt { get; set; }

    public Uri? Url { get; set; }

    /// <summary>False while only <c>DecisionTookEffect</c> has arrived (the two events travel on their own queues).</summary>
    public bool Published { get; set; }
}

internal sealed class PublishedDecisionConfiguration : IEntityTypeConfiguration<PublishedDecision>
{
    public void Configure(EntityTypeBuilder<PublishedDecision> decision)
    {
        decision.ToTable("published_decisions");
        decision.HasKey(d => d.Id);
        decision.Property(d => d.Id).ValueGeneratedNever();
        decision.Property(d => d.Outcome).HasMaxLength(30);
        decision.Property(d => d.Summary).HasMaxLength(4000);
        decision.Property(d => d.Url).HasMaxLength(500);
    }
}

/// <summary>Keeps a published decision open to call-in until its window closes (queue <c>scrutiny-decision-published</c>).</summary>
public sealed class DecisionPublishedConsumer(ScrutinyDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<DecisionPublished, ScrutinyDbContext>(db, time, telemetry)
{
    protected override async Task ApplyAsync(DecisionPublished message, CancellationToken cancellationToken)
    {
        var decision = await PublishedDecisions.FindOrAddAsync(Db, message.DecisionId, cancellationToken);
        decision.IssueId = message.IssueId;
        decision.BodyId = message.BodyId;
        decision.Outcome = message.Outcome;
        decision.Summary = message.Summary;
        decision.Urgent = message.Urgent;
        decision.PublishedAt = message.PublishedAt;
        decision.CallInEndsAt = message.CallInEndsAt;
        decision.Url = message.Url;
        decision.Published = true;
    }
}

/// <summary>Notes that a decision took effect (queue <c>scrutiny-decision-took-effect</c>).</summary>
public sealed class DecisionTookEffectConsumer(ScrutinyDbContext db, TimeProvider time, MessagingTelemetry telemetry)
    : InboxConsumer<DecisionTookEffect, ScrutinyDbContext>(db, time, telemetry)
{
    protected override async Task ApplyAsync(DecisionTookEffect message, CancellationToken cancellationToken)
    {
        var decision = await PublishedDecisions.FindOrAddAsync(Db, message.DecisionId, cancellationToken);
        decision.IssueId = message.IssueId;
        decision.BodyId = message.BodyId;
        decision.Outcome = decision.Published ? decision.Outcome : message.Outcome;
        decision.TookEffectAt ??= message.TookEffectAt;
    }
}

internal static class PublishedDecisions
{
    public static async Task<PublishedDecision> FindOrAddAsync(ScrutinyDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var decision = await db.Decisions.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (decision is null)
        {
            decision = new PublishedDecision { Id = id };
            db.Decisions.Add(decision);
        }

        return decision;
    }
}
