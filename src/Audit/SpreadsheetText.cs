using System.Buffers;

namespace Concordat.Audit;

/// <summary>
/// Text that starts like a formula (<c>= + - @</c>, tab, CR) would be run by a spreadsheet that opens the file
/// (CSV injection), so the export puts an apostrophe before it, as OWASP advises, and the import takes it off.
/// Apostrophes already leading such text get one more, so every value reads back as it was written.
/// </summary>
public static class SpreadsheetText
{
    private const char Apostrophe = '\'';
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static string? Protect(string? text) => text is not null && StartsFormula(text) ? Apostrophe + text : text;

    public static string Unprotect(string text) => text.Length > 1 && text[0] == Apostrophe && StartsFormula(text[1..]) ? text[1..] : text;

    private static bool StartsFormula(string text)
    {
        var rest = text.AsSpan().TrimStart(Apostrophe);
        return rest.Length > 0 && FormulaStarts.Contains(rest[0]);
    }
}
