using CsvHelper;

namespace Concordat.Audit;

/// <summary>What is wrong with an uploaded CSV file, so that each service can key and word it its own way.</summary>
public enum CsvFault
{
    /// <summary>No header row: the file is empty or its first row is blank.</summary>
    Empty,

    /// <summary>A header names a column the table does not have.</summary>
    UnknownColumn,

    /// <summary>Two headers name the same column (in any case).</summary>
    RepeatedColumn,

    /// <summary>A required column has no header.</summary>
    MissingColumn,

    /// <summary>The file is not RFC 4180 CSV (a stray quote, a row with too many or too few cells).</summary>
    Malformed,
}

/// <summary>
/// One problem of a CSV file: its row (1-based, the header is row 1), the column when it is about one — the table's own
/// name for it, or the header as written when it names none — the header as written, when there is one, and the
/// message <see cref="CsvTable"/> words it with.
/// </summary>
public readonly record struct CsvProblem(CsvFault Fault, int Row, string? Column, string? Written, string Message);

/// <summary>One data row of a CSV file: its row number (the header is row 1) and its cells by column, null when blank.</summary>
public sealed record CsvTableRow(int Row, IReadOnlyDictionary<string, string?> Cells);

/// <summary>
/// A table as RFC 4180 CSV, the one way Concordat's services write and read it: comma separated, UTF-8 with a byte order
/// mark so spreadsheets read accents, CRLF line ends, a header row naming the columns, and text a spreadsheet would run as
/// a formula protected (<see cref="SpreadsheetText"/>). Reading checks the header against the table's columns (any order,
/// any case) and hands over each row with its number; what is wrong goes to the caller as <see cref="CsvProblem"/>s,
/// because the registry and the cycle key their errors differently and partners depend on those keys.
/// It lives in Audit, not ServiceKit, because Audit already holds CsvHelper, <see cref="SpreadsheetText"/> and
/// <see cref="ListCell"/> and every service that reads or writes CSV references it; in ServiceKit it would bring
/// CsvHelper into every project, and move two public types, for no caller that needs it.
/// </summary>
public static class CsvTable
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
        // Cells may be personal data; a problem names the row, not the value.
        IncludeValuesInExceptions = false,
    };

    /// <summary>The writer's options, for a caller that streams rows itself (the audit export).</summary>
    public static CsvWriterOptions WriterOptions { get; } = CsvWriterOptions.Default with { WriteByteOrderMark = true };

    /// <summary>The header <paramref name="columns"/>, then each of <paramref name="rows"/>, cells protected from spreadsheets.</summary>
    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvWriter.Create(stream, WriterOptions, leaveOpen: true))
        {
            writer.WriteHeader([.. columns]);
            foreach (var row in rows)
            {
                writer.WriteRecord([.. row.Select(SpreadsheetText.Protect)]);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Reads <paramref name="csv"/>, the <paramref name="table"/> (its name in messages), calling <paramref name="each"/> with every data row, in order. Every header must be one
    /// of <paramref name="columns"/> (any case, once), and the <paramref name="required"/> ones must be there; if the header
    /// has a problem, no row is read. Problems go to <paramref name="report"/>. Cells are unprotected; a blank cell is null;
    /// <paramref name="trim"/> takes the spaces round a cell off before unprotecting it (and makes a cell of spaces blank),
    /// and a stray byte order mark off a header (an editor that re-saved an exported file adds one).
    /// </summary>
    public static void Read(
        byte[] csv, string table, IReadOnlyList<string> columns, IReadOnlyList<string> required, Action<CsvProblem> report, Action<CsvTableRow> each, bool trim = false)
    {
        try
        {
            using var reader = CsvReader.Create(csv, ReaderOptions);
            var names = reader.Headers;
            if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
            {
                report(new(CsvFault.Empty, 1, null, null, $"The file is empty: its first row names the columns, from {string.Join(", ", columns)}."));
                return;
            }

            var headerProblems = false;
            void Header(CsvFault fault, string column, string? written, string message)
            {
                headerProblems = true;
                report(new(fault, 1, column, written, message));
            }

            var at = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                var name = trim ? names[i].Trim().TrimStart('\uFEFF') : names[i].Trim();
                var column = columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (column is null)
                {
                    Header(CsvFault.UnknownColumn, name, name, $"Not a column of {table}; its columns are {string.Join(", ", columns)}.");
                }
                else if (!at.TryAdd(column, i))
                {
                    Header(CsvFault.RepeatedColumn, column, name, "Named twice.");
                }
            }

            foreach (var missing in required.Where(c => !at.ContainsKey(c)))
            {
                Header(CsvFault.MissingColumn, missing, null, "This column is needed.");
            }

            if (headerProblems)
            {
                return;
            }

            while (reader.Read())
            {
                var row = checked((int)reader.RowNumber + 1);
                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (column, index) in at)
                {
                    var cell = reader.GetString(index);
                    cells[column] = trim
                        ? string.IsNullOrWhiteSpace(cell) ? null : SpreadsheetText.Unprotect(cell.Trim())
                        : string.IsNullOrEmpty(cell) ? null : SpreadsheetText.Unprotect(cell);
                }

                each(new CsvTableRow(row, cells));
            }
        }
        catch (CsvFormatException e)
        {
            // CsvHelper's record number counts the header as 1, as our rows do.
            report(new(CsvFault.Malformed, checked((int)e.RecordNumber), null, null, $"Not valid CSV (RFC 4180): {e.Message}"));
        }
    }
}
