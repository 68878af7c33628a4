namespace Concordat.ServiceKit;

/// <summary>
/// The <c>q</c> filter of the lists: names containing the text, ignoring case. The text is matched literally, so
/// <c>q=%</c> or <c>q=_</c> finds names with a per cent sign or an underscore rather than every name.
/// </summary>
public static class NameSearch
{
    /// <summary>The escape character of <see cref="ContainsPattern"/>, for <c>EF.Functions.ILike(…, pattern, Escape)</c>.</summary>
    public const string Escape = "\\";

    /// <summary>An ILIKE pattern matching any text containing <paramref name="text"/> (trimmed), wildcards escaped.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
