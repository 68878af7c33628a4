using System.Text;
using CsvHelper;

namespace Concordat.Web.Delivery;

/// <summary>
/// Reads the cycle's CSV exports into rows of cells with CsvHelper, the reader the cycle writes them with. Only for
/// reading what a page needs from an export (an action's <c>version</c>): importing is the cycle's job, which is sent
/// the file as it is.
/// </summary>
public static class CsvText
{
    // As src/Audit's CsvTable reads imports, but every row as cells (the header too) and lenient about row lengths.
    private static readonly CsvReaderOptions Options = CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = false,
        Mode = CsvMode.Rfc4180,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        SkipEmptyLines = true,
        TrimWhitespace = false,
    };

    public static IReadOnlyList<string[]> Rows(string text)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), Options);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i) ?? "";
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>The cell of <paramref name="column"/> in the row whose <paramref name="key"/> column is <paramref name="value"/>; null when there is none.</summary>
    public static string? Cell(string text, string key, string value, string column)
    {
        var rows = Rows(text);
        if (rows.Count == 0)
        {
            return null;
        }

        var header = rows[0];
        var k = Array.FindIndex(header, h => string.Equals(h, key, StringComparison.OrdinalIgnoreCase));
        var c = Array.FindIndex(header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        if (k < 0 || c < 0)
        {
            return null;
        }

        var found = rows.Skip(1).FirstOrDefault(r => r.Length > Math.Max(k, c) && string.Equals(r[k], value, StringComparison.OrdinalIgnoreCase));
        return found?[c];
    }
}
