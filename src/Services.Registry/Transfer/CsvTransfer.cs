using System.Text.Json;
using Concordat.Audit;
using CsvHelper;

namespace Concordat.Registry.Transfer;

/// <summary>
/// A collection as an RFC 4180 CSV file (comma separated, UTF-8 with a byte order mark so spreadsheets read accents,
/// CRLF line ends, a header row naming the fields). Reading and writing are CsvHelper's; the cell encodings are ours:
/// lists in one cell (<see cref="ListCell"/>) and text that a spreadsheet would run as a formula (<see cref="SpreadsheetText"/>).
/// </summary>
internal static class CsvTransfer
{
    public const string MediaType = "text/csv";

    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        Mode = CsvMode.Rfc4180,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        SkipEmptyLines = true,
        TrimWhitespace = false,
        // Field values may be personal data; a problem response names the row, not the value.
        IncludeValuesInExceptions = false,
    };

    private static readonly CsvWriterOptions WriterOptions = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    public static byte[] Write(TransferCollection collection, IEnumerable<object> entries)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, WriterOptions, leaveOpen: true))
        {
            writer.WriteHeader([.. collection.Fields]);
            foreach (var entry in entries)
            {
                // The cells are the JSON values, so a CSV row says exactly what the JSON export says.
                var json = JsonSerializer.SerializeToElement(entry, entry.GetType(), TransferJson.Options);
                writer.WriteRecord([.. collection.Fields.Select(f => SpreadsheetText.Protect(Cell(json.GetProperty(f), collection.Nested.GetValueOrDefault(f))))]);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads the rows of <paramref name="csv"/> into <paramref name="batch"/>, reporting what is wrong to <paramref name="errors"/>.</summary>
    public static void Read(byte[] csv, TransferCollection collection, ImportBatch batch, ImportErrors errors)
    {
        var header = $"{collection.Name}[1]";
        try
        {
            using var reader = CsvReader.Create(csv, ReaderOptions);
            var names = reader.Headers;
            if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
            {
                errors.Add(header, $"The file is empty: its first row must name the columns, from {string.Join(", ", collection.Fields)}.");
                return;
            }

            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i].Trim();
                var field = collection.Fields.FirstOrDefault(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (field is null)
                {
                    errors.Add($"{header}.{name}", $"Not a column of {collection.Name}; its columns are {string.Join(", ", collection.Fields)}.");
                }
                else if (!columns.TryAdd(field, i))
                {
                    errors.Add($"{header}.{name}", "Named twice.");
                }
            }

            if (errors.Any)
            {
                return;
            }

            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber + 1);
                var cells = new string?[names.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    var cell = reader.GetString(i);
                    cells[i] = string.IsNullOrEmpty(cell) ? null : SpreadsheetText.Unprotect(cell);
                }

                collection.Read(new CsvEntrySource(columns, cells, $"{collection.Name}[{row}]", errors), row, batch, errors);
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add($"{collection.Name}[{e.RecordNumber}]", $"Not valid CSV (RFC 4180): {e.Message}");
        }
    }

    private static string? Cell(JsonElement value, IReadOnlyList<string>? nestedFields) => value.ValueKind switch
    {
        JsonValueKind.Array when nestedFields is not null => ListCell.Write(value.EnumerateArray().Select(o => nestedFields.Select(f => Scalar(o.GetProperty(f))).ToList())),
        JsonValueKind.Array => ListCell.Write(value.EnumerateArray().Select(i => new List<string?> { Scalar(i) })),
        _ => Scalar(value),
    };

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}

/// <summary>A CSV record of one collection, by column; nested objects come from <see cref="ListCell"/> items.</summary>
internal sealed class CsvEntrySource(IReadOnlyDictionary<string, int> columns, string?[] cells, string path, ImportErrors errors, IReadOnlyList<string>? nestedFields = null)
    : EntrySource(path, errors)
{
    // The header was checked once for the whole file; items of a list cell have their fields by position.
    public override void Expect(IReadOnlyCollection<string> fields)
    {
    }

    protected override string? Raw(string field)
    {
        if (nestedFields is not null)
        {
            var position = nestedFields.ToList().IndexOf(field);
            return position >= 0 && position < cells.Length ? cells[position] : null;
        }

        return columns.TryGetValue(field, out var column) ? cells[column] : null;
    }

    protected override IReadOnlyList<string>? RawItems(string field) =>
        Raw(field) is { } cell ? [.. ListCell.Read(cell, parts: false).Select(item => item[0])] : null;

    protected override IReadOnlyList<EntrySource>? RawObjects(string field, IReadOnlyList<string> nestedFields)
    {
        if (Raw(field) is not { } cell)
        {
            return null;
        }

        var items = ListCell.Read(cell, parts: true);
        var sources = new List<EntrySource>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Count > nestedFields.Count)
            {
                Error(field, $"Item {i + 1} has {items[i].Count} parts; each is {string.Join("|", nestedFields)} (write \\| for a | in a value, \\; for a ;).");
                continue;
            }

            sources.Add(new CsvEntrySource(columns, [.. items[i]], $"{Key(field)}[{i + 1}]", Errors, nestedFields));
        }

        return sources;
    }
}
