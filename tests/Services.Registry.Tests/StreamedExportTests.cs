using System.Net;
using System.Text.Json;
using Npgsql;

namespace Concordat.Registry.Tests;

/// <summary>
/// The Popolo document and the registry export are written while they are read, a page of 1,000 records at a time
/// (<c>LiveRecords</c>). These tests cross page boundaries, which the content tests' handful of records never do,
/// and check the Popolo ETag, which is now a fingerprint of the tables rather than a hash of the bytes.
/// </summary>
public sealed class StreamedExportTests(RegistryFactory registry) : IClassFixture<RegistryFactory>
{
    private const string Popolo = "/api/registry/open-data/popolo.json";
    private const string Export = "/api/registry/export.json";
    private const int People = 2_500;

    private readonly HttpClient _client = registry.CreateClient();

    [Fact]
    public async Task Both_documents_hold_every_live_person_once_in_id_order_across_pages()
    {
        await LoadPeopleAsync();
        var expected = await LivePersonIdsAsync();

        using var popolo = JsonDocument.Parse(await _client.GetStringAsync(Popolo));
        using var export = JsonDocument.Parse(await _client.GetStringAsync(Export));

        Assert.True(expected.Count > 2 * 1_000, $"{expected.Count} people do not span three pages");
        Assert.Equal(expected, [.. popolo.RootElement.GetProperty("persons").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)]);
        Assert.Equal(expected, [.. export.RootElement.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("id").GetString()!)]);
    }

    [Fact]
    public async Task A_change_stamped_earlier_than_the_latest_still_changes_the_ETag()
    {
        await LoadPeopleAsync();
        var before = (await _client.GetAsync(Popolo)).Headers.ETag;

        // As when two transactions commit in the other order from the times they stamped.
        await ExecuteAsync("UPDATE people SET name = name || ' (renamed)', updated_at = '2001-01-01' WHERE id = (SELECT id FROM people ORDER BY id LIMIT 1)");

        Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync(before!)).StatusCode);
    }

    [Fact]
    public async Task A_removal_changes_the_ETag_and_an_unchanged_registry_keeps_it()
    {
        await LoadPeopleAsync();
        var before = (await _client.GetAsync(Popolo)).Headers.ETag;
        var unchanged = await ConditionalGetAsync(before!);

        await ExecuteAsync("UPDATE people SET removed_at = now() WHERE id = (SELECT id FROM people WHERE removed_at IS NULL ORDER BY id DESC LIMIT 1)");
        var afterRemoval = await ConditionalGetAsync(before!);

        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterRemoval.StatusCode);
        Assert.NotEqual(before, afterRemoval.Headers.ETag);
    }

    private async Task<HttpResponseMessage> ConditionalGetAsync(System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Popolo);
        request.Headers.IfNoneMatch.Add(etag);
        return await _client.SendAsync(request);
    }

    /// <summary>Enough people for three pages (once per fixture), one of them removed.</summary>
    private async Task LoadPeopleAsync() => await ExecuteAsync(
        $"""
        INSERT INTO people (id, name, elected, created_at, updated_at)
        SELECT gen_random_uuid(), 'Streamed ' || n, false, now(), now() FROM generate_series(1, {People}) AS n
        WHERE NOT EXISTS (SELECT 1 FROM people WHERE name LIKE 'Streamed %');
        UPDATE people SET removed_at = now() WHERE id = (SELECT id FROM people WHERE name LIKE 'Streamed %' AND removed_at IS NULL ORDER BY id LIMIT 1)
          AND NOT EXISTS (SELECT 1 FROM people WHERE removed_at IS NOT NULL);
        """);

    private async Task<List<string>> LivePersonIdsAsync()
    {
        await using var connection = new NpgsqlConnection(registry.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM people WHERE removed_at IS NULL ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0).ToString());
        }

        return ids;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(registry.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
