using Concordat.Contracts.Cycle;
using Concordat.Contracts.Scrutiny;
using Concordat.Cycle.Data;
using Concordat.Cycle.Issues;
using Concordat.Cycle.Timeline;
using Concordat.Messaging;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Cycle.Decisions;

/// <summary>
/// What happens to a published decision after publication: scrutiny's call-ins and their resolutions, and the moment it
/// takes effect, each written to the issue's timeline and (for taking effect) announced through the outbox in the same
/// transaction. <c>DecisionTookEffect</c> is written once per decision: <see cref="Decision.TookEffectAt"/> marks it.
/// </summary>
public sealed class DecisionEffects(CycleDbContext db, TimeProvider time)
{
    /// <summary>How many decisions one transaction announces; a run repeats while a batch was full and announced something.</summary>
    public const int Batch = 200;

    /// <summary>Who the timeline says did what the platform did of itself.</summary>
    public static readonly Actor Platform = new("concordat", "Concordat");

    /// <summary>Records a call-in (holding the decision, or refused and only recorded), on the issue's timeline.</summary>
    public async Task CalledInAsync(DecisionCalledIn message, CancellationToken cancellationToken)
    {
        var decision = await db.Decisions.SingleOrDefaultAsync(d => d.Id == message.DecisionId && d.RemovedAt == null, cancellationToken);
        // A decision this cycle never took (another instance's, or a mistake) has nothing to hold.
        if (decision is null || decision.CallInBy(message.CallInId, message.CommitteeBodyId, message.Reasons, message.CalledInAt, time.GetUtcNow()) is not { } callIn)
        {
            return;
        }

        var committee = await CommitteeAsync(message.CommitteeBodyId, cancellationToken);
        db.Timeline.Add(TimelineEntry.Of(decision.IssueId, callIn.Refused is null ? TimelineEntryKind.DecisionCalledIn : TimelineEntryKind.CallInRefused,
            committee, time.GetUtcNow(), bodies: [message.CommitteeBodyId], decisionId: decision.Id,
            note: callIn.Refused is null ? message.Reasons : $"{callIn.Refused}: {message.Reasons}"));
    }

    /// <summary>
    /// Resolves a call-in: <c>no_further_action</c> lets the decision take effect now if its window has passed (else the
    /// periodic run announces it at the window's end); <c>referred_back</c> ends it, and its issue returns to authorisation.
    /// </summary>
    public async Task ResolvedAsync(CallInResolved message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decision = await db.Decisions.SingleOrDefaultAsync(d => d.Id == message.DecisionId && d.RemovedAt == null, cancellationToken);
        if (decision is null || decision.Resolve(message.CallInId, message.CommitteeBodyId, message.Outcome, message.Reasons, message.ResolvedAt, now) is null)
        {
            return;
        }

        var committee = await CommitteeAsync(message.CommitteeBodyId, cancellationToken);
        db.Timeline.Add(TimelineEntry.Of(decision.IssueId, TimelineEntryKind.CallInResolved, committee, now,
            bodies: [message.CommitteeBodyId], decisionId: decision.Id, note: $"{message.Outcome}: {message.Reasons}"));
        if (message.Outcome == DecisionRules.NoFurtherAction)
        {
            Announce(decision, DecisionTookEffect.CallInResolved, now);
            return;
        }

        var issue = await db.Issues.SingleAsync(i => i.Id == decision.IssueId, cancellationToken);
        var (from, fromHolders) = (issue.Stage, issue.HolderIds);
        if (issue.ReturnToAuthorisation(decision.BodyId, now))
        {
            db.Timeline.Add(TimelineEntry.Of(issue.Id, TimelineEntryKind.Moved, committee, now, fromStage: from, toStage: issue.Stage,
                fromHolders: fromHolders, toHolders: issue.HolderIds, decisionId: decision.Id, note: "Decision referred back by scrutiny; a new decision is needed."));
            db.AddIntegrationEvent(new IssueMoved
            {
                Subject = IssuesApi.Subject(issue.Id), IssueId = issue.Id, FromStage = StageRules.Wire(from), ToStage = StageRules.Wire(issue.Stage),
                FromHolders = fromHolders, ToHolders = issue.HolderIds, Reason = "Decision referred back by scrutiny; a new decision is needed.",
                DueOn = issue.DueOn, MovedBy = committee.Name,
            });
        }
    }

