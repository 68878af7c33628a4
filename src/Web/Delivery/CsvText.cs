using System.Text;

namespace Concordat.Web.Delivery;

/// <summary>
/// Reads the cycle's CSV exports (RFC 4180: commas, quoted fields with doubled quotes, CRLF) into rows of cells, with a
/// leading byte order mark dropped. Only for reading what a page needs from an export (an action's <c>version</c>):
/// importing is the cycle's job, which is sent the file as it is.
/// </summary>
public static class CsvText
{
    public static IReadOnlyList<string[]> Rows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
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
