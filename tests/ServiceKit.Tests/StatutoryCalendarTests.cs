namespace Concordat.ServiceKit.Tests;

public sealed class StatutoryCalendarTests
{
    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Five_working_days_over_christmas_and_the_new_year_skip_both_bank_holidays_and_their_substitute_days()
    {
        // Wed 23 Dec 2026: Thu 24 (1), Christmas Fri 25, weekend, Boxing Day substitute Mon 28, Tue 29 (2), Wed 30 (3),
        // Thu 31 (4), New Year's Day Fri 1 Jan, weekend, Mon 4 Jan 2027 (5): the window closes at the end of 4 January.
        Assert.Equal(Utc("2027-01-05T00:00:00Z"), StatutoryCalendar.WorkingDaysAfter(Utc("2026-12-23T10:00:00Z"), 5));
    }

    [Fact]
    public void Five_working_days_over_easter_skip_good_friday_and_easter_monday_and_close_at_midnight_summer_time()
    {
        // Thu 25 Mar 2027: Good Friday 26, weekend (clocks go forward on the 28th), Easter Monday 29, then Tue 30 to Mon 5 April.
        Assert.Equal(Utc("2027-04-05T23:00:00Z"), StatutoryCalendar.WorkingDaysAfter(Utc("2027-03-25T15:00:00Z"), 5));
    }

    [Fact]
    public void The_day_a_window_opens_is_the_uk_day_not_the_utc_one()
    {
        // 23:30 UTC on Wednesday 1 July is 00:30 on Thursday 2 July in the UK: counting starts on Friday 3 July.
        Assert.Equal(Utc("2026-07-09T23:00:00Z"), StatutoryCalendar.WorkingDaysAfter(Utc("2026-07-01T23:30:00Z"), 5));
    }

    [Fact]
    public void In_british_summer_time_the_uk_day_turns_an_hour_before_midnight_utc_and_in_winter_at_midnight()
    {
        Assert.Equal(new DateOnly(2026, 7, 2), StatutoryCalendar.UkDate(Utc("2026-07-01T23:30:00Z")));
        Assert.Equal(new DateOnly(2026, 12, 1), StatutoryCalendar.UkDate(Utc("2026-12-01T23:30:00Z")));
    }

    [Fact]
    public void A_window_opened_at_a_weekend_starts_counting_on_the_next_working_day()
    {
        Assert.Equal(Utc("2026-12-05T00:00:00Z"), StatutoryCalendar.WorkingDaysAfter(Utc("2026-11-28T11:00:00Z"), 5));
    }

    [Theory]
    [InlineData("2022-09-19")] // the State Funeral of Queen Elizabeth II, a one-off bank holiday
    [InlineData("2026-08-31")] // the summer bank holiday in England and Wales
    [InlineData("2026-12-28")] // Boxing Day falls on a Saturday: the substitute day
    public void Bank_holidays_of_england_and_wales_are_not_working_days(string day) =>
        Assert.False(StatutoryCalendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-30")] // St Andrew's Day: a bank holiday in Scotland only
    [InlineData("2026-01-02")] // 2 January: a bank holiday in Scotland only
    [InlineData("2026-08-03")] // the first Monday of August: Scotland's summer holiday
    public void Holidays_of_scotland_alone_are_working_days(string day) =>
        Assert.True(StatutoryCalendar.IsWorkingDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Twenty_eight_days_run_through_weekends_and_holidays_to_the_end_of_the_last_day()
    {
        Assert.Equal(Utc("2027-01-21T00:00:00Z"), StatutoryCalendar.DaysAfter(Utc("2026-12-23T10:00:00Z"), 28));
    }
}
