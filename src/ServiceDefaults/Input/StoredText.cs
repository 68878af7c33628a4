using System.Globalization;

namespace Concordat.ServiceDefaults.Input;

/// <summary>
/// What text the platform stores: no C0 control characters (PostgreSQL refuses NUL outright, and the others only
/// hide things from readers and spreadsheets), except tab, CR and LF in multi-line fields; no lone surrogates. A pure
/// rule with stable wording, used by the request check every API endpoint passes through and by the registry's import.
/// </summary>
public static class StoredText
{
    /// <summary>Null when <paramref name="text"/> may be stored; otherwise why not, naming the first offending character.</summary>
    public static string? Refusal(string text, bool multiLine = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' && !(multiLine && c is '\t' or '\r' or '\n'))
            {
                return $"Contains the control character U+{(int)c:X4} at position {(i + 1).ToString(CultureInfo.InvariantCulture)}; "
                    + (multiLine ? "only tab and line breaks are allowed." : "this field is one line of text without control characters.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"Contains a lone surrogate (U+{(int)c:X4}) at position {(i + 1).ToString(CultureInfo.InvariantCulture)}, which is not a character.";
            }
        }

        return null;
    }
}

/// <summary>Marks a text field that may hold several lines (tab, CR and LF allowed); other text is one line.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineAttribute : Attribute;
