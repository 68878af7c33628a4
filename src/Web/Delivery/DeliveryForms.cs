using System.Globalization;
using Concordat.Web.Components.Forms;
using Refit;

namespace Concordat.Web.Delivery;

/// <summary>What the delivery forms share: choices in the wire words, and reading what was typed into the API's types.</summary>
public static class DeliveryForms
{
    public static readonly Choice[] Statuses =
    [
        new("not_started", "Not started"), new("on_track", "On track"), new("at_risk", "At risk"), new("off_track", "Off track"),
        new("done", "Done"), new("dropped", "Dropped"),
    ];

    public static readonly Choice[] Rags =
    [
        new("", "Keep the rating it has"), new("green", "Green", "On track to deliver"), new("amber", "Amber", "At risk: needs watching"),
        new("red", "Red", "Off track: needs the lead body's action"),
    ];

    public static readonly Choice[] OneToFive = [.. Enumerable.Range(1, 5).Select(i => new Choice(i.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture)))];

    public static Guid? Id(string? value) => Guid.TryParse(value, out var id) && id != Guid.Empty ? id : null;

    public static int? Whole(string? value) => int.TryParse(value?.Trim().TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static decimal? Number(string? value) =>
        decimal.TryParse((value ?? "").Trim().TrimEnd('%').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The version a response carries as its ETag (<c>"123"</c>), for the next change's <c>If-Match</c>.</summary>
    public static string? ETag(IApiResponse response) => response.Headers?.ETag?.ToString();

    /// <summary>
    /// Targets typed one a line, "period value" ("2026-12 92.4"), as the API takes them. A line that is not one is
    /// reported by its number, so the person can find it.
    /// </summary>
    public static (List<Apis.PeriodValue> Targets, string? Error) Targets(string? text)
    {
        var targets = new List<Apis.PeriodValue>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split([' ', '\t', ','], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || Number(parts[1]) is not { } value)
            {
                return (targets, $"Line {i + 1} must be a period and a value, like 2027-01 92.4.");
            }

            targets.Add(new Apis.PeriodValue(parts[0], value));
        }

        return (targets, null);
    }
}
