using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Registry.Agreements;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Memberships;
using Concordat.Registry.Organisations;
using Concordat.Registry.People;
using Concordat.Registry.Relationships;
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
