using Microsoft.EntityFrameworkCore.Storage;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Organisations;
using Concordat.Registry.Records;
using Concordat.Registry.Relationships;
using Microsoft.EntityFrameworkCore;

namespace Concordat.Registry.OpenData;

/// <summary>
/// Builds the registry's Popolo open data (docs/open-data.md): organisations and bodies as organizations, people
/// as persons, seats as posts, memberships as memberships. Removed records are left out, and so is anything that
/// would name one, so every id the document uses is an item in it. Only public columns are read.
/// </summary>
public static class PopoloExport
{
    /// <summary>Every body's classification starts with this; no organisation kind does.</summary>
    public const string BodyClassificationPrefix = "partnership_body_";

    /// <summary>Popolo's property names (lower snake case); absent values are left out rather than written as null.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>An organisation's classification: its kind, <c>county_council</c>.</summary>
    public static string Classification(OrganisationKind kind) => RegistryEvents.Wire(kind);

    /// <summary>A body's classification: <c>partnership_body_</c> and its type, <c>partnership_body_strategic</c>.</summary>
    public static string Classification(BodyType type) => BodyClassificationPrefix + RegistryEvents.Wire(type);

    /// <summary>The identifier scheme of this instance's ids: a record's global name is the pair (instance, id).</summary>
    public static string IdentifierScheme(string instanceId) => $"concordat:{instanceId}";

