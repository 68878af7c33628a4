using System.Globalization;
using Concordat.Registry.Records;
using Concordat.ServiceDefaults.Input;

namespace Concordat.Registry.Transfer;

/// <summary>
/// The field errors of an import, keyed <c>collection[row].field</c> as a validation problem lists them. Row numbers
/// are 1-based: the first element of a JSON array is row 1; in CSV the header is row 1, as a spreadsheet shows it.
/// </summary>
internal sealed class ImportErrors
{
    /// <summary>More than this many keys would make a response nobody reads; the count still says how many there were.</summary>
    public const int MaxListed = 200;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public bool Any => Count > 0;

    public bool Has(string key) => _errors.ContainsKey(key);

    public void Add(string key, string message)
    {
        Count++;
        if (_errors.TryGetValue(key, out var messages))
        {
            messages.Add(message);
        }
        else if (_errors.Count < MaxListed)
        {
            _errors[key] = [message];
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>
/// One row of an import, whichever format it came in: a JSON object or a CSV record. Reads typed values and reports
/// what is wrong with a field under <c>collection[row].field</c>, so both formats are validated by the same code.
/// </summary>
internal abstract class EntrySource(string path, ImportErrors errors)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy"];

    /// <summary><c>people[3]</c>, or <c>people[3].affiliations[1]</c> for a nested value.</summary>
    public string Path => path;

    protected ImportErrors Errors => errors;

    /// <summary>Reports fields the collection does not have (a misspelt column would otherwise be lost silently).</summary>
    public abstract void Expect(IReadOnlyCollection<string> fields);

    /// <summary>A single value as text; null when absent, null or empty.</summary>
    protected abstract string? Raw(string field);

    /// <summary>A list of single values; null when absent.</summary>
    protected abstract IReadOnlyList<string>? RawItems(string field);

    /// <summary>A list of objects with <paramref name="nestedFields"/>; null when absent.</summary>
    protected abstract IReadOnlyList<EntrySource>? RawObjects(string field, IReadOnlyList<string> nestedFields);

    public void Error(string field, string message) => errors.Add(Key(field), message);

    /// <summary>Text that may be stored (<see cref="StoredText"/>, as the API checks it); several lines only where <paramref name="multiLine"/>.</summary>
    public string? Text(string field, int maxLength, bool required = false, bool multiLine = false)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Required(field);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Error(field, $"At most {maxLength} characters; this has {value.Length}.");
        }

        if (StoredText.Refusal(value, multiLine) is { } refusal)
        {
            Error(field, refusal);
        }

        return value;
    }

    public Guid? Id(string field, bool required = false)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Required(field);
            }

            return null;
        }

        if (!Guid.TryParse(value, out var id) || id == Guid.Empty)
        {
            Error(field, $"'{Shorten(value)}' is not an id (a UUID such as 0196a1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b).");
            return null;
        }

        return id;
    }

    /// <summary>true/false (also yes/no, as spreadsheets write them); empty is false.</summary>
    public bool Flag(string field)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.Equals("false", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        Error(field, $"'{Shorten(value)}' is not true or false.");
        return false;
    }

    public int? Number(string field, int min, int max)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Required(field);
            return null;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            Error(field, $"'{Shorten(value)}' is not a whole number from {min} to {max}.");
            return null;
        }

        return number;
    }

    /// <summary>One of the enumeration's words, in lower snake case (<c>vice_chair</c>); case, spaces and hyphens are forgiven.</summary>
    public TEnum? Choice<TEnum>(string field, bool required = true)
        where TEnum : struct, Enum
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Required(field);
            }

            return null;
        }

        if (Words<TEnum>.TryRead(value, out var choice))
        {
            return choice;
        }

        Error(field, $"'{Shorten(value)}' is not one of {Words<TEnum>.List}.");
        return null;
    }

    public IReadOnlyList<TEnum> Choices<TEnum>(string field)
        where TEnum : struct, Enum
    {
        var choices = new List<TEnum>();
        foreach (var item in RawItems(field) ?? [])
        {
            if (Words<TEnum>.TryRead(item.Trim(), out var choice))
            {
                choices.Add(choice);
            }
            else
            {
                Error(field, $"'{Shorten(item)}' is not one of {Words<TEnum>.List}.");
            }
        }

        return choices;
    }

    public IReadOnlyList<string> Texts(string field, int maxLength, bool multiLine = false)
    {
        var texts = new List<string>();
        foreach (var item in RawItems(field) ?? [])
        {
            var text = item.Trim();
            if (text.Length > maxLength)
            {
                Error(field, $"Each at most {maxLength} characters; one has {text.Length}.");
            }
            else if (StoredText.Refusal(text, multiLine) is { } refusal)
            {
                Error(field, refusal);
            }
            else if (text.Length > 0)
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    public IReadOnlyList<EntrySource> Objects(string field, IReadOnlyList<string> nestedFields) => RawObjects(field, nestedFields) ?? [];

    /// <summary>A calendar date, <c>yyyy-MM-dd</c>; UK day-first <c>dd/MM/yyyy</c> too, as a spreadsheet saves it.</summary>
    public DateOnly? Date(string field, bool required = false)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Required(field);
            }

            return null;
        }

        if (!DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(field, $"'{Shorten(value)}' is not a date (yyyy-MM-dd).");
            return null;
        }

        return date;
    }

    /// <summary>An absolute http or https address.</summary>
    public Uri? Link(string field)
    {
        var value = Raw(field)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!FieldFormats.IsWebAddress(value) || !Uri.TryCreate(value, UriKind.Absolute, out var link))
        {
            Error(field, $"'{Shorten(value)}' is not an http or https address.");
            return null;
        }

        return link;
    }

    protected string Key(string field) => $"{path}.{field}";

    private void Required(string field)
    {
        // A value that could not be read has said so already.
        if (!errors.Has(Key(field)))
        {
            Error(field, "Required.");
        }
    }

    protected static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";

    /// <summary>An enumeration's words as on the wire, and a forgiving reader of them.</summary>
    private static class Words<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByWord = Enum.GetValues<TEnum>()
            .ToDictionary(v => Fold(RegistryEvents.Wire(v)), v => v, StringComparer.Ordinal);

        public static readonly string List = string.Join(", ", Enum.GetValues<TEnum>().Select(RegistryEvents.Wire));

        public static bool TryRead(string value, out TEnum choice) => ByWord.TryGetValue(Fold(value), out choice);

        private static string Fold(string word) => new([.. word.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
    }
}
