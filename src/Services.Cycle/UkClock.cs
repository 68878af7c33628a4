namespace Concordat.Cycle;

/// <summary>
/// The cycle's calendar is the UK's: a due date falls on a UK day, and "once a day" is per UK day, so a reminder does
/// not come twice in one British day when the clocks change. Instants stay UTC.
/// </summary>
public static class UkClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider time) => DayOf(time.GetUtcNow());

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);
}
