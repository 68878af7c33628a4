using System.Globalization;
using Concordat.Web.Apis.Clerk;

namespace Concordat.Web.Clerk;

/// <summary>
/// The rows of a form's "what each partner gives" table (a proposal's requested resources, a decision's allocations):
/// posted as <c>{list}[{row}].organisationId</c>, <c>.amountGbp</c>, <c>.inKind</c>, as the API names them. Blank rows
/// are left out, so the list sent may be shorter than the form: <see cref="RowOf"/> maps the API's index back to the
/// form's row, so its refusal links to the row the clerk typed in.
/// </summary>
public sealed class AllocationRows
{
    public const int Shown = 4;

    private readonly List<int> _rows = [];

    public AllocationRows(string list, Func<string, string> posted)
    {
        List = list;
        for (var row = 0; row < Shown; row++)
        {
            var organisation = posted($"{list}[{row}].organisationId").Trim();
            var amount = posted($"{list}[{row}].amountGbp").Trim();
            var inKind = posted($"{list}[{row}].inKind").Trim();
            if (organisation.Length == 0 && amount.Length == 0 && inKind.Length == 0)
            {
                continue;
            }

            decimal? pounds = null;
            var number = amount.TrimStart('£').Replace(",", "", StringComparison.Ordinal);
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
            Allocations.Add(new Allocation(Guid.TryParse(organisation, out var id) ? id : Guid.Empty, pounds, inKind.Length > 0 ? inKind : null));
        }
    }

    public string List { get; }

    /// <summary>What is sent: the rows filled in, in order.</summary>
    public List<Allocation> Allocations { get; } = [];

    /// <summary>What this page refuses before sending (an amount that is not a number), keyed by the form's row.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The form's row of the <paramref name="index"/>th allocation sent.</summary>
    public int RowOf(int index) => index >= 0 && index < _rows.Count ? _rows[index] : index;

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
            ? $"{List}[{RowOf(index)}]{key[(close + 1)..]}"
            : key;
    }
}
