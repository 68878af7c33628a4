using System.Globalization;
using System.Text.Json;
using Concordat.Audit;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Cycle.Delivery;

/// <summary>One data row of an uploaded CSV file: its row number (the header is row 1) and its cells by column.</summary>
public sealed record CsvRow(int Row, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.GetValueOrDefault(column);
}

/// <summary>
/// Field errors of a CSV upload, keyed as the registry's import keys them: <c>collection[row].column</c>, rows counted
/// from 1 with the header as row 1 (<c>actions[3].dueOn</c> is the due date on the third line of the file).
/// </summary>
public sealed class CsvErrors(string collection)
{
    /// <summary>At most this many are listed; the count says how many there were.</summary>
    public const int MaxListed = 100;

    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public string Collection { get; } = collection;

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public string Key(int row, string column) => $"{Collection}[{row}].{column}";

    public void Add(int row, string column, string message) => Add(Key(row, column), message);

    public void Add(string key, string message)
    {
        Count++;
        if (_errors.Count < MaxListed || _errors.ContainsKey(key))
        {
            _errors[key] = [.. _errors.GetValueOrDefault(key, []), message];
        }
    }

    /// <summary>Adds a refusal's field errors (JSON names, which are the column names) as errors of <paramref name="row"/>.</summary>
    public void Add(int row, IDictionary<string, string[]> fieldErrors)
    {
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                Add(row, field, message);
            }
        }
    }

    public IDictionary<string, string[]> ToDictionary() => _errors;
}

/// <summary>
/// A delivery plan's actions and indicator actuals as RFC 4180 CSV, as the registry writes and reads its collections:
/// comma separated, UTF-8 with a byte order mark, CRLF line ends, a header row of the fields' JSON names; text a
/// spreadsheet would run as a formula is written with a leading apostrophe (<see cref="SpreadsheetText"/>). Reading and
/// writing are the shared <see cref="CsvTable"/>'s; the cells are parsed here, each error naming its row and column.
/// </summary>
public static class DeliveryCsv
{
    public const string MediaType = CsvTable.MediaType;

    /// <summary>An upload is at most 1 MiB: a plan's 500 actions or 100 indicators × 40 periods fit many times over.</summary>
    public const int MaxUploadBytes = 1024 * 1024;

    public static byte[] Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows) => CsvTable.Write(columns, rows);

    /// <summary>
    /// The data rows of <paramref name="csv"/>, by column, cells trimmed. Every column of the header must be one of
    /// <paramref name="columns"/> (any order, any case); <paramref name="required"/> ones must be there. What is wrong
    /// goes to <paramref name="errors"/> (the header's problems as row 1).
    /// </summary>
    public static List<CsvRow> Read(byte[] csv, IReadOnlyList<string> columns, IReadOnlyList<string> required, CsvErrors errors)
    {
        var rows = new List<CsvRow>();
        CsvTable.Read(csv, errors.Collection, columns, required, problem => Report(problem, errors), row => rows.Add(new CsvRow(row.Row, row.Cells)), trim: true);
        return rows;
    }

    private static void Report(CsvProblem problem, CsvErrors errors)
    {
        switch (problem.Fault)
        {
            case CsvFault.Empty:
                errors.Add($"{errors.Collection}[1]", problem.Message);
                break;
            case CsvFault.Malformed:
                errors.Add($"{errors.Collection}[{problem.Row}]", problem.Message);
                break;
            default:
                errors.Add(problem.Row, problem.Column!, problem.Message);
                break;
        }
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>The cell as storable text, or null (with an error) when it holds control characters.</summary>
    public static string? Text(CsvRow row, string column, CsvErrors errors, bool multiLine = false)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (StoredText.Refusal(text, multiLine) is { } refusal)
        {
            errors.Add(row.Row, column, refusal);
            return null;
        }

        return text;
    }

    public static Guid? Id(CsvRow row, string column, CsvErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (Guid.TryParse(text, out var id) && id != Guid.Empty)
        {
            return id;
        }

        errors.Add(row.Row, column, "Not an id (a UUID such as 0192f1c4-7a2e-7c3d-9b1a-2f4e6a8c0d1e).");
        return null;
    }

    public static DateOnly? Day(CsvRow row, string column, CsvErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(row.Row, column, "Not a date as yyyy-mm-dd (e.g. 2009-03-31).");
        return null;
    }

    public static decimal? Number(CsvRow row, string column, CsvErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(row.Row, column, "Not a number (digits, an optional sign and decimal point: 11.6).");
        return null;
    }

    public static int? Whole(CsvRow row, string column, CsvErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(row.Row, column, "Not a whole number.");
        return null;
    }

    public static uint? Version(CsvRow row, string column, CsvErrors errors)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(row.Row, column, "Not a version this export gave out; export the plan again.");
        return null;
    }

    /// <summary>An enumeration as the API writes it (<c>at_risk</c>), any case.</summary>
    public static TEnum? Word<TEnum>(CsvRow row, string column, CsvErrors errors)
        where TEnum : struct, Enum
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        var match = Enum.GetValues<TEnum>().Where(v => Text(v).Equals(text, StringComparison.OrdinalIgnoreCase)).Select(v => (TEnum?)v).FirstOrDefault();
        if (match is null)
        {
            errors.Add(row.Row, column, $"One of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => Text(v)))}.");
        }

        return match;
    }
}
