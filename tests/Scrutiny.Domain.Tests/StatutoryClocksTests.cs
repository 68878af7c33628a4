using Concordat.Scrutiny.Clocks;
using Concordat.ServiceKit;

namespace Concordat.Scrutiny.Domain.Tests;

/// <summary>Scrutiny's statutory clocks in UK dates: 28 days for information, 2 calendar months for responses.</summary>
public sealed class StatutoryClocksTests
{
    private static readonly ScrutinyRegime Default = new();

    [Fact]
    public void The_default_regime_is_28_days_and_2_months()
    {
        var options = new ScrutinyRegimeOptions();

        var (name, regime) = options.Find(null)!.Value;

        Assert.Equal(ScrutinyRegimeOptions.England2009, name);
        Assert.Equal(28, regime.InformationRequestDays);
        Assert.Equal(2, regime.ResponseMonths);
    }

    [Fact]
    public void An_information_request_is_due_28_days_after_it_was_sent()
    {
        Assert.Equal(new DateOnly(2026, 12, 28), StatutoryClocks.InformationDue(new DateOnly(2026, 11, 30), Default));
    }

    [Fact]
    public void Twenty_eight_days_across_the_clocks_going_back_count_UK_days()
    {
        // 00:30 BST on 11 October 2026 is still 10 October in UTC; the request was sent on the British day, the 11th.
        var sentAt = new DateTimeOffset(2026, 10, 10, 23, 30, 0, TimeSpan.Zero);

        var sentOn = StatutoryClocks.UkDay(sentAt);
        var due = StatutoryClocks.InformationDue(sentOn, Default);

        Assert.Equal(new DateOnly(2026, 10, 11), sentOn);
        // The clocks go back on 25 October; the 28 days are still 28 calendar days.
        Assert.Equal(new DateOnly(2026, 11, 8), due);
        // The last day ends at midnight GMT: 00:00 UTC on 9 November, not 23:00 UTC as it would in summer.
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 0, 0, 0, TimeSpan.Zero), StatutoryCalendar.EndOf(due));
    }

    [Fact]
    public void An_hour_after_midnight_on_the_day_the_clocks_go_back_is_still_that_day()
    {
        // 25 October 2026: 01:30 BST (00:30 UTC) then 01:30 GMT (01:30 UTC) are both the 25th.
        Assert.Equal(new DateOnly(2026, 10, 25), StatutoryClocks.UkDay(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 10, 25), StatutoryClocks.UkDay(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 22), StatutoryClocks.InformationDue(new DateOnly(2026, 10, 25), Default));
    }

    [Fact]
    public void Two_months_from_31_August_is_31_October()
    {
        Assert.Equal(new DateOnly(2026, 10, 31), StatutoryClocks.ResponseDue(new DateOnly(2026, 8, 31), Default));
    }

    [Fact]
    public void Two_months_from_31_December_is_the_end_of_February()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), StatutoryClocks.ResponseDue(new DateOnly(2026, 12, 31), Default));
    }

    [Fact]
    public void Two_months_from_31_December_before_a_leap_year_is_29_February()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), StatutoryClocks.ResponseDue(new DateOnly(2027, 12, 31), Default));
    }

    [Fact]
    public void Two_months_from_29_February_is_29_April()
    {
        Assert.Equal(new DateOnly(2028, 4, 29), StatutoryClocks.ResponseDue(new DateOnly(2028, 2, 29), Default));
    }

    [Fact]
    public void Two_months_from_30_December_is_the_end_of_February_too()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), StatutoryClocks.ResponseDue(new DateOnly(2026, 12, 30), Default));
    }

    [Fact]
    public void AddMonths_takes_the_months_end_when_the_day_does_not_exist()
    {
        // What ResponseDue relies on, proved of the framework itself.
        Assert.Equal(new DateOnly(2026, 4, 30), new DateOnly(2026, 3, 31).AddMonths(1));
        Assert.Equal(new DateOnly(2027, 2, 28), new DateOnly(2026, 12, 31).AddMonths(2));
        Assert.Equal(new DateOnly(2028, 2, 29), new DateOnly(2027, 12, 31).AddMonths(2));
    }

    [Fact]
    public void A_regime_counts_its_own_clocks()
    {
        var longer = new ScrutinyRegime { InformationRequestDays = 20, ResponseMonths = 3 };

        Assert.Equal(new DateOnly(2026, 12, 20), StatutoryClocks.InformationDue(new DateOnly(2026, 11, 30), longer));
        Assert.Equal(new DateOnly(2027, 2, 28), StatutoryClocks.ResponseDue(new DateOnly(2026, 11, 30), longer));
    }

    [Fact]
    public void Overdue_starts_the_day_after_the_due_date()
    {
        var due = new DateOnly(2026, 12, 28);

        Assert.False(StatutoryClocks.IsOverdue(due, due));
        Assert.True(StatutoryClocks.IsOverdue(due, due.AddDays(1)));
        Assert.Equal(3, StatutoryClocks.DaysOverdue(due, due.AddDays(3)));
    }

    [Theory]
    [InlineData(3, 3, false, 0)]
    [InlineData(0, 0, false, 0)]
    [InlineData(-7, null, true, 7)]
    public void An_open_clock_reads_days_left_until_its_due_day_then_overdue(int dueInDays, int? daysLeft, bool overdue, int daysOverdue)
    {
        var today = new DateOnly(2026, 11, 30);

        var clock = StatutoryClocks.Read(today.AddDays(dueInDays), today, answeredAt: null);

        Assert.Equal(new ClockReading(daysLeft, overdue, daysOverdue, null, null), clock);
    }

    [Theory]
    [InlineData(0, false, 0)]
    [InlineData(-5, false, 0)]
    [InlineData(2, true, 2)]
    public void An_answered_clock_stops_and_says_how_many_UK_days_late_it_was(int answeredDaysAfterDue, bool late, int daysLate)
    {
        var due = new DateOnly(2026, 11, 2);
        var answeredAt = new DateTimeOffset(due.AddDays(answeredDaysAfterDue), new TimeOnly(15, 0), TimeSpan.Zero);

        // Read long after: an answered clock no longer counts.
        var clock = StatutoryClocks.Read(due, due.AddDays(40), answeredAt);

        Assert.Equal(new ClockReading(null, false, 0, late, daysLate), clock);
    }

    [Fact]
    public void An_answer_at_23_30_UTC_on_a_summer_due_day_is_given_the_next_UK_day()
    {
        // 23:30 UTC on 1 July is 00:30 BST on 2 July; at 22:59 UTC it is still 1 July in London.
        var due = new DateOnly(2026, 7, 1);

        Assert.Equal(new ClockReading(null, false, 0, true, 1), StatutoryClocks.Read(due, due, new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new ClockReading(null, false, 0, false, 0), StatutoryClocks.Read(due, due, new DateTimeOffset(2026, 7, 1, 22, 59, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Regimes_are_validated()
    {
        var options = new ScrutinyRegimeOptions { DefaultRegime = "wales" };
        options.Regimes["bad"] = new ScrutinyRegime { InformationRequestDays = 0, ResponseMonths = 40 };

        var result = new ScrutinyRegimeValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
    }
}
