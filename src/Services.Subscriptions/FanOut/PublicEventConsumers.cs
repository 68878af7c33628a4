using Concordat.Contracts;
using Concordat.Contracts.Cycle;
using Concordat.Contracts.Registry;
using Concordat.Contracts.Scrutiny;
using Concordat.Messaging;
using Concordat.Subscriptions.Data;
using Concordat.Subscriptions.Deliveries;
using Concordat.Subscriptions.Endpoints;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Subscriptions.FanOut;

/// <summary>What an event is about, for endpoints' filters: bodies, and the issue (whose areas and themes count).</summary>
public sealed record EventScope(IEnumerable<Guid?> Bodies, Guid? IssueId = null, Guid? DecisionId = null);

/// <summary>
/// Hears a public event once (the inbox) and, in the same transaction, records it in its public form and creates a
/// delivery for each endpoint whose filter it matches; the dispatcher sends them.
/// </summary>
public abstract class PublicEventConsumer<TEvent>(SubscriptionsDbContext db, TimeProvider clock, MessagingTelemetry telemetry)
    : InboxConsumer<TEvent, SubscriptionsDbContext>(db, clock, telemetry)
    where TEvent : IntegrationEvent
{
    private TimeProvider Clock { get; } = clock;

    protected abstract EventScope Scope(TEvent message);

    protected override async Task ApplyAsync(TEvent message, CancellationToken cancellationToken)
    {
        var scope = Scope(message);
        var issueId = scope.IssueId;
        if (issueId is null && scope.DecisionId is { } decisionId)
        {
            issueId = await Db.Decisions.Where(d => d.Id == decisionId).Select(d => (Guid?)d.IssueId).SingleOrDefaultAsync(cancellationToken);
        }

        var issue = issueId is { } id ? await Db.Issues.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) : null;
        var now = Clock.GetUtcNow();
        var heard = new PublicEvent
        {
            Id = message.EventId,
            Type = message.Type,
            Source = message.Source?.ToString() ?? "",
            Subject = message.Subject,
            OccurredAt = message.OccurredAt,
            Data = PublicEvents.Data(message),
            BodyIds = [.. scope.Bodies.OfType<Guid>().Distinct()],
            AreaIds = issue?.AreaIds ?? [],
            Themes = issue?.Themes ?? [],
            ReceivedAt = now,
        };
        Db.Events.Add(heard);

        // Paused endpoints get theirs too, sent when resumed; disabled ones can replay what they missed.
        var endpoints = await EventFilter.Candidates(Db.Endpoints.AsNoTracking(), heard)
            .Where(e => e.State != EndpointState.Disabled).ToListAsync(cancellationToken);
        foreach (var endpoint in endpoints.Where(e => EventFilter.Matches(e, heard)))
        {
            Db.Deliveries.Add(Delivery.Of(endpoint.Id, heard.Id, now));
        }
    }
}

public sealed class BodyRegisteredConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<BodyRegistered>(db, time, telemetry)
{
    protected override EventScope Scope(BodyRegistered message) => new([message.BodyId]);
}

public sealed class BodyChangedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<BodyChanged>(db, time, telemetry)
{
    protected override EventScope Scope(BodyChanged message) => new([message.BodyId]);
}

public sealed class BodyRolesChangedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<BodyRolesChanged>(db, time, telemetry)
{
    protected override EventScope Scope(BodyRolesChanged message) => new([message.BodyId]);
}

public sealed class BodyDissolvedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<BodyDissolved>(db, time, telemetry)
{
    protected override EventScope Scope(BodyDissolved message) => new([message.BodyId]);
}

/// <summary>Also remembers the issue's areas and themes, which later events about it do not carry.</summary>
public sealed class IssueRaisedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<IssueRaised>(db, time, telemetry)
{
    protected override EventScope Scope(IssueRaised message) => new([.. message.Holders, message.RaisedByBodyId], message.IssueId);

    protected override async Task ApplyAsync(IssueRaised message, CancellationToken cancellationToken)
    {
        if (!await Db.Issues.AnyAsync(i => i.Id == message.IssueId, cancellationToken))
        {
            Db.Issues.Add(new KnownIssue { Id = message.IssueId, AreaIds = [.. message.Areas], Themes = [.. message.Themes] });
            await Db.SaveChangesAsync(cancellationToken);
        }

        await base.ApplyAsync(message, cancellationToken);
    }
}

public sealed class IssueMovedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<IssueMoved>(db, time, telemetry)
{
    protected override EventScope Scope(IssueMoved message) => new([.. message.FromHolders, .. message.ToHolders], message.IssueId);
}

public sealed class IssueClosedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<IssueClosed>(db, time, telemetry)
{
    protected override EventScope Scope(IssueClosed message) => new([.. message.Holders], message.IssueId);
}

public sealed class ReferralMadeConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<ReferralMade>(db, time, telemetry)
{
    protected override EventScope Scope(ReferralMade message) =>
        new([message.ReferredByBodyId, .. message.Bodies, message.SynthesisedByBodyId], message.IssueId);
}

public sealed class ReferralAnsweredConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<ReferralAnswered>(db, time, telemetry)
{
    protected override EventScope Scope(ReferralAnswered message) => new([message.BodyId], message.IssueId);
}

