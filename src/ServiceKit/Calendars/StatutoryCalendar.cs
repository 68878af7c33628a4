using System.Collections.Concurrent;
using System.Collections.Frozen;
using PublicHoliday;

namespace Concordat.ServiceKit;

/// <summary>
/// Deadlines the law counts in days, in England and Wales: a call-in window of five working days, a response due in
/// 28 days. A working day is a weekday that is not a bank holiday (the <c>PublicHoliday</c> package's England calendar,
/// which Wales shares: substitute days and one-off holidays included, no hand-kept list). A day is a day in UK time,
/// and a deadline falls at the midnight that ends its last day, as an instant.
/// </summary>
public static class StatutoryCalendar
{
    private static readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> BankHolidaysByYear = new();

    /// <summary>UK time (<c>Europe/London</c>): GMT in winter, BST in summer.</summary>
    public static TimeZoneInfo UkTime { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The day it is in the UK at <paramref name="instant"/>.</summary>
    public static DateOnly UkDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime).DateTime);

    /// <summary>The day it is in the UK now: "once a day" and "due today" are per UK day, so nothing comes twice in one British day when the clocks change.</summary>
    public static DateOnly UkToday(TimeProvider time) => UkDate(time.GetUtcNow());

    public static bool IsBankHoliday(DateOnly day) =>
        BankHolidaysByYear.GetOrAdd(day.Year, year =>
            // A new calendar per year read: the package's own cache is not documented as safe across threads.
            new UKBankHoliday(UKBankHoliday.UkCountries.England).PublicHolidays(year).Select(DateOnly.FromDateTime).ToFrozenSet())
        .Contains(day);

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(day);

    /// <summary>The <paramref name="days"/>th working day after <paramref name="day"/> (which itself does not count); <paramref name="day"/> for 0.</summary>
    public static DateOnly AddWorkingDays(DateOnly day, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                days--;
            }
        }

        return day;
    }

    /// <summary>The instant <paramref name="day"/> ends in the UK: the midnight that begins the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), UkTime), TimeSpan.Zero);

    /// <summary>
    /// When a window of <paramref name="workingDays"/> working days opened at <paramref name="opened"/> closes: the end
    /// of the last of those days, counted from the day after the UK day it opened (a decision published on a Friday
    /// evening or a bank holiday starts counting on the next working day).
    /// </summary>
    public static DateTimeOffset WorkingDaysAfter(DateTimeOffset opened, int workingDays) =>
        EndOf(AddWorkingDays(UkDate(opened), workingDays));

    /// <summary>When a window of <paramref name="days"/> calendar days opened at <paramref name="opened"/> closes (end of the last day, UK time).</summary>
    public static DateTimeOffset DaysAfter(DateTimeOffset opened, int days) =>
        EndOf(UkDate(opened).AddDays(days));
}
