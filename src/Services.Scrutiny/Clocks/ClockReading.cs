namespace Concordat.Scrutiny.Clocks;

/// <summary>
/// A statutory clock as the API states it on a UK day, so that no client counts days itself. While open:
/// <see cref="DaysLeft"/> until the due date (0 on the day), or once past it <see cref="Overdue"/> by
/// <see cref="DaysOverdue"/>. Once answered the clock stops: <see cref="AnsweredLate"/> and <see cref="DaysLate"/>
/// (whole UK days after the due date, by the UK day of the answer).
/// </summary>
public sealed record ClockReading(int? DaysLeft, bool Overdue, int DaysOverdue, bool? AnsweredLate, int? DaysLate)
{
    /// <summary>No clock: nothing is due yet (a draft recommendation).</summary>
    public static readonly ClockReading None = new(null, false, 0, null, null);
}
