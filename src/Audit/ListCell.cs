using System.Text;

namespace Concordat.Audit;

/// <summary>
/// A list in one CSV cell: items separated by <c>;</c>, the parts of an item (an affiliation's organisation and title)
/// by <c>|</c>; a backslash makes the next character plain text (<c>\;</c>, <c>\|</c>, <c>\\</c>). Blank items are dropped.
/// </summary>
public static class ListCell
{
    private const char ItemSeparator = ';';
    private const char PartSeparator = '|';
    private const char Escape = '\\';

    public static string Write(IEnumerable<IReadOnlyList<string?>> items) =>
        string.Join(ItemSeparator, items.Select(parts => string.Join(PartSeparator, parts.Select(EscapePart))));

    /// <summary>The items of <paramref name="cell"/>, each its parts (one part when <paramref name="parts"/> is false: <c>|</c> is then text).</summary>
    public static List<List<string>> Read(string cell, bool parts)
    {
        var items = new List<List<string>>();
        var item = new List<string>();
        var part = new StringBuilder();
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            if (c == Escape && i + 1 < cell.Length)
            {
                part.Append(cell[++i]);
            }
            else if (c == PartSeparator && parts)
            {
                item.Add(part.ToString().Trim());
                part.Clear();
            }
            else if (c == ItemSeparator)
            {
                EndItem();
            }
            else
            {
                part.Append(c);
            }
        }

        EndItem();
        return items;

        void EndItem()
        {
            item.Add(part.ToString().Trim());
            part.Clear();
            if (item.Any(p => p.Length > 0))
            {
                items.Add(item);
            }

            item = [];
        }
    }

    private static string EscapePart(string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return "";
        }

        var escaped = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            if (c is Escape or ItemSeparator or PartSeparator)
            {
                escaped.Append(Escape);
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
