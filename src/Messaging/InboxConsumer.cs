using Concordat.Contracts;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Concordat.Messaging;

/// <summary>
/// Base for every consumer of integration events: applies a message once however often it is
/// delivered. The record of the message id and the consumer's effect commit in one transaction;
/// a redelivery finds the record and is acknowledged without applying again.
/// </summary>
public abstract class InboxConsumer<TEvent, TDbContext>(TDbContext db, TimeProvider time, MessagingTelemetry telemetry) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TDbContext : DbContext
{
    private const string RecordMessage =
        $"INSERT INTO {MessagingModelBuilderExtensions.InboxTable} (message_id, consumer, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

    /// <summary>The service's database; changes made to it in <see cref="ApplyAsync"/> commit with the inbox record.</summary>
    protected TDbContext Db => db;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var cancellationToken = context.CancellationToken;
        var messageId = context.Message.EventId != Guid.Empty ? context.Message.EventId : context.MessageId ?? Guid.Empty;
        // A generic consumer (one per service's database) records under its plain name, as it did before it was shared.
        var consumer = ServiceEndpointNameFormatter.NameOf(GetType());

        // One transaction, no savepoint inside it: a failure anywhere rolls the whole message back for a retry.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A concurrent duplicate waits here on the key until the first commits, then finds it taken. One statement on the
        // effect's connection, straight through Npgsql (EF Core's raw-SQL path adds nothing here but CPU); Npgsql sends
        // the transaction's BEGIN with it, so the record costs one round trip and the effect's commit covers it.
        await using var record = new Npgsql.NpgsqlCommand(
            RecordMessage, (Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), (Npgsql.NpgsqlTransaction)transaction.GetDbTransaction());
        record.Parameters.Add(new Npgsql.NpgsqlParameter<Guid> { TypedValue = messageId });
        record.Parameters.Add(new Npgsql.NpgsqlParameter<string> { TypedValue = consumer });
        record.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        var first = await record.ExecuteNonQueryAsync(cancellationToken);
        if (first == 0)
        {
            telemetry.Duplicate(consumer);
            return;
        }

        // The change is the event's doing, not a person's: whatever records changes can name the event and its id.
        using (ConsumedEvent.Begin(new ConsumedEvent(typeof(TEvent).Name, messageId)))
        {
            await ApplyAsync(context.Message, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        telemetry.Applied(consumer);
    }

    /// <summary>The consumer's effect: change <see cref="Db"/>; do not save, the base class does.</summary>
    protected abstract Task ApplyAsync(TEvent message, CancellationToken cancellationToken);
}
