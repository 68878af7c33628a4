using System.Globalization;

namespace Concordat.Web.Components;

/// <summary>
/// Dates and times as people in the UK read them: instants from the APIs (UTC on the wire) in Europe/London time,
/// written the GOV.UK way ("4 June 2026", "2:30pm", "midday").
/// </summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset InLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>The day in London when <paramref name="instant"/> happened.</summary>
    public static string Date(DateTimeOffset instant) => Date(DateOnly.FromDateTime(InLondon(instant).DateTime));

    public static string Date(DateOnly day) => day.ToString("d MMMM yyyy", English);

    /// <summary>"4 June 2026 at 2:30pm", in London time.</summary>
    public static string DateAndTime(DateTimeOffset instant)
    {
        var local = InLondon(instant);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))} at {Time(TimeOnly.FromDateTime(local.DateTime))}";
    }

    /// <summary>
    /// A deadline: "the end of 7 December 2026" when it falls at midnight in London (as day-counted deadlines do), else
    /// "8 December 2026 at 2:30pm". A bare "8 December at midnight" is read both ways.
    /// </summary>
    public static string Deadline(DateTimeOffset instant)
    {
        var local = InLondon(instant);
        return local.TimeOfDay == TimeSpan.Zero
            ? "the end of " + Date(DateOnly.FromDateTime(local.DateTime).AddDays(-1))
            : DateAndTime(instant);
    }

    /// <summary>"2:30pm", "9am", "midday", "midnight".</summary>
    public static string Time(TimeOnly time) => (time.Hour, time.Minute) switch
    {
        (12, 0) => "midday",
        (0, 0) => "midnight",
        var (_, minute) => (time.Hour % 12 == 0 ? 12 : time.Hour % 12).ToString(CultureInfo.InvariantCulture)
            + (minute == 0 ? "" : ":" + minute.ToString("00", CultureInfo.InvariantCulture))
            + (time.Hour < 12 ? "am" : "pm"),
    };

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Iso(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
