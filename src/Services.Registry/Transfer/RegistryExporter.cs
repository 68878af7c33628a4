using System.Data;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
using Concordat.Registry.Records;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.Transfer;

/// <summary>Reads the whole live registry as one consistent snapshot.</summary>
internal static class RegistryExporter
{
    public static async Task<RegistryExport> ExportAsync(RegistryDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One snapshot: a change committed while the export runs is either wholly in it or wholly out.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        // Ordered by id (UUID v7, so by creation): the order the records were first admitted in, and stable between exports.
        var export = new RegistryExport(
            RegistryExport.CurrentFormat,
            now,
            [.. (await db.Organisations.AsNoTracking().Where(o => o.RemovedAt == null).OrderBy(o => o.Id).ToListAsync(cancellationToken)).Select(OrganisationEntry.From)],
            [.. (await db.People.AsNoTracking().Where(p => p.RemovedAt == null).OrderBy(p => p.Id).ToListAsync(cancellationToken)).Select(PersonEntry.From)],
            [.. (await db.Bodies.AsNoTracking().Where(b => b.RemovedAt == null).OrderBy(b => b.Id).ToListAsync(cancellationToken)).Select(BodyEntry.From)],
            [.. (await db.Seats.AsNoTracking().Where(s => s.RemovedAt == null).OrderBy(s => s.Id).ToListAsync(cancellationToken)).Select(SeatEntry.From)],
            [.. (await db.Memberships.AsNoTracking().Where(m => m.RemovedAt == null).OrderBy(m => m.Id).ToListAsync(cancellationToken)).Select(MembershipEntry.From)],
            [.. (await db.Relationships.AsNoTracking().Where(r => r.RemovedAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken)).Select(RelationshipEntry.From)],
            [.. (await db.Agreements.AsNoTracking().Where(a => a.RemovedAt == null).OrderBy(a => a.Id).ToListAsync(cancellationToken)).Select(AgreementEntry.From)]);
        await transaction.CommitAsync(cancellationToken);
        return export;
    }

    /// <summary>
    /// Writes the same document as <see cref="ExportAsync"/> serialised with <paramref name="options"/>, byte for
    /// byte, but as it reads it: each collection a page at a time in id order, flushed as it goes, so memory stays
    /// flat whatever the registry's size. One snapshot, as for <see cref="ExportAsync"/>.
    /// </summary>
    public static async Task WriteAsync(RegistryDbContext db, DateTimeOffset now, PipeWriter output, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder });
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        writer.WriteStartObject();
        writer.WritePropertyName(Name(options, nameof(RegistryExport.Format)));
        JsonSerializer.Serialize(writer, RegistryExport.CurrentFormat, options);
        writer.WritePropertyName(Name(options, nameof(RegistryExport.ExportedAt)));
        JsonSerializer.Serialize(writer, now, options);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Organisations), LiveRecords.ReadAsync(db.Organisations, cancellationToken), OrganisationEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.People), LiveRecords.ReadAsync(db.People, cancellationToken), PersonEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Bodies), LiveRecords.ReadAsync(db.Bodies, cancellationToken), BodyEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Seats), LiveRecords.ReadAsync(db.Seats, cancellationToken), SeatEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Memberships), LiveRecords.ReadAsync(db.Memberships, cancellationToken), MembershipEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Relationships), LiveRecords.ReadAsync(db.Relationships, cancellationToken), RelationshipEntry.From, cancellationToken);
        await WriteCollectionAsync(writer, output, options, nameof(RegistryExport.Agreements), LiveRecords.ReadAsync(db.Agreements, cancellationToken), AgreementEntry.From, cancellationToken);
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteCollectionAsync<TRecord, TEntry>(
        Utf8JsonWriter writer, PipeWriter output, JsonSerializerOptions options, string collection, IAsyncEnumerable<TRecord> records, Func<TRecord, TEntry> entry, CancellationToken cancellationToken)
    {
        writer.WritePropertyName(Name(options, collection));
        writer.WriteStartArray();
        await foreach (var record in records)
        {
            JsonSerializer.Serialize(writer, entry(record), options);
            await OpenData.PopoloExport.FlushSometimesAsync(writer, output, cancellationToken);
        }

        writer.WriteEndArray();
    }

    private static string Name(JsonSerializerOptions options, string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}

/// <summary>The transfer format's JSON: camelCase properties, enumerations as lower snake case words, as the API writes them.</summary>
internal static class TransferJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>Whether two entries would be exported alike: the test of "unchanged" for an imported row.</summary>
    public static bool Same<TEntry>(TEntry a, TEntry b) =>
        JsonSerializer.SerializeToUtf8Bytes(a, Options).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, Options));
}
