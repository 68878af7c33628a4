using System.Data.Common;
using Concordat.Scrutiny.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Concordat.Scrutiny.WorkProgramme;

/// <summary>What kind of scrutiny work a warning names.</summary>
public enum WorkKind
{
    Topic,
    Inquiry,
}

/// <summary>
/// "Another committee in an overlapping area already has this open": raised when a committee opens a topic or an inquiry,
/// never blocking it, and listed for both committees. Kept as raised; the two items may move on afterwards.
/// </summary>
public sealed class DuplicationWarning
{
    public Guid Id { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>The committee that opened the new work.</summary>
    public Guid CommitteeBodyId { get; set; }

    public WorkKind Kind { get; set; }

    public Guid ItemId { get; set; }

    public string ItemTitle { get; set; } = "";

    /// <summary>The committee whose open work it overlaps.</summary>
    public Guid OtherCommitteeBodyId { get; set; }

    public WorkKind OtherKind { get; set; }

    public Guid OtherItemId { get; set; }

    public string OtherItemTitle { get; set; } = "";

    public List<string> SharedThemes { get; set; } = [];

    public List<Guid> SharedAreas { get; set; } = [];

    /// <summary>How many English lexemes (stemmed, stop words dropped) the two share in their titles and texts.</summary>
    public int SharedWords { get; set; }
}

internal sealed class DuplicationWarningConfiguration : IEntityTypeConfiguration<DuplicationWarning>
{
    public void Configure(EntityTypeBuilder<DuplicationWarning> warning)
    {
        warning.ToTable("duplication_warnings");
        warning.HasKey(w => w.Id);
        warning.Property(w => w.Id).ValueGeneratedNever();
        warning.Property(w => w.Kind).HasConversion<string>().HasMaxLength(20);
        warning.Property(w => w.OtherKind).HasConversion<string>().HasMaxLength(20);
        warning.Property(w => w.ItemTitle).HasMaxLength(300);
        warning.Property(w => w.OtherItemTitle).HasMaxLength(300);
        // Listed for both committees.
        warning.HasIndex(w => new { w.CommitteeBodyId, w.RaisedAt });
        warning.HasIndex(w => new { w.OtherCommitteeBodyId, w.RaisedAt });
    }
}

/// <summary>
/// Two-tier co-ordination: finds other committees' open topics and inquiries that overlap new work. Overlap is
/// <b>overlapping areas</b> (the two share a registry organisation id among their areas) <b>and</b> a <b>similar
/// subject</b>: a shared theme, or at least <see cref="MinSharedWords"/> shared English lexemes between the two items'
/// titles and texts (PostgreSQL full text: the stored <c>search_vector</c>s, GIN-indexed, are matched with an
/// OR-query of the new work's lexemes, then the shared lexemes are counted). One shared word ("services") is too common
/// to mean the same subject; two ("mental health", "youth unemployment") are not.
/// </summary>
public sealed class DuplicationCheck(ScrutinyDbContext db)
{
    public const int MinSharedWords = 2;

    private const string Candidates = """
        WITH mine AS (SELECT tsvector_to_array(to_tsvector('english', @text)) AS words)
        SELECT w.id, w.committee_body_id, w.title,
               ARRAY(SELECT unnest(w.themes) INTERSECT SELECT unnest(@themes::text[])) AS shared_themes,
               ARRAY(SELECT unnest(w.areas) INTERSECT SELECT unnest(@areas::uuid[])) AS shared_areas,
               (SELECT count(*) FROM unnest(tsvector_to_array(w.search_vector)) l, mine WHERE l = ANY(mine.words))::int AS shared_words
        FROM {table} w, mine
        WHERE w.committee_body_id <> @committee AND w.id <> @self AND w.removed_at IS NULL AND {open}
          AND w.areas && @areas::uuid[]
          AND (w.themes && @themes::text[]
               OR w.search_vector @@ (SELECT string_agg(quote_literal(l), ' | ') FROM unnest(mine.words) l)::tsquery)
        ORDER BY w.created_at, w.id
        LIMIT 50
        """;

    /// <summary>
    /// Records and returns the warnings for new work <paramref name="itemId"/> of <paramref name="committee"/>; added to
    /// the context, saved with the caller's change.
    /// </summary>
    public async Task<List<DuplicationWarning>> WarnAsync(
        WorkKind kind, Guid itemId, string title, string text, Guid committee, IReadOnlyList<string> themes, IReadOnlyList<Guid> areas,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var warnings = new List<DuplicationWarning>();
        if (areas.Count == 0)
        {
            return warnings;
        }

        foreach (var (otherKind, table, open) in new[] { (WorkKind.Topic, "topics", "w.status = 'Open'"), (WorkKind.Inquiry, "inquiries", "w.closed_at IS NULL") })
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }

            await using var command = connection.CreateCommand();
            // The table and its open condition are the constants above, never input.
            command.CommandText = Candidates.Replace("{table}", table, StringComparison.Ordinal).Replace("{open}", open, StringComparison.Ordinal);
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "text", $"{title} {text}");
            Add(command, "themes", themes.ToArray());
            Add(command, "areas", areas.ToArray());
            Add(command, "committee", committee);
            Add(command, "self", itemId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sharedThemes = reader.GetFieldValue<string[]>(3);
                var sharedWords = reader.GetInt32(5);
                if (sharedThemes.Length == 0 && sharedWords < MinSharedWords)
                {
                    continue;
                }

                warnings.Add(new DuplicationWarning
                {
                    Id = Guid.CreateVersion7(), RaisedAt = now, CommitteeBodyId = committee, Kind = kind, ItemId = itemId, ItemTitle = title,
                    OtherCommitteeBodyId = reader.GetGuid(1), OtherKind = otherKind, OtherItemId = reader.GetGuid(0), OtherItemTitle = reader.GetString(2),
                    SharedThemes = [.. sharedThemes], SharedAreas = [.. reader.GetFieldValue<Guid[]>(4)], SharedWords = sharedWords,
                });
            }
        }

        db.DuplicationWarnings.AddRange(warnings);
        return warnings;
    }

    private static void Add(DbCommand command, string name, object value) => command.Parameters.Add(new NpgsqlParameter(name, value));
}

/// <summary>A duplication warning as both committees read it.</summary>
public sealed record DuplicationWarningResponse(
    Guid Id, DateTimeOffset RaisedAt, Guid CommitteeBodyId, WorkKind Kind, Guid ItemId, string ItemTitle,
    Guid OtherCommitteeBodyId, WorkKind OtherKind, Guid OtherItemId, string OtherItemTitle,
    IReadOnlyList<string> SharedThemes, IReadOnlyList<Guid> SharedAreas, int SharedWords)
{
    public static DuplicationWarningResponse From(DuplicationWarning w) => new(
        w.Id, w.RaisedAt, w.CommitteeBodyId, w.Kind, w.ItemId, w.ItemTitle, w.OtherCommitteeBodyId, w.OtherKind, w.OtherItemId, w.OtherItemTitle,
        w.SharedThemes, w.SharedAreas, w.SharedWords);
}
