using Concordat.Web.Apis;

namespace Concordat.Web.Scrutiny;

/// <summary>Where a statutory clock stands: time left, due today, overdue, or answered (on time or late).</summary>
public enum ClockState
{
    DaysLeft,
    DueToday,
    Overdue,
    AnsweredOnTime,
    AnsweredLate,
}

/// <summary>
/// A clock as the scrutiny service read it on its UK "today" (<c>docs/scrutiny.md</c>, "Clocks on the wire"): its state
/// and the whole UK days that go with it (left, overdue by, or answered late by). The page only words it and counts no
/// days itself, so it never disagrees with the service at midnight.
/// </summary>
public sealed record ClockReading(ClockState State, int Days)
{
    /// <summary>The reading of the service's clock members; null when it sent none (nothing due yet).</summary>
    public static ClockReading? Of(int? daysLeft, bool overdue, int daysOverdue, bool? answeredLate = null, int? daysLate = null)
    {
        if (answeredLate is { } late)
        {
            return late ? new(ClockState.AnsweredLate, daysLate ?? 0) : new(ClockState.AnsweredOnTime, 0);
        }

        if (overdue)
        {
            return new(ClockState.Overdue, daysOverdue);
        }

        return daysLeft switch
        {
            > 0 and var left => new(ClockState.DaysLeft, left),
            0 => new(ClockState.DueToday, 0),
            _ => null,
        };
    }

    /// <summary>An information request's clock: to its answer.</summary>
    public static ClockReading? Of(InformationRequest request) =>
        Of(request.DaysLeft, request.Overdue, request.DaysOverdue, request.AnsweredLate, request.DaysLate);

    /// <summary>A recommendation's response clock.</summary>
    public static ClockReading? Of(Recommendation recommendation) =>
        Of(recommendation.DaysLeft, recommendation.Overdue, recommendation.DaysOverdue, recommendation.Response?.Late, recommendation.Response?.DaysLate);

    /// <summary>"1 day", "3 days".</summary>
    public static string DaysText(int days) => days == 1 ? "1 day" : $"{days} days";
}
