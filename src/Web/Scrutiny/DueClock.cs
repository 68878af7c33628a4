using Concordat.Web.Components;

namespace Concordat.Web.Scrutiny;

/// <summary>Where a statutory clock stands on a UK day: time left, due today, overdue, or answered (in time or late).</summary>
public enum ClockState
{
    DaysLeft,
    DueToday,
    Overdue,
    AnsweredInTime,
    AnsweredLate,
}

/// <summary>
/// A clock read on a day: its state and the whole UK days that go with it (left, overdue by, or answered late by).
/// A due date is the last day on which an answer is in time (<c>docs/scrutiny.md</c>), so the item is overdue from
/// the next UK day, as the service counts.
/// </summary>
public sealed record ClockReading(ClockState State, int Days)
{
    public static ClockReading Of(DateOnly dueOn, DateOnly today, DateOnly? answeredOn = null)
    {
        if (answeredOn is { } answered)
        {
            var late = answered.DayNumber - dueOn.DayNumber;
            return late > 0 ? new(ClockState.AnsweredLate, late) : new(ClockState.AnsweredInTime, 0);
        }

        var left = dueOn.DayNumber - today.DayNumber;
        return left switch
        {
            > 0 => new(ClockState.DaysLeft, left),
            0 => new(ClockState.DueToday, 0),
            _ => new(ClockState.Overdue, -left),
        };
    }

    /// <summary>Today in the UK (Europe/London), the day clocks are read on.</summary>
    public static DateOnly UkToday(DateTimeOffset now) => DateOnly.FromDateTime(UkTime.InLondon(now).DateTime);

    /// <summary>"1 day", "3 days".</summary>
    public static string DaysText(int days) => days == 1 ? "1 day" : $"{days} days";
}