    /// <summary>Announces every decision whose call-in window has passed with nothing holding it; how many it announced.</summary>
    public async Task<int> TakeEffectAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var (seen, announced) = await TakeEffectBatchAsync(cancellationToken);
            total += announced;
            if (seen < Batch || announced == 0)
            {
                break;
            }
        }

        return total;
    }

    /// <summary>Writes <c>DecisionTookEffect</c> and its timeline entry if the decision is in effect now and was not announced.</summary>
    public bool Announce(Decision decision, string why, DateTimeOffset now)
    {
        if (!decision.TakeEffect(now))
        {
            return false;
        }

        db.Timeline.Add(TimelineEntry.Of(decision.IssueId, TimelineEntryKind.DecisionTookEffect, Platform, now, bodies: [decision.BodyId], decisionId: decision.Id, note: why));
        db.AddIntegrationEvent(new DecisionTookEffect
        {
            Subject = DecisionsApi.Subject(decision.Id), DecisionId = decision.Id, IssueId = decision.IssueId, BodyId = decision.BodyId,
            Outcome = DecisionsApi.Wire(decision.Outcome), TookEffectAt = now, Why = why,
        });
        return true;
    }

    private async Task<(int Seen, int Announced)> TakeEffectBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked and skipped by other replicas, so two runs never announce one decision twice.
        var due = await db.Decisions
            .FromSql($"""
                SELECT d.*, d.xmin FROM decisions d
                WHERE d.published_at IS NOT NULL AND d.took_effect_at IS NULL AND d.referred_back_at IS NULL AND d.removed_at IS NULL
                  AND d.call_in_ends_at <= {now} AND d.outcome IN ('Approved', 'ApprovedWithAmendments')
                ORDER BY d.call_in_ends_at, d.id
                LIMIT {Batch}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(cancellationToken);
        var announced = due.Count(d => Announce(d, DecisionTookEffect.WindowPassed, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (due.Count, announced);
    }

    private async Task<Actor> CommitteeAsync(Guid committee, CancellationToken cancellationToken)
    {
        var name = await db.Bodies.AsNoTracking().Where(b => b.Id == committee).Select(b => b.Name).SingleOrDefaultAsync(cancellationToken);
        return new Actor($"body:{committee}", name ?? $"Scrutiny committee {committee}");
    }
}

/// <summary>Holds a decision out of effect while scrutiny has it called in (queue <c>cycle-decision-called-in</c>).</summary>
public sealed class DecisionCalledInConsumer(CycleDbContext db, TimeProvider time, MessagingTelemetry telemetry, DecisionEffects effects)
    : InboxConsumer<DecisionCalledIn, CycleDbContext>(db, time, telemetry)
{
    protected override Task ApplyAsync(DecisionCalledIn message, CancellationToken cancellationToken) => effects.CalledInAsync(message, cancellationToken);
}

/// <summary>Lets a decision take effect, or ends it and returns its issue to authorisation (queue <c>cycle-call-in-resolved</c>).</summary>
public sealed class CallInResolvedConsumer(CycleDbContext db, TimeProvider time, MessagingTelemetry telemetry, DecisionEffects effects)
    : InboxConsumer<CallInResolved, CycleDbContext>(db, time, telemetry)
{
    protected override Task ApplyAsync(CallInResolved message, CancellationToken cancellationToken) => effects.ResolvedAsync(message, cancellationToken);
}

/// <summary>
/// Runs <see cref="DecisionEffects.TakeEffectAsync"/> a minute after start and then every five minutes. A periodic job
/// rather than a timer per decision: it survives restarts and replicas without state, and the stage rule does not wait
/// for it (<see cref="DecisionsInEffect"/> asks at the time of the move), so the job only decides when partners hear.
/// </summary>
public sealed class DecisionEffectRuns(IServiceScopeFactory scopes, TimeProvider time, ILogger<DecisionEffectRuns> logger)
    : PeriodicRuns(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override string Work => "Announcing decisions taking effect";

    protected override Task<int> RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DecisionEffects>().TakeEffectAsync(cancellationToken);
}
