using Concordat.Web.Apis;
using Concordat.Web.Scrutiny;

namespace Concordat.Web.Tests;

/// <summary>
/// Scrutiny's clocks as an officer reads them: days left, due today, overdue (in words and red, never colour alone),
/// answered on time or late. The numbers are the scrutiny service's reading (daysLeft, overdue, daysOverdue,
/// answeredLate, daysLate); the page only words them and counts no days from dates.
/// </summary>
public sealed class ClockTests : BunitContext
{
    private static readonly DateOnly DueOn = new(2026, 12, 28);

    private static InformationRequest Request(int? daysLeft = null, bool overdue = false, int daysOverdue = 0, bool? answeredLate = null, int? daysLate = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "How many looked-after children were placed out of county?", "england-2009",
            DueOn.AddDays(-28), DueOn, answeredLate is null ? "awaiting" : "answered", overdue, daysOverdue, answeredLate is null ? null : "Forty-two.",
            answeredLate is null ? null : DateTimeOffset.UtcNow, null, "Martin Coles", DateTimeOffset.UtcNow, daysLeft, answeredLate, daysLate);

    private IRenderedComponent<DueClockTag> Clock(InformationRequest request) =>
        Render<DueClockTag>(p => p.Add(c => c.DueOn, request.DueOn).Add(c => c.Reading, ClockReading.Of(request)));

    [Fact]
    public void A_request_with_28_days_left_says_so_with_its_due_date_in_UK_words()
    {
        var clock = Clock(Request(daysLeft: 28));

        Assert.Equal("28 days left", clock.Find(".govuk-tag").TextContent);
        Assert.Equal("28 December 2026", clock.Find("time").TextContent);
        Assert.Equal("2026-12-28", clock.Find("time").GetAttribute("datetime"));
        Assert.Empty(clock.FindAll(".govuk-tag--red"));
    }

    [Fact]
    public void One_day_left_is_singular()
    {
        Assert.Equal("1 day left", Clock(Request(daysLeft: 1)).Find(".govuk-tag").TextContent);
    }

    [Fact]
    public void The_days_left_are_the_services_not_counted_from_the_due_date()
    {
        // The due date is weeks away from any real "today"; the page still says what the service read.
        Assert.Equal("3 days left", Clock(Request(daysLeft: 3)).Find(".govuk-tag").TextContent);
    }

    [Fact]
    public void With_0_days_left_a_request_is_due_today_not_overdue()
    {
        var clock = Clock(Request(daysLeft: 0));

        Assert.Equal("Due today", clock.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_request_says_Overdue_by_its_days_in_words_and_in_red()
    {
        var clock = Clock(Request(overdue: true, daysOverdue: 7));

        var tag = clock.Find(".govuk-tag");
        Assert.Equal("Overdue", tag.TextContent);
        Assert.Contains("govuk-tag--red", tag.ClassName, StringComparison.Ordinal);
        Assert.Equal("Overdue by 7 days (due by 28 December 2026)", Words(clock));
    }

    [Fact]
    public void Overdue_by_one_day_is_singular()
    {
        Assert.Equal("Overdue by 1 day (due by 28 December 2026)", Words(Clock(Request(overdue: true, daysOverdue: 1))));
    }

    [Fact]
    public void An_answer_in_time_says_Answered_on_time_and_the_clock_stops()
    {
        var clock = Clock(Request(answeredLate: false, daysLate: 0));

        Assert.Equal("Answered on time", clock.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("left", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_answer_says_by_how_many_days_and_is_not_overdue_now()
    {
        var clock = Clock(Request(answeredLate: true, daysLate: 2));

        Assert.Equal("Answered late", clock.Find(".govuk-tag").TextContent);
        Assert.Equal("Answered late by 2 days (it was due by 28 December 2026)", Words(clock));
        Assert.DoesNotContain("Overdue", clock.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_reading_from_the_service_only_the_due_date_is_said()
    {
        var clock = Clock(Request());

        Assert.Empty(clock.FindAll(".govuk-tag"));
        Assert.Equal("Due by 28 December 2026", Words(clock));
    }

    [Theory]
    [InlineData(5, false, 0, null, null, ClockState.DaysLeft, 5)]
    [InlineData(0, false, 0, null, null, ClockState.DueToday, 0)]
    [InlineData(null, true, 40, null, null, ClockState.Overdue, 40)]
    [InlineData(null, false, 0, false, 0, ClockState.AnsweredOnTime, 0)]
    [InlineData(null, false, 0, true, 3, ClockState.AnsweredLate, 3)]
    public void The_reading_is_the_services_clock_members(int? daysLeft, bool overdue, int daysOverdue, bool? answeredLate, int? daysLate, ClockState state, int days)
    {
        Assert.Equal(new ClockReading(state, days), ClockReading.Of(daysLeft, overdue, daysOverdue, answeredLate, daysLate));
    }

    private static Recommendation Recommendation(string status, DateOnly? dueOn, int? daysLeft = null, bool overdue = false, int daysOverdue = 0) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 1, "The PCT should offer every worker a health check.", Guid.NewGuid(), null, status, dueOn,
            overdue, daysOverdue, null, [], null, daysLeft);

    private IRenderedComponent<ResponseStatus> Response(Recommendation recommendation) =>
        Render<ResponseStatus>(p => p.Add(r => r.Recommendation, recommendation));

    [Fact]
    public void A_response_awaited_shows_its_due_date_and_the_services_days_left()
    {
        var status = Response(Recommendation("awaiting_response", new DateOnly(2026, 12, 12), daysLeft: 12));

        Assert.Equal("Awaiting response", status.Find(".govuk-tag").TextContent);
        Assert.Equal("12 December 2026", status.Find("time").TextContent);
        Assert.Contains("(12 days left)", status.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_due_today_says_so()
    {
        Assert.Contains("(due today)", Response(Recommendation("awaiting_response", new DateOnly(2026, 11, 30), daysLeft: 0)).Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_response_is_written_Overdue_in_red_with_the_days_and_the_date_it_was_due()
    {
        var status = Response(Recommendation("awaiting_response", new DateOnly(2026, 11, 29), overdue: true, daysOverdue: 1));

        var tag = status.Find(".govuk-tag");
        Assert.Equal("Overdue", tag.TextContent);
        Assert.Contains("govuk-tag--red", tag.ClassName, StringComparison.Ordinal);
        Assert.Contains("by 1 day", status.Markup, StringComparison.Ordinal);
        Assert.Equal("29 November 2026", status.Find("time").TextContent);
    }

    [Fact]
    public void A_response_given_shows_no_clock()
    {
        var status = Response(Recommendation("responded", new DateOnly(2026, 11, 27)));

        Assert.Equal("Responded", status.Find(".govuk-tag").TextContent);
        Assert.DoesNotContain("left", status.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", status.Markup, StringComparison.Ordinal);
    }

    /// <summary>The clock's text as read aloud: its words with whitespace collapsed.</summary>
    private static string Words(IRenderedComponent<DueClockTag> clock) =>
        string.Join(' ', clock.Nodes.Select(n => n.TextContent).SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
}
