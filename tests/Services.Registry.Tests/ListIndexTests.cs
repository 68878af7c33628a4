using Concordat.Registry.Bodies;
using Concordat.Registry.Data;
using Concordat.Registry.Records;
using Concordat.ServiceKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Concordat.Registry.Tests;

/// <summary>
/// Lists stay flat as the registry grows only if each list's order and filters are answered by an index. These tests
/// read the indexes the migrations actually made in the test database (pg_indexes), not the EF model, so a model
/// change without its migration fails as surely as a missing index. A query plan would prove the same only with
/// thousands of rows loaded and fresh statistics, and on a small table PostgreSQL rightly prefers reading it whole;
/// the catalogue is exact at any size. The planner's use of these indexes at 100k rows is measured by
/// bench/registry-scale.
/// </summary>
public sealed class ListIndexTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    [Fact]
    public async Task Every_record_table_has_an_index_in_its_lists_live_order()
    {
        var indexes = await IndexDefinitionsAsync();
        var tables = RecordTables();
        Assert.Equal(7, tables.Count);

        foreach (var (table, createdAt) in tables)
        {
            // Paging.PageAsync: WHERE removed_at IS NULL ORDER BY created_at, id; a bodies' created_at is registered_at.
            Assert.Contains(indexes, i => i.Table == table && i.Definition.EndsWith($"USING btree ({createdAt}, id) WHERE (removed_at IS NULL)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_record_table_has_an_index_in_its_change_feed_order()
    {
        var indexes = await IndexDefinitionsAsync();

        foreach (var (table, _) in RecordTables())
        {
            // Paging.PageAsync with modified_since: WHERE updated_at > @since ORDER BY updated_at, id.
            Assert.Contains(indexes, i => i.Table == table && i.Definition.EndsWith("USING btree (updated_at, id)", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("people", "name")]
    [InlineData("organisations", "name")]
    [InlineData("bodies", "name")]
    [InlineData("bodies", "short_name")]
    public async Task Every_searched_name_has_a_trigram_index(string table, string column)
    {
        var indexes = await IndexDefinitionsAsync();

        // NameSearch's ILIKE '%text%' can use only a trigram index: a btree answers prefixes at best.
        Assert.Contains(indexes, i => i.Table == table && i.Definition.EndsWith($"USING gin ({column} gin_trgm_ops)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_role_filter_is_an_array_containment_a_gin_index_answers()
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var indexes = await IndexDefinitionsAsync();

        var sql = db.Bodies.Where(b => b.Roles.Contains(CycleRole.Authorising)).ToQueryString();

        // A GIN array index serves @> (contains) but not "= ANY(roles)": the translation matters as much as the index.
        Assert.Contains("b.roles @>", sql, StringComparison.Ordinal);
        Assert.Contains(indexes, i => i.Table == "bodies" && i.Definition.EndsWith("USING gin (roles)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_exports_read_each_page_from_the_key_index_after_the_last_id()
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();

        var sql = LiveRecords.Page(db.People, Guid.CreateVersion7()).ToQueryString();

        // A plain comparison on the key, not a CASE over CompareTo that no index can answer.
        Assert.Matches(@"WHERE p\.removed_at IS NULL AND p\.id > @\w+\s+ORDER BY p\.id\s+LIMIT @\w+", sql);
    }

    [Fact]
    public async Task A_literal_name_search_is_answered_from_the_trigram_index_once_the_table_is_large()
    {
        // The one plan asserted here: 20,000 people with distinct names and fresh statistics make a sequential scan the costlier
        // choice, so if the trigram index were missing or unusable for the escaped pattern the plan would say so.
        await using var connection = new NpgsqlConnection(registry.DatabaseConnectionString);
        await connection.OpenAsync();
        await using (var load = new NpgsqlCommand(
            "INSERT INTO people (id, name, elected, created_at, updated_at) SELECT gen_random_uuid(), 'Plan_' || md5(n::text), false, now(), now() FROM generate_series(1, 20000) AS n",
            connection))
        {
            await load.ExecuteNonQueryAsync();
        }

        // VACUUM, not only ANALYZE: rows inserted after the GIN index was made wait in its pending list, and the
        // planner costs the index from statistics only VACUUM refreshes (autovacuum does it after a load in service).
        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE people", connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT id FROM people WHERE removed_at IS NULL AND name ILIKE @pattern ESCAPE '\\' ORDER BY created_at, id LIMIT 51", connection);
        explain.Parameters.AddWithValue("pattern", NameSearch.ContainsPattern("n_81dc9bdb52"));
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("ix_people_name", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    /// <summary>Each registry record's table and the column its creation instant is kept in, from the EF model.</summary>
    private List<(string Table, string CreatedAt)> RecordTables()
    {
        using var scope = registry.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        return [.. db.Model.GetEntityTypes()
            .Where(e => typeof(VersionedRecord).IsAssignableFrom(e.ClrType))
            .Select(e => (e.GetTableName()!, e.FindProperty(nameof(VersionedRecord.CreatedAt))!.GetColumnName(StoreObjectIdentifier.Table(e.GetTableName()!, null))!))];
    }

    private async Task<List<(string Table, string Definition)>> IndexDefinitionsAsync()
    {
        await using var connection = new NpgsqlConnection(registry.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }
}
