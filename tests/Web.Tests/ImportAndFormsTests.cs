using Concordat.Web.Apis;
using Concordat.Web.Components;
using Concordat.Web.Delivery;
using Concordat.Web.Evaluations;
using Concordat.Web.Memberships;

namespace Concordat.Web.Tests;

/// <summary>The CSV import's dry run and result as a clerk reads them, and what the delivery, evaluation and membership forms make of what was typed.</summary>
public sealed class ImportAndFormsTests : BunitContext
{
    private static readonly Guid Action = Guid.NewGuid();

    private static CsvImportResult Result(bool dryRun) => new(dryRun, 1, 1, 2,
    [
        new CsvRowOutcome(2, Action, "changed", [new CsvFieldChange("status", "at_risk", "on_track"), new CsvFieldChange("note", null, "The head has started.")]),
        new CsvRowOutcome(3, Guid.NewGuid(), "unchanged", []),
        new CsvRowOutcome(4, Guid.NewGuid(), "unchanged", []),
        new CsvRowOutcome(5, null, "added", [new CsvFieldChange("title", null, "Truancy sweeps in Gloucester")]),
    ]);

    [Fact]
    public void A_dry_run_says_what_would_change_row_by_row_and_counts_the_unchanged_rows_without_listing_them()
    {
        var rows = Render<ImportRows>(p => p.Add(r => r.Result, Result(dryRun: true)).Add(r => r.What, "action")
            .Add(r => r.Name, id => id == Action ? "An attendance recovery plan" : null));

        Assert.Equal("This import would add 1 action, change 1 row and leave 2 rows unchanged.", rows.Find("#import-summary").TextContent);
        Assert.Equal("What would change", rows.Find("caption").TextContent);
        var lines = rows.FindAll("tbody tr");
        Assert.Equal(2, lines.Count);
        Assert.Equal("An attendance recovery plan", lines[0].QuerySelector("th")!.TextContent);
        Assert.Equal("Would change", lines[0].QuerySelector(".govuk-tag")!.TextContent);
        Assert.Equal(["status: at_risk → on_track", "note: (empty) → The head has started."], lines[0].QuerySelectorAll("li").Select(l => l.TextContent));
        Assert.Equal("Row 5", lines[1].QuerySelector("th")!.TextContent);
        Assert.Equal("Would be added", lines[1].QuerySelector(".govuk-tag")!.TextContent);
    }

    [Fact]
    public void The_result_says_what_changed_in_the_past_tense()
    {
        var rows = Render<ImportRows>(p => p.Add(r => r.Result, Result(dryRun: false)).Add(r => r.What, "action"));

        Assert.Equal("The import added 1 action, changed 1 row and left 2 rows unchanged.", rows.Find("#import-summary").TextContent);
        Assert.Equal("What changed", rows.Find("caption").TextContent);
        Assert.Equal("Changed", rows.Find("tbody .govuk-tag").TextContent);
    }

    [Fact]
    public void A_file_that_matches_the_plan_says_nothing_would_change_and_lists_no_rows()
    {
        var rows = Render<ImportRows>(p => p.Add(r => r.Result, new CsvImportResult(true, 0, 0, 3, [])).Add(r => r.What, "indicator"));

        Assert.Equal("Nothing would change: the file matches the plan (3 rows unchanged).", rows.Find("#import-summary").TextContent);
        Assert.Empty(rows.FindAll("table"));
    }

    [Fact]
    public void The_cycles_row_and_column_errors_become_rows_the_error_summary_links_to()
    {
        var problem = new ServiceProblem("The file has errors", null, new Dictionary<string, string[]>
        {
            ["actions[4].dueOn"] = ["Not a date as yyyy-mm-dd."],
            ["actions[3].status"] = ["One of not_started, on_track, at_risk, off_track, done, dropped."],
            ["actions[1]"] = ["Unknown column."],
        });

        var errors = ImportPage.RowError.Of(problem);

        Assert.Equal([1, 3, 4], errors.Select(e => e.Row));
        Assert.Equal(["(the row)", "status", "dueOn"], errors.Select(e => e.Column));
        Assert.Equal("actions[3].status", errors[1].Key);
    }

    [Fact]
    public void Targets_are_typed_one_a_line_and_a_line_that_is_not_one_is_named()
    {
        var (targets, error) = DeliveryForms.Targets("2027-01 92.4\n\n2027-02\t92.7\r\n2027-Q1, 93");

        Assert.Null(error);
        Assert.Equal([new PeriodValue("2027-01", 92.4m), new PeriodValue("2027-02", 92.7m), new PeriodValue("2027-Q1", 93m)], targets);
        Assert.Equal("Line 2 must be a period and a value, like 2027-01 92.4.", DeliveryForms.Targets("2027-01 92.4\n2027-02 lots").Error);
    }

    [Fact]
    public void An_evaluation_form_leaves_blank_rows_out_and_refuses_a_figure_that_is_not_a_number_by_its_field()
    {
        var form = new EvaluationForm
        {
            Summary = "  Advice reached most workers.  ",
            Indicators = [new() { Name = "Workers re-employed", Unit = "%", Intended = "40", Achieved = "35" }],
            Objectives = [new() { Objective = "Advise every worker", WhatWorked = "Two centres" }, new()],
            Recommendations = [new() { Text = "Plan college places early." }, new() { Text = " " }],
            Lessons = [new() { Statement = "Retraining needs places planned.", Evidence = "Half were filled.", Themes = "economy, skills" }, new()],
        };

        var (content, errors) = form.ToContent();

        Assert.Empty(errors);
        Assert.Equal("Advice reached most workers.", content!.Summary);
        Assert.Equal(40m, content.Indicators![0].Intended);
        Assert.Single(content.Objectives!);
        Assert.Equal(["Plan college places early."], content.Recommendations);
        Assert.Equal(["economy", "skills"], content.Lessons!.Single().Themes);

        form.Indicators[0].Achieved = "about a third";
        var (refused, why) = form.ToContent();
        Assert.Null(refused);
        Assert.Equal(["indicators[0].achieved"], why.Keys);
    }

    [Fact]
    public void A_draft_read_into_the_form_gets_one_blank_objective_recommendation_and_lesson_to_fill()
    {
        var evaluation = new Evaluation(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "CSEB", null,
            [new IndicatorAssessment(Guid.NewGuid(), Guid.NewGuid(), "Attendance", "%", "higher", "2026-10", 92.1m, 92.2m, true, null)],
            [], null, [], [], "Joanna Pryce", null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "\"12\"");

        var form = EvaluationForm.From(evaluation);

        Assert.Equal("\"12\"", form.Version);
        Assert.Equal("92.1", form.Indicators.Single().Intended);
        Assert.Single(form.Objectives);
        Assert.True(form.Objectives[0].IsBlank);
        Assert.Single(form.Recommendations);
        Assert.Single(form.Lessons);
        Assert.Same(form, form.WithBlankRows());
        Assert.Single(form.Lessons);
    }

    [Fact]
    public void A_seat_rules_refusal_is_linked_to_the_field_it_is_about()
    {
        var problem = new ServiceProblem("The seat is full.", "'District LSP representative' has all 6 places held.", new Dictionary<string, string[]>());

        var linked = MembershipWords.WithRuleField(problem, """{"title":"The seat is full.","rule":"seat-full"}""");

        Assert.Equal(["'District LSP representative' has all 6 places held."], linked!.ErrorsFor("seatId"));
        Assert.Same(problem, MembershipWords.WithRuleField(problem, """{"title":"Conflict","rule":"stale-version"}"""));
    }
}
