using System.Globalization;
using Concordat.Web.Apis.Clerk;

namespace Concordat.Web.Clerk;

/// <summary>One row of a form's "what each partner gives" table, as typed.</summary>
public sealed class AllocationRow
{
    public string? OrganisationId { get; set; }

    public string? AmountGbp { get; set; }

    public string? InKind { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(OrganisationId) && string.IsNullOrWhiteSpace(AmountGbp) && string.IsNullOrWhiteSpace(InKind);

    public static List<AllocationRow> Blank() => [.. Enumerable.Range(0, AllocationRows.Shown).Select(_ => new AllocationRow())];
}

/// <summary>
/// The rows of a form's "what each partner gives" table (a proposal's requested resources, a decision's allocations),
/// whose fields are named as the API names them (<c>allocations[2].amountGbp</c>). Blank rows are left out, so the list
/// sent may be shorter than the form: <see cref="FieldOf"/> maps the API's index back to the form's row, so its refusal
/// links to the row the clerk typed in. An amount is read as people write it ("£25,000").
/// </summary>
public sealed class AllocationRows
{
    public const int Shown = 4;

    private readonly List<int> _rows = [];

    public AllocationRows(string list, IReadOnlyList<AllocationRow>? typed)
    {
        List = list;
        for (var row = 0; row < (typed?.Count ?? 0); row++)
        {
            var line = typed![row];
            if (line is null || line.IsBlank)
            {
                continue;
            }

            decimal? pounds = null;
            var number = (line.AmountGbp ?? "").Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
            if (number.Length > 0)
            {
                if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                {
                    pounds = value;
                }
                else
                {
                    Errors[$"{list}[{row}].amountGbp"] = ["An amount is a number of pounds, like 25000 or 1250.50."];
                }
            }

            _rows.Add(row);
            Allocations.Add(new Allocation(Guid.TryParse(line.OrganisationId, out var id) ? id : Guid.Empty, pounds, string.IsNullOrWhiteSpace(line.InKind) ? null : line.InKind.Trim()));
        }
    }

    public string List { get; }

    /// <summary>What is sent: the rows filled in, in order.</summary>
    public List<Allocation> Allocations { get; } = [];

    /// <summary>What this page refuses before sending (an amount that is not a number), keyed by the form's row.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>An API error key (<c>allocations[1].amountGbp</c>) as the form's field id (<c>allocations[3].amountGbp</c>).</summary>
    public string FieldOf(string key)
    {
        var prefix = List + "[";
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return key;
        }

        var close = key.IndexOf(']', prefix.Length);
        return close > prefix.Length && int.TryParse(key.AsSpan(prefix.Length, close - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? $"{List}[{(index < _rows.Count ? _rows[index] : index)}]{key[(close + 1)..]}"
            : key;
    }
}
