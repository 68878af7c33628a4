using System.Text.Json;
using Concordat.Audit;

namespace Concordat.Registry.Transfer;

/// <summary>
/// A collection as an RFC 4180 CSV file (comma separated, UTF-8 with a byte order mark so spreadsheets read accents,
/// CRLF line ends, a header row naming the fields), written and read by the shared <see cref="CsvTable"/>; the cell encodings are ours:
/// lists in one cell (<see cref="ListCell"/>) and text that a spreadsheet would run as a formula (<see cref="SpreadsheetText"/>).
/// </summary>
internal static class CsvTransfer
{
    public const string MediaType = CsvTable.MediaType;

    public static byte[] Write(TransferCollection collection, IEnumerable<object> entries) =>
        CsvTable.Write(collection.Fields, entries.Select(entry =>
        {
            // The cells are the JSON values, so a CSV row says exactly what the JSON export says.
            var json = JsonSerializer.SerializeToElement(entry, entry.GetType(), TransferJson.Options);
            return (IReadOnlyList<string?>)[.. collection.Fields.Select(f => Cell(json.GetProperty(f), collection.Nested.GetValueOrDefault(f)))];
        }));

    /// <summary>Reads the rows of <paramref name="csv"/> into <paramref name="batch"/>, reporting what is wrong to <paramref name="errors"/>.</summary>
    public static void Read(byte[] csv, TransferCollection collection, ImportBatch batch, ImportErrors errors) =>
        CsvTable.Read(csv, collection.Name, collection.Fields, required: [], problem => errors.Add(Key(collection, problem), Message(collection, problem)),
            row => collection.Read(new CsvEntrySource(row, $"{collection.Name}[{row.Row}]", errors), row.Row, batch, errors));

    // The import's keys name a header as it was written (people[1].Name), not as the collection spells it.
    private static string Key(TransferCollection collection, CsvProblem problem) =>
        problem.Written is { } written ? $"{collection.Name}[{problem.Row}].{written}" : $"{collection.Name}[{problem.Row}]";

    private static string Message(TransferCollection collection, CsvProblem problem) => problem.Fault is CsvFault.Empty
        ? $"The file is empty: its first row must name the columns, from {string.Join(", ", collection.Fields)}."
        : problem.Message;

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
internal sealed class CsvEntrySource(Func<string, string?> raw, string path, ImportErrors errors) : EntrySource(path, errors)
{
    public CsvEntrySource(CsvTableRow row, string path, ImportErrors errors)
        : this(row.Cells.GetValueOrDefault, path, errors)
    {
    }

    // The header was checked once for the whole file; items of a list cell have their fields by position.
    public override void Expect(IReadOnlyCollection<string> fields)
    {
    }

    protected override string? Raw(string field) => raw(field);

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

            var parts = items[i];
            sources.Add(new CsvEntrySource(
                f => nestedFields.ToList().IndexOf(f) is var position && position >= 0 && position < parts.Count ? parts[position] : null,
                $"{Key(field)}[{i + 1}]",
                Errors));
        }

        return sources;
    }
}
