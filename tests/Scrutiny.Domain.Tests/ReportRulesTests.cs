using Concordat.Contracts.Scrutiny;
using Concordat.Scrutiny.Clocks;
using Concordat.Scrutiny.InformationRequests;
using Concordat.Scrutiny.Reports;

namespace Concordat.Scrutiny.Domain.Tests;

/// <summary>Reports, recommendations and information requests: publication once, responses once, progress on accepted ones, one chase a day.</summary>
public sealed class ReportRulesTests
{
    // 31 August 2026, 10:00 BST: responses fall due on 31 October.
    private static readonly DateTimeOffset Now = new(2026, 8, 31, 9, 0, 0, TimeSpan.Zero);

    private static (Report Report, List<Recommendation> Recommendations) Drafted() => Report.Draft(
        Guid.CreateVersion7(), "Out-of-county placements", "Findings.", null, ScrutinyRegimeOptions.England2009,
        [new RecommendationDraft("Commission local places.", Guid.CreateVersion7(), null), new RecommendationDraft("Share data.", null, Guid.CreateVersion7())],
        "Martin Coles", Now);

    private static (Report Report, List<Recommendation> Recommendations) Published()
    {
        var (report, recommendations) = Drafted();
        Assert.Null(report.Publish(recommendations, new ScrutinyRegime(), "Martin Coles", Now));
        return (report, recommendations);
    }

    [Fact]
    public void Publishing_sets_each_response_due_two_calendar_months_from_the_UK_day()
    {
        var (report, recommendations) = Published();

        Assert.Equal(new DateOnly(2026, 8, 31), report.PublishedOn);
        Assert.All(recommendations, r => Assert.Equal(new DateOnly(2026, 10, 31), r.ResponseDueOn));
        var published = Assert.IsType<ReportPublished>(Assert.Single(report.TakeEvents()).Event);
        Assert.Equal([1, 2], published.Recommendations.Select(r => r.Number));
    }

    [Fact]
    public void A_report_is_published_once()
    {
        var (report, recommendations) = Published();

        Assert.Equal(Report.AlreadyPublished, report.Publish(recommendations, new ScrutinyRegime(), "Martin Coles", Now.AddDays(1))?.Rule);
        Assert.Equal(Report.AlreadyPublished, report.MayRemove()?.Rule);
    }

    [Fact]
    public void A_recommendation_is_responded_to_once_and_a_late_response_says_so()
    {
        var (_, recommendations) = Published();
        var late = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Null(recommendations[0].Respond(ResponseOutcome.Rejected, "No.", [], "PCT", late));
        var responded = Assert.IsType<RecommendationResponded>(Assert.Single(recommendations[0].TakeEvents()).Event);

        Assert.True(responded.Late);
        Assert.Equal("rejected", responded.Outcome);
        Assert.Equal(Recommendation.AlreadyResponded, recommendations[0].Respond(ResponseOutcome.Accepted, "Yes.", [], "PCT", late)?.Rule);
    }

    [Fact]
    public void Progress_is_tracked_on_an_accepted_recommendation_to_completion_only()
    {
        var (_, recommendations) = Published();
        recommendations[1].Respond(ResponseOutcome.Rejected, "No.", [], "CSP", Now);
        recommendations[0].Respond(ResponseOutcome.Accepted, "Yes.", [new PlannedAction { Action = "Commission.", TargetOn = new DateOnly(2027, 3, 31) }], "PCT", Now);

        Assert.Equal(Recommendation.NotAccepted, recommendations[1].ReportProgress("Nothing.", true, "CSP", Now)?.Rule);
        Assert.Null(recommendations[0].ReportProgress("Half done.", false, "PCT", Now));
        Assert.Null(recommendations[0].ReportProgress("Done.", true, "PCT", Now));
        Assert.Equal(Recommendation.AlreadyCompleted, recommendations[0].ReportProgress("Again.", true, "PCT", Now)?.Rule);
        Assert.Single(recommendations[0].TakeEvents(), e => e.Event is RecommendationCompleted);
    }

    [Fact]
    public void An_overdue_response_is_chased_once_a_day_and_not_on_its_due_date()
    {
        var (_, recommendations) = Published();
        var due = new DateOnly(2026, 10, 31);

        Assert.False(recommendations[0].Chase(due));
        Assert.True(recommendations[0].Chase(due.AddDays(1)));
        Assert.False(recommendations[0].Chase(due.AddDays(1)));
        Assert.True(recommendations[0].Chase(due.AddDays(2)));
        Assert.Equal([1, 2], recommendations[0].TakeEvents().Select(e => ((ResponseOverdue)e.Event).DaysOverdue));
    }

    [Fact]
    public void A_draft_recommendation_is_never_chased()
    {
        var (_, recommendations) = Drafted();

        Assert.False(recommendations[0].Chase(new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void An_information_request_is_answered_once_and_chased_only_while_unanswered()
    {
        var request = InformationRequest.Send(Guid.CreateVersion7(), Guid.CreateVersion7(), "How many?", (ScrutinyRegimeOptions.England2009, new ScrutinyRegime()),
            new DateOnly(2026, 8, 1), "Martin Coles", Now);

        Assert.Equal(new DateOnly(2026, 8, 29), request.DueOn);
        Assert.True(request.Chase(new DateOnly(2026, 8, 31)));
        Assert.Null(request.Provide("Forty-two.", "PCT", Now));
        Assert.Equal(InformationRequest.AlreadyAnswered, request.Provide("Again.", "PCT", Now)?.Rule);
        Assert.False(request.Chase(new DateOnly(2026, 9, 1)));
        Assert.True(Assert.IsType<InformationProvided>(request.TakeEvents()[^1].Event).Late);
    }
}
