using Concordat.Web.Apis;
using Concordat.Web.Delivery;

namespace Concordat.Web.Tests;

/// <summary>A delivery plan as the public reads it: nested actions with their RAG and status in words, and each indicator's figures beside its chart.</summary>
public sealed class DeliveryComponentsTests : BunitContext
{
    private static readonly Guid Plan = Guid.NewGuid();
    private static readonly Guid Education = Guid.NewGuid();
    private static readonly Guid Cheltenham = Guid.NewGuid();

    private static DeliveryAction Action(string title, Guid? parent = null, string status = "on_track", string? rag = "green", string? shown = null,
        string? rolledUp = null, bool overdue = false, bool overridden = false, string? overrideReason = null) =>
        new(Guid.NewGuid(), Plan, parent, Education, null, title, new DateOnly(2026, 12, 14), overdue, status, rag, rag is null ? null : "Meeting as planned.",
            rolledUp ?? rag, shown ?? rag, overridden, overrideReason, overridden ? "Joanna Pryce" : null, 50,
            [new ProgressUpdate(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), "Joanna Pryce", "Both schools share their registers weekly.", 50, status, rag)],
            DateTimeOffset.UtcNow);

    private IRenderedComponent<ActionList> Show(params DeliveryAction[] actions) =>
        Render<ActionList>(p => p
            .Add(a => a.Nodes, ActionNode.Of(actions))
            .Add(a => a.Organisation, id => id == Education ? "Gloucestershire County Council" : "Cheltenham Borough Council")
            .Add(a => a.Body, _ => "Cheltenham LSP")
            .Add(a => a.UpdateLinks, true));

    [Theory]
    [InlineData("red", "Red", "govuk-tag--red")]
    [InlineData("amber", "Amber", "govuk-tag--orange")]
    [InlineData("green", "Green", "govuk-tag--green")]
    [InlineData(null, "Not rated", "govuk-tag--grey")]
    public void A_rag_rating_is_written_in_words_with_its_colour_as_a_help(string? rag, string words, string colour)
    {
        var tag = Render<RagTag>(p => p.Add(t => t.Rag, rag)).Find("strong");

        Assert.Equal(words, tag.TextContent);
        Assert.Contains(colour, tag.ClassList);
    }

    [Fact]
    public void Actions_are_nested_under_their_parent_with_status_rag_progress_and_an_update_link()
    {
        var parent = Action("First-day follow-up in every school", status: "at_risk", rag: "green", shown: "amber", rolledUp: "amber");
        var child = Action("Cheltenham's joint attendance group", parent.Id, status: "at_risk", rag: "amber");
        var other = Action("Young carers' support workers");

        var list = Show(child, parent, other);

        var top = list.Find("ol.concordat-actions").Children;
        Assert.Equal(2, top.Length);
        Assert.Equal("First-day follow-up in every school", top[0].QuerySelector("h3")!.TextContent);
        var nested = top[0].QuerySelectorAll("ol.concordat-actions li");
        Assert.Single(nested);
        Assert.Equal("Cheltenham's joint attendance group", nested[0].QuerySelector("h3")!.TextContent);
        // The parent shows the amber rolled up from its step, and says so; its own rating stays visible.
        Assert.Contains("Amber", top[0].QuerySelector(".govuk-summary-list")!.TextContent);
        Assert.Contains("rolled up from its actions (its own: Green)", top[0].TextContent);
        Assert.Contains("At risk", top[0].TextContent);
        Assert.Contains("Both schools share their registers weekly.", top[0].TextContent);
        Assert.Equal($"/delivery-plans/{Plan}/actions/{parent.Id}/progress", top[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void An_overdue_action_says_so_in_words_and_an_override_says_who_and_why()
    {
        var list = Show(Action("An attendance recovery plan", status: "off_track", rag: "amber", shown: "red", rolledUp: "amber", overdue: true, overridden: true,
            overrideReason: "The head's start is delayed again."));

        var item = list.Find("li");
        Assert.Contains("Overdue", item.QuerySelector("p")!.TextContent);
        Assert.Contains("Off track", item.TextContent);
        Assert.Contains("set by the lead body (Joanna Pryce): The head's start is delayed again.", item.TextContent);
        Assert.Contains("Rolled up from its own and its actions' ratings: Amber.", item.TextContent);
    }

    [Fact]
    public void An_action_whose_parent_is_not_listed_is_shown_at_the_top_rather_than_lost()
    {
        var orphan = Action("Orphan", Guid.NewGuid());

        Assert.Single(ActionNode.Of([orphan]));
    }

    [Fact]
    public void An_indicator_shows_the_cycles_chart_and_beside_it_a_table_of_the_same_figures_with_the_judgement_in_words()
    {
        var indicator = new Indicator(Guid.NewGuid(), "Secondary school attendance", "%", "higher", "NI 87", Education, 91.6m, new DateOnly(2026, 9, 1),
            [new PeriodValue("2026-09", 91.8m), new PeriodValue("2026-10", 92.1m), new PeriodValue("2026-11", 92.4m)],
            [new Actual("2026-09", 91.9m, null, DateTimeOffset.UtcNow, "Joanna Pryce"), new Actual("2026-10", 92.0m, null, DateTimeOffset.UtcNow, "Joanna Pryce")], "behind_trajectory");
        var trajectory = new IndicatorTrajectory(indicator.Id, indicator.Name, "%", "higher", 91.6m, indicator.BaselineOn,
            [new TrajectoryPoint("2026-09", 91.8m, 91.9m, true), new TrajectoryPoint("2026-10", 92.1m, 92.0m, false), new TrajectoryPoint("2026-11", 92.4m, null, null)],
            "behind_trajectory");

        var figures = Render<IndicatorFigures>(p => p.Add(f => f.Indicator, indicator).Add(f => f.PlanId, Plan).Add(f => f.Trajectory, trajectory).Add(f => f.Owner, "Gloucestershire County Council"));

        var chart = figures.Find("img");
        Assert.Equal($"/api/cycle/delivery-plans/{Plan}/indicators/{indicator.Id}/trajectory.svg", chart.GetAttribute("src"));
        Assert.Contains("table beside it", chart.GetAttribute("alt"));
        var rows = figures.FindAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["2026-09", "91.8%", "91.9%", "On trajectory"], rows[0]);
        Assert.Equal(["2026-10", "92.1%", "92%", "Behind trajectory"], rows[1]);
        Assert.Equal(["2026-11", "92.4%", "", "No actual yet"], rows[2]);
        Assert.Contains("Behind trajectory", figures.Find(".govuk-tag").TextContent);
    }

    [Fact]
    public void A_reports_snapshot_shows_its_figures_without_todays_chart_or_a_judgement_it_did_not_make()
    {
        var indicator = new Indicator(Guid.NewGuid(), "Workers re-employed", "%", "higher", null, Cheltenham, 0m, new DateOnly(2026, 9, 1),
            [new PeriodValue("2026-10", 20m)], [new Actual("2026-10", 18m, null, DateTimeOffset.UtcNow, "x")], "behind_trajectory");

        var figures = Render<IndicatorFigures>(p => p.Add(f => f.Indicator, indicator).Add(f => f.PlanId, Plan).Add(f => f.Chart, false));

        Assert.Empty(figures.FindAll("img"));
        Assert.Equal(3, figures.FindAll("thead th").Count);
        Assert.Equal(["2026-10", "20%", "18%"], figures.FindAll("tbody tr")[0].Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void A_milestone_past_its_date_and_not_achieved_reads_missed_and_its_slips_are_listed()
    {
        var milestone = new Milestone(Guid.NewGuid(), "Both advice centres open", new DateOnly(2026, 11, 20), null, 1,
        [
            new MilestoneDate(new DateOnly(2026, 11, 16), DateTimeOffset.UtcNow, "Joanna Pryce", null),
            new MilestoneDate(new DateOnly(2026, 11, 20), new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero), "Joanna Pryce", "The lease waited."),
        ]);

        var table = Render<MilestonesTable>(p => p.Add(t => t.Milestones, [milestone]).Add(t => t.Today, new DateOnly(2026, 11, 30)));

        var cells = table.FindAll("tbody td");
        Assert.Equal("Missed", cells[1].QuerySelector("strong")!.TextContent);
        Assert.Contains("Slipped once", cells[2].TextContent);
        Assert.Contains("Moved to 20 November 2026 on 10 November 2026 by Joanna Pryce: The lease waited.", cells[2].TextContent);
    }
}