    /// <summary>
    /// Writes the document to <paramref name="output"/> as it reads it, a page at a time, sending every 32 KiB:
    /// the bytes are those of <see cref="PopoloDocument"/> serialised with <see cref="JsonOptions"/>. Reads in the
    /// caller's transaction, which must be one snapshot (repeatable read) so that a membership never names a person
    /// committed after the people were read.
    /// </summary>
    public static async Task WriteAsync(RegistryDbContext db, string instanceId, PipeWriter output, CancellationToken cancellationToken)
    {
        // Over a PipeWriter, the serializer's own flushes only hand bytes to the pipe; FlushSometimesAsync sends them.
        await using var writer = new Utf8JsonWriter(output);
        var scheme = IdentifierScheme(instanceId);
        // The small collections other items are checked against: organisations and bodies (thousands, not the
        // hundred thousands of people and memberships, which are only streamed).
        var organisationIds = await db.Organisations.AsNoTracking().Where(o => o.RemovedAt == null).Select(o => o.Id).ToHashSetAsync(cancellationToken);
        var bodyDissolutions = await db.Bodies.AsNoTracking().Where(b => b.RemovedAt == null)
            .ToDictionaryAsync(b => b.Id, b => b.DissolvedOn, cancellationToken);
        var partOf = await db.Relationships.AsNoTracking()
            .Where(r => r.RemovedAt == null && r.Kind == RelationshipKind.PartOf)
            .OrderBy(r => r.Id)
            .Select(r => new { r.FromBodyId, r.ToBodyId })
            .ToListAsync(cancellationToken);
        // Popolo has one parent; a body part of several takes the first recorded.
        var parents = partOf
            .Where(r => r.FromBodyId != r.ToBodyId && bodyDissolutions.ContainsKey(r.ToBodyId))
            .GroupBy(r => r.FromBodyId)
            .ToDictionary(g => g.Key, g => g.First().ToBodyId);

        writer.WriteStartObject();
        writer.WritePropertyName(Name(nameof(PopoloDocument.Organizations)));
        writer.WriteStartArray();
        await WriteItemsAsync(writer, output, LiveRecords.ReadAsync(
            db.Organisations, o => new { o.Id, o.Name, o.ShortName, o.Kind, o.Website, o.CreatedAt, o.UpdatedAt }, o => o.Id, cancellationToken),
            o => new PopoloOrganization
            {
                Id = Id(o.Id),
                Name = o.Name,
                OtherNames = ShortName(o.ShortName),
                Identifiers = [new PopoloIdentifier(Id(o.Id), scheme)],
                Classification = Classification(o.Kind),
                Links = o.Website is { IsAbsoluteUri: true } website ? [new PopoloLink(website.AbsoluteUri, "website")] : null,
                CreatedAt = Time(o.CreatedAt),
                UpdatedAt = Time(o.UpdatedAt),
            }, cancellationToken);
        await WriteItemsAsync(writer, output, LiveRecords.ReadAsync(
            db.Bodies, b => new { b.Id, b.Name, b.ShortName, b.Type, b.TermsOfReference, b.TermsOfReferenceUrl, b.DissolvedOn, b.CreatedAt, b.UpdatedAt }, b => b.Id, cancellationToken),
            b => new PopoloOrganization
            {
                Id = Id(b.Id),
                Name = b.Name,
                OtherNames = ShortName(b.ShortName),
                Identifiers = [new PopoloIdentifier(Id(b.Id), scheme)],
                Classification = Classification(b.Type),
                ParentId = parents.TryGetValue(b.Id, out var parent) ? Id(parent) : null,
                Description = b.TermsOfReference,
                DissolutionDate = Date(b.DissolvedOn),
                Links = b.TermsOfReferenceUrl is { IsAbsoluteUri: true } terms ? [new PopoloLink(terms.AbsoluteUri, "terms of reference")] : null,
                CreatedAt = Time(b.CreatedAt),
                UpdatedAt = Time(b.UpdatedAt),
            }, cancellationToken);
        writer.WriteEndArray();

        // Never the email or affiliations: a person's name is all the open data says about them.
        writer.WritePropertyName(Name(nameof(PopoloDocument.Persons)));
        writer.WriteStartArray();
        await WriteItemsAsync(writer, output, LiveRecords.ReadAsync(db.People, p => new { p.Id, p.Name, p.CreatedAt, p.UpdatedAt }, p => p.Id, cancellationToken),
            p => new PopoloPerson
            {
                Id = Id(p.Id),
                Name = p.Name,
                Identifiers = [new PopoloIdentifier(Id(p.Id), scheme)],
                CreatedAt = Time(p.CreatedAt),
                UpdatedAt = Time(p.UpdatedAt),
            }, cancellationToken);
        writer.WriteEndArray();

        // A membership of a removed person is left out, and a post or behalf that names a removed record is not
        // named. Every membership names a person and a seat that exist (removal is a tombstone), so the few that
        // are gone are kept rather than the many that are live: a lookup per row, in the page query or per page,
        // cost more than the rest of the document.
        var removedPeople = await db.People.AsNoTracking().Where(p => p.RemovedAt != null).Select(p => p.Id).ToHashSetAsync(cancellationToken);
        var seatsNotPosts = await db.Seats.AsNoTracking()
            .Where(s => s.RemovedAt != null || !db.Bodies.Any(b => b.Id == s.BodyId && b.RemovedAt == null))
            .Select(s => s.Id).ToHashSetAsync(cancellationToken);
        writer.WritePropertyName(Name(nameof(PopoloDocument.Memberships)));
        writer.WriteStartArray();
        var memberships = LiveRecords.ReadAsync(
            db.Memberships,
            m => new { m.Id, m.BodyId, m.SeatId, m.PersonId, m.OnBehalfOfOrganisationId, m.OnBehalfOfBodyId, m.Role, m.StartsOn, m.EndsOn, m.CreatedAt, m.UpdatedAt },
            m => m.Id, cancellationToken);
        await foreach (var m in memberships)
        {
            if (removedPeople.Contains(m.PersonId) || !bodyDissolutions.ContainsKey(m.BodyId))
            {
                continue;
            }

            Write(writer, new PopoloMembership
            {
                Id = Id(m.Id),
                PersonId = Id(m.PersonId),
                OrganizationId = Id(m.BodyId),
                PostId = m.SeatId is { } seat && !seatsNotPosts.Contains(seat) ? Id(seat) : null,
                Role = RegistryEvents.Wire(m.Role),
                OnBehalfOfId = m.OnBehalfOfOrganisationId is { } organisation && organisationIds.Contains(organisation) ? Id(organisation)
                    : m.OnBehalfOfBodyId is { } body && bodyDissolutions.ContainsKey(body) ? Id(body)
                    : null,
                StartDate = Date(m.StartsOn)!,
                EndDate = Date(m.EndsOn),
                CreatedAt = Time(m.CreatedAt),
                UpdatedAt = Time(m.UpdatedAt),
            });
            await FlushSometimesAsync(writer, output, cancellationToken);
        }

        writer.WriteEndArray();

        writer.WritePropertyName(Name(nameof(PopoloDocument.Posts)));
        writer.WriteStartArray();
        await foreach (var s in LiveRecords.ReadAsync(db.Seats, s => new { s.Id, s.BodyId, s.Title, s.Chair, s.CreatedAt, s.UpdatedAt }, s => s.Id, cancellationToken))
        {
            if (!bodyDissolutions.TryGetValue(s.BodyId, out var dissolvedOn))
            {
                continue;
            }

            Write(writer, new PopoloPost
            {
                Id = Id(s.Id),
                Label = s.Title,
                Role = s.Chair ? "chair" : "member",
                OrganizationId = Id(s.BodyId),
                EndDate = Date(dissolvedOn),
                CreatedAt = Time(s.CreatedAt),
                UpdatedAt = Time(s.UpdatedAt),
            });
            await FlushSometimesAsync(writer, output, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// What the document depends on, cheaply and exactly: per table read, the count of rows (removed ones too), the
    /// latest <c>updated_at</c> and the sum of the row versions (<c>xmin</c>, which every insert, change and removal
    /// renews — a later change can carry an earlier <c>updated_at</c> when transactions commit out of order, so the
    /// latest stamp alone could miss it), with the instance id. Read in the same snapshot as the document, so the
    /// ETag names exactly the bytes sent; a change anywhere gives a new one.
    /// </summary>
    public static async Task<string> FingerprintAsync(RegistryDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var tables = new[] { "organisations", "bodies", "body_relationships", "people", "seats", "memberships" };
        var sql = string.Join(" UNION ALL ", tables.Select((t, i) =>
            $"SELECT {i} AS ordinal, count(*)::text || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(xmin::text::bigint), 0)::text AS state FROM {t}"));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql + " ORDER BY ordinal";
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new System.Text.StringBuilder(instanceId);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                text.Append('|').Append(reader.GetString(1));
            }
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    private static async Task WriteItemsAsync<TRow, TItem>(Utf8JsonWriter writer, PipeWriter output, IAsyncEnumerable<TRow> rows, Func<TRow, TItem> item, CancellationToken cancellationToken)
    {
        await foreach (var row in rows)
        {
            Write(writer, item(row));
            await FlushSometimesAsync(writer, output, cancellationToken);
        }
    }

    private static void Write<TItem>(Utf8JsonWriter writer, TItem item) => JsonSerializer.Serialize(writer, item, JsonOptions);

    /// <summary>Sends what is written to the response once it fills a buffer, so it never grows with the document.</summary>
    internal static async ValueTask FlushSometimesAsync(Utf8JsonWriter writer, PipeWriter output, CancellationToken cancellationToken)
    {
        writer.Flush();
        if (output.CanGetUnflushedBytes && output.UnflushedBytes < 32 * 1024)
        {
            return;
        }

        await output.FlushAsync(cancellationToken);
    }

    private static string Name(string property) => JsonOptions.PropertyNamingPolicy!.ConvertName(property);

    private static string Id(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Draft-03's date-time: YYYY-MM-DDThh:mm:ssZ, in UTC.
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static PopoloOtherName[]? ShortName(string? shortName) => shortName is null ? null : [new PopoloOtherName(shortName, "short name")];
}
