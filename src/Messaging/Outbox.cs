using System.Diagnostics;
using System.Text.Json;
using Concordat.Contracts;
using Concordat.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Concordat.Messaging;

/// <summary>The one way a service publishes: add the event to the unit of work, then save.</summary>
public static class OutboxDbContextExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores <paramref name="integrationEvent"/> in the outbox of <paramref name="db"/>; it is published
    /// if and only if the next <c>SaveChanges</c> (or the transaction around it) commits. The envelope
    /// (source, instance, time) is stamped when the change is saved, so every event carries it.
    /// Returns the event id. The message type is the event's own type, however the caller holds it.
    /// </summary>
    public static Guid AddIntegrationEvent<TEvent>(this DbContext db, TEvent integrationEvent)
        where TEvent : IntegrationEvent
    {
        var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors;
        if (interceptors is null || !interceptors.OfType<OutboxInterceptor>().Any())
        {
            throw new InvalidOperationException(
                $"{db.GetType().Name} has no outbox: register it with AddServiceDatabase so events are stamped and relayed.");
        }

        var eventId = integrationEvent.EventId == Guid.Empty ? OrderedIds.Next() : integrationEvent.EventId;
        var activity = Activity.Current;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = eventId,
            MessageType = integrationEvent.GetType().FullName!,
            Subject = integrationEvent.Subject,
            PendingEvent = integrationEvent with { EventId = eventId },
            TraceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
            TraceState = activity?.TraceStateString,
        });
        return eventId;
    }
}

/// <summary>
/// Stamps and serialises pending events as a change is saved, and wakes the relay once a
/// transaction carrying events commits, so no event waits for the polling interval.
/// </summary>
public sealed class OutboxInterceptor(IOptions<InstanceOptions> instance, TimeProvider time, OutboxSignal signal)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // Contexts that saved events inside a transaction not yet committed: only their commits wake the relay,
    // not every commit (a consumer's inbox record, the relay's own "sent" marks).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _eventsAwaitingCommit = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeRelayIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeRelayIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        WakeRelayIfEventsCommitted(eventData.Context);

    public Task TransactionCommittedAsync(
        System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        WakeRelayIfEventsCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public Task TransactionRolledBackAsync(
        System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var options = instance.Value;
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State != EntityState.Added || entry.Entity.PendingEvent is not { } pending)
            {
                continue;
            }

            _eventsAwaitingCommit.AddOrUpdate(context, this);

            var stamped = pending with
            {
                Source = options.EventSource,
                InstanceId = options.InstanceId,
                OccurredAt = pending.OccurredAt == default ? time.GetUtcNow() : pending.OccurredAt,
            };
            entry.Entity.OccurredAt = stamped.OccurredAt;
            entry.Entity.Payload = JsonSerializer.Serialize(stamped, stamped.GetType(), OutboxDbContextExtensions.Json);
            entry.Entity.PendingEvent = null;
        }
    }

    private void WakeRelayIfCommitted(DbContext? context)
    {
        // Inside an explicit transaction the rows are not visible yet: TransactionCommitted wakes the relay.
        if (context?.Database.CurrentTransaction is null)
        {
            WakeRelayIfEventsCommitted(context);
        }
    }

    private void WakeRelayIfEventsCommitted(DbContext? context)
    {
        if (context is not null && _eventsAwaitingCommit.Remove(context))
        {
            signal.Wake();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _eventsAwaitingCommit.Remove(context);
        }
    }
}

/// <summary>Wakes the relay when events have been committed.</summary>
public sealed class OutboxSignal : WakeSignal;
