using Concordat.ServiceKit;

namespace Concordat.Scrutiny.Clocks;

/// <summary>
/// Scrutiny's statutory clocks, as UK local dates (Europe/London): pure functions of the day a thing happened and the
/// regime. A due date is the last day on which an answer is in time; it is overdue from the day after.
/// </summary>
public static class StatutoryClocks
{
    /// <summary>The day an information request sent on <paramref name="sentOn"/> must be answered by: the regime's days later.</summary>
    public static DateOnly InformationDue(DateOnly sentOn, ScrutinyRegime regime) => sentOn.AddDays(regime.InformationRequestDays);

    /// <summary>
    /// The day a response to a recommendation published on <paramref name="publishedOn"/> is due: the regime's calendar
    /// months later, and when that month has no such day (31 August + 2 months is 31 October, but 31 December + 2 months
    /// has no 31 February), the month's last day. <see cref="DateOnly.AddMonths"/> does exactly that.
    /// </summary>
    public static DateOnly ResponseDue(DateOnly publishedOn, ScrutinyRegime regime) => publishedOn.AddMonths(regime.ResponseMonths);

    /// <summary>The UK day of <paramref name="instant"/>: a request sent at 00:30 BST is sent on that British day, not the UTC day before.</summary>
    public static DateOnly UkDay(DateTimeOffset instant) => StatutoryCalendar.UkDate(instant);

    /// <summary>Whether something due on <paramref name="dueOn"/> and not yet answered is overdue on <paramref name="today"/>.</summary>
    public static bool IsOverdue(DateOnly dueOn, DateOnly today) => today > dueOn;

    /// <summary>Whole UK days past <paramref name="dueOn"/> on <paramref name="today"/> (0 when not overdue).</summary>
    public static int DaysOverdue(DateOnly dueOn, DateOnly today) => Math.Max(0, today.DayNumber - dueOn.DayNumber);

    /// <summary>
    /// How a clock due on <paramref name="dueOn"/> reads on <paramref name="today"/> (UK days): days left while open
    /// (0 on the due day), overdue from the next day, and once answered at <paramref name="answeredAt"/>, whether and by
    /// how many days late by the UK day of the answer (an answer at 23:30 UTC in summer is given on the next British day).
    /// </summary>
    public static ClockReading Read(DateOnly dueOn, DateOnly today, DateTimeOffset? answeredAt)
    {
        if (answeredAt is { } at)
        {
            var late = DaysOverdue(dueOn, UkDay(at));
            return new ClockReading(null, false, 0, late > 0, late);
        }

        return IsOverdue(dueOn, today)
            ? new ClockReading(null, true, DaysOverdue(dueOn, today), null, null)
            : new ClockReading(dueOn.DayNumber - today.DayNumber, false, 0, null, null);
    }
}
