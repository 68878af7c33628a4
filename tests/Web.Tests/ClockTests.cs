using Concordat.Web.Apis;
using Concordat.Web.Scrutiny;

namespace Concordat.Web.Tests;

/// <summary>
/// Scrutiny's clocks as an officer reads them: days left, due today, overdue (in words and red, never colour alone),
/// answered in time or late. A due date is the last day an answer is in time; overdue starts the next UK day.
/// </summary>
public sealed class ClockTests : BunitContext
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private IRenderedComponent<DueClockTag> Clock(DateOnly dueOn, DateOnly? answeredOn = null) =>
        Render<DueClockTag>(p => p.Add(c => c.DueOn, dueOn).Add(c => c.Today, Today).Add(c => c.AnsweredOn, answeredOn));

    [Fact]
    public void A_request_due_in_four_weeks_shows_the_days_left_and_its_due_date_in_UK_words()
    {
        var clock = Clock(Today.AddDays(28));

        Assert.Equal("28 days left", clock.Find(".govuk-tag").TextContent);
        Assert.Equal("28 December 2026", clock.Find("time").TextContent);
        Assert.Equal("2026-12-28", clock.Find("time").GetAttribute("datetime"));
        Assert.Empty(clock.FindAll(".govuk-tag--red"));
    }

    [Fact]
    public void One_day_left_is_singular()
    {
        Assert.Equal("1 day left", Clock(Today.AddDays(1)).Find(".govuk-tag").TextContent);
    }

    [Fact]
    public void On_its_due_date_a_request_is_due_today_not_overdue()
    {
        var clock = Clock(Today);

        Assert.Equal("Due today", clock.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_day_after_its_due_date_a_request_is_overdue_by_one_day_in_words_and_in_red()
    {
        var clock = Clock(Today.AddDays(-1));

        var tag = clock.Find(".govuk-tag");
        Assert.Equal("Overdue", tag.TextContent);
        Assert.Contains("govuk-tag--red", tag.ClassName, StringComparison.Ordinal);
        Assert.Contains("by 1 day", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_request_sent_five_weeks_ago_is_a_week_overdue()
    {
        // Sent 35 days ago with 28 days to answer: due 7 days ago.
        var clock = Clock(Today.AddDays(-35).AddDays(28));

        Assert.Equal("Overdue", clock.Find(".govuk-tag").TextContent);
        Assert.Contains("by 7 days", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_on_its_due_date_is_in_time_and_the_clock_stops()
    {
        var clock = Clock(Today.AddDays(-10), answeredOn: Today.AddDays(-10));

        Assert.Equal("Answered in time", clock.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_after_its_due_date_is_late_by_the_days_between_not_overdue_today()
    {
        var clock = Clock(Today.AddDays(-10), answeredOn: Today.AddDays(-8));

        Assert.Equal("Answered late", clock.Find(".govuk-tag").TextContent);
        Assert.Contains("by 2 days", clock.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, ClockState.DaysLeft, 5)]
    [InlineData(0, ClockState.DueToday, 0)]
    [InlineData(-1, ClockState.Overdue, 1)]
    [InlineData(-40, ClockState.Overdue, 40)]
    public void The_reading_counts_whole_UK_days(int dueInDays, ClockState state, int days)
    {
        Assert.Equal(new ClockReading(state, days), ClockReading.Of(Today.AddDays(dueInDays), Today));
    }

    [Fact]
    public void Today_is_the_UK_day_so_late_evening_in_British_summer_time_is_already_tomorrow()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London.
        Assert.Equal(new DateOnly(2026, 7, 1), ClockReading.UkToday(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 30), ClockReading.UkToday(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)));
    }

    private static Recommendation Recommendation(string status, DateOnly? dueOn, bool overdue = false, int daysOverdue = 0) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, "The PCT should offer every worker a health check.", Guid.NewGuid(), null, status, dueOn,
            overdue, daysOverdue, null, [], null);

    private IRenderedComponent<ResponseStatus> Response(Recommendation recommendation) =>
        Render<ResponseStatus>(p => p.Add(r => r.Recommendation, recommendation).Add(r => r.Today, Today));

    [Fact]
    public void A_response_awaited_shows_its_due_date_and_the_days_left()
    {
        var status = Response(Recommendation("awaiting_response", Today.AddDays(12)));

        Assert.Equal("Awaiting response", status.Find(".govuk-tag").TextContent);
        Assert.Equal("12 December 2026", status.Find("time").TextContent);
        Assert.Contains("(12 days left)", status.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_due_today_says_so()
    {
        Assert.Contains("(due today)", Response(Recommendation("awaiting_response", Today)).Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_response_is_written_Overdue_in_red_with_the_days_and_the_date_it_was_due()
    {
        var status = Response(Recommendation("awaiting_response", Today.AddDays(-1), overdue: true, daysOverdue: 1));

        var tag = status.Find(".govuk-tag");
        Assert.Equal("Overdue", tag.TextContent);
        Assert.Contains("govuk-tag--red", tag.ClassName, StringComparison.Ordinal);
        Assert.Contains("by 1 day", status.Markup, StringComparison.Ordinal);
        Assert.Equal("29 November 2026", status.Find("time").TextContent);
    }

    [Fact]
    public void A_response_given_shows_no_clock()
    {
        var status = Response(Recommendation("responded", Today.AddDays(-3)));

        Assert.Equal("Responded", status.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("left", status.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", status.Markup, StringComparison.Ordinal);
    }
}
