using Concordat.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Messaging;

/// <summary>
/// An integration event waiting to be published, stored in the same transaction as the change
/// that caused it. The relay publishes rows in <see cref="Sequence"/> order and marks them sent.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The event's id; also the MassTransit message id, so consumers' inboxes key on it.</summary>
    public Guid Id { get; init; }

    /// <summary>Commit order, assigned by the database: the relay publishes in this order.</summary>
    public long Sequence { get; init; }

    /// <summary>The event's CLR type (full name), resolved against the contracts assembly when relayed.</summary>
    public required string MessageType { get; init; }

    /// <summary>The event as JSON, with its envelope stamped.</summary>
    public string Payload { get; set; } = "";

    /// <summary>The event while it waits for <c>SaveChanges</c>, which stamps and serialises it.</summary>
    internal IntegrationEvent? PendingEvent { get; set; }

    /// <summary>The record the event is about; events with the same subject are published in order.</summary>
    public required string Subject { get; init; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>W3C trace context of the request that made the change, so the trace continues through the broker.</summary>
    public string? TraceParent { get; init; }

    public string? TraceState { get; init; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A message a consumer has applied. Its effect and this row commit together.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }

    /// <summary>The consumer that applied it: one message may be applied by several consumers, once each.</summary>
    public required string Consumer { get; init; }

    public DateTimeOffset ProcessedAt { get; init; }
}

/// <summary>Adds the outbox and inbox tables to a service's model.</summary>
public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Call from <c>OnModelCreating</c> of every service's DbContext.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Ignore(m => m.PendingEvent);
            outbox.Property(m => m.Sequence).UseIdentityAlwaysColumn();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.Subject).HasMaxLength(300);
            outbox.Property(m => m.Payload).HasColumnType("jsonb");
            outbox.Property(m => m.TraceParent).HasMaxLength(55);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.HasIndex(m => m.Sequence).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
            outbox.HasIndex(m => m.SentAt);
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
        });
        return modelBuilder;
    }
}