public sealed class ReferralOverdueConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<ReferralOverdue>(db, time, telemetry)
{
    protected override EventScope Scope(ReferralOverdue message) => new([message.BodyId], message.IssueId);
}

/// <summary>Also remembers the decision's issue, for scrutiny's events about it.</summary>
public sealed class DecisionPublishedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<DecisionPublished>(db, time, telemetry)
{
    protected override EventScope Scope(DecisionPublished message) => new([message.BodyId], message.IssueId);

    protected override async Task ApplyAsync(DecisionPublished message, CancellationToken cancellationToken)
    {
        if (!await Db.Decisions.AnyAsync(d => d.Id == message.DecisionId, cancellationToken))
        {
            Db.Decisions.Add(new KnownDecision { Id = message.DecisionId, IssueId = message.IssueId });
        }

        await base.ApplyAsync(message, cancellationToken);
    }
}

public sealed class DecisionTookEffectConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<DecisionTookEffect>(db, time, telemetry)
{
    protected override EventScope Scope(DecisionTookEffect message) => new([message.BodyId], message.IssueId);
}

public sealed class MeetingScheduledConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<MeetingScheduled>(db, time, telemetry)
{
    protected override EventScope Scope(MeetingScheduled message) => new([.. message.BodyIds]);
}

public sealed class AgendaPublishedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<AgendaPublished>(db, time, telemetry)
{
    protected override EventScope Scope(AgendaPublished message) => new([.. message.BodyIds]);
}

public sealed class DecisionCalledInConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<DecisionCalledIn>(db, time, telemetry)
{
    protected override EventScope Scope(DecisionCalledIn message) => new([message.CommitteeBodyId], DecisionId: message.DecisionId);
}

public sealed class CallInResolvedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<CallInResolved>(db, time, telemetry)
{
    protected override EventScope Scope(CallInResolved message) => new([message.CommitteeBodyId], DecisionId: message.DecisionId);
}

public sealed class DeliveryPlanStartedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<DeliveryPlanStarted>(db, time, telemetry)
{
    protected override EventScope Scope(DeliveryPlanStarted message) => new([message.LeadBodyId, .. message.ContributingBodies], message.IssueId);
}

/// <summary>An action names its owning organisation, not a body: endpoints filter it by its issue's areas and themes.</summary>
public sealed class ActionStatusChangedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<ActionStatusChanged>(db, time, telemetry)
{
    protected override EventScope Scope(ActionStatusChanged message) => new([], message.IssueId);
}

public sealed class MilestoneSlippedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<MilestoneSlipped>(db, time, telemetry)
{
    protected override EventScope Scope(MilestoneSlipped message) => new([], message.IssueId);
}

public sealed class IndicatorReportedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<IndicatorReported>(db, time, telemetry)
{
    protected override EventScope Scope(IndicatorReported message) => new([], message.IssueId);
}

public sealed class MonitoringReportIssuedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<MonitoringReportIssued>(db, time, telemetry)
{
    protected override EventScope Scope(MonitoringReportIssued message) => new([message.LeadBodyId], message.IssueId);
}

public sealed class EvaluationCompletedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<EvaluationCompleted>(db, time, telemetry)
{
    protected override EventScope Scope(EvaluationCompleted message) => new([message.EvaluatorBodyId], message.IssueId);
}

public sealed class LessonPublishedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<LessonPublished>(db, time, telemetry)
{
    protected override EventScope Scope(LessonPublished message) => new([], message.IssueId);
}

/// <summary>Filtered by the bodies that raised and now hold the follow-up, and by the new issue's areas and themes.</summary>
public sealed class FollowUpRaisedConsumer(SubscriptionsDbContext db, TimeProvider time, MessagingTelemetry telemetry) : PublicEventConsumer<FollowUpRaised>(db, time, telemetry)
{
    protected override EventScope Scope(FollowUpRaised message) => new([message.RaisedByBodyId, .. message.Holders.Select(h => (Guid?)h)], message.IssueId);
}

/// <summary>A consumer for each of <see cref="PublicEvents.Types"/> (a test checks none is missing), registered on the bus.</summary>
public static class PublicEventConsumers
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(BodyRegisteredConsumer),
        typeof(BodyChangedConsumer),
        typeof(BodyRolesChangedConsumer),
        typeof(BodyDissolvedConsumer),
        typeof(IssueRaisedConsumer),
        typeof(IssueMovedConsumer),
        typeof(IssueClosedConsumer),
        typeof(ReferralMadeConsumer),
        typeof(ReferralAnsweredConsumer),
        typeof(ReferralOverdueConsumer),
        typeof(DecisionPublishedConsumer),
        typeof(DecisionTookEffectConsumer),
        typeof(MeetingScheduledConsumer),
        typeof(AgendaPublishedConsumer),
        typeof(DecisionCalledInConsumer),
        typeof(CallInResolvedConsumer),
        typeof(DeliveryPlanStartedConsumer),
        typeof(ActionStatusChangedConsumer),
        typeof(MilestoneSlippedConsumer),
        typeof(IndicatorReportedConsumer),
        typeof(MonitoringReportIssuedConsumer),
        typeof(EvaluationCompletedConsumer),
        typeof(LessonPublishedConsumer),
        typeof(FollowUpRaisedConsumer),
    ];

    public static void Add(IBusRegistrationConfigurator bus)
    {
        foreach (var consumer in Types)
        {
            bus.AddConsumer(consumer);
        }
    }
}
