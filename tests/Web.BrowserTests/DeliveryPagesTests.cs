using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// Delivery and evaluation as the public reads them: the truancy delivery plan (nested actions with their RAG in words,
/// the attendance indicator's chart with its table), the Employco plan's monitoring report and completed evaluation,
/// and a body's seats and memberships.
/// </summary>
[Collection(Browser.Name)]
public sealed class DeliveryPagesTests(BrowserPlatform platform)
{
    public const string TruancyTitle = "Unauthorised absences from school are rising";
    public const string TruancyIndicator = "Attendance at the county's secondary schools";
    public const string EmploycoTitle = "Employco closes its Gloucester plant";

    [Fact]
    public async Task The_truancy_plan_reads_from_its_issue_with_nested_actions_rag_in_words_and_the_indicators_chart_beside_its_table()
    {
        var (issue, plan) = await TruancyPlanAsync(platform);
        var errors = new List<string>();
        var page = await platform.OpenAsync($"/issues/{issue}", errors);

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Delivery plan started") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/delivery-plans/{plan}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(TruancyTitle);
        var recovery = page.Locator("li.concordat-actions__action").Filter(new() { HasText = "An attendance recovery plan" });
        await Expect(recovery.Locator(".govuk-summary-list")).ToContainTextAsync("At risk");
        await Expect(recovery.Locator(".govuk-summary-list")).ToContainTextAsync("Amber");
        var indicator = page.Locator("section.concordat-indicator").Filter(new() { HasText = TruancyIndicator });
        var chart = indicator.Locator("img");
        await Expect(chart).ToHaveAttributeAsync("src", $"/api/cycle/delivery-plans/{plan}/indicators/{await IndicatorAsync(plan)}/trajectory.svg");
        // The chart is drawn (the browser loaded the SVG under the page's content security policy) and its figures are in the table.
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await chart.ElementHandleAsync(), new() { Timeout = 10_000 });
        await Expect(indicator.Locator("table tbody tr").First).ToContainTextAsync("On trajectory");
        await Expect(indicator.Locator("table tbody")).ToContainTextAsync("92.2%");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add an action" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This delivery plan as open data (JSON)" })).ToHaveAttributeAsync("href", $"/api/cycle/delivery-plans/{plan}");
        await BrowserPlatform.ScreenshotAsync(page, "delivery-plan");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_employco_plans_monitoring_report_reads_as_issued_and_its_completed_evaluation_is_public_on_the_issue()
    {
        var issue = await IssueAsync(platform, EmploycoTitle);
        await EvaluatedAsync(issue);
        var page = await platform.OpenAsync($"/issues/{issue}");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Delivery plan started") }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Monitoring report at") }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Monitoring report at");
        await Expect(page.Locator("main")).ToContainTextAsync("Indicator behind trajectory:");
        await BrowserPlatform.ScreenshotAsync(page, "monitoring-report");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync($"/issues/{issue}");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Evaluation by") }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(EmploycoTitle);
        await Expect(page.Locator("table")).ToContainTextAsync("Former Employco workers in work or training");
        await Expect(page.Locator("table .govuk-tag").First).ToHaveTextAsync(new Regex("^(Achieved|Not achieved)$"));
        await Expect(page.GetByText("Support for a closing employer's workforce reaches more people")).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(page, "evaluation");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_bodys_seats_and_memberships_are_public_and_its_clerks_buttons_are_for_the_signed_in()
    {
        var cseb = await BodyAsync(platform, "CSEB");
        var page = await platform.OpenAsync($"/bodies/{cseb}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Keep its seats and memberships (the clerk)" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Seats and memberships");
        // The clerk's buttons are for people signed in; the public reads the same seats and members.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add a seat" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#members ~ table tbody tr").First).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(page, "body-memberships");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>The demo's truancy issue and its delivery plan, once the demo has entered the plan's two actuals.</summary>
    public static async Task<(Guid Issue, Guid Plan)> TruancyPlanAsync(BrowserPlatform platform)
    {
        var issue = await IssueAsync(platform, TruancyTitle);
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var plan = await Eventually.ReturnsAsync(async () =>
        {
            var plans = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/delivery-plans");
            if (plans.GetProperty("items").EnumerateArray().FirstOrDefault() is not { ValueKind: JsonValueKind.Object } first)
            {
                return null;
            }

            var id = first.GetProperty("id").GetGuid();
            var body = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{id}");
            return body.GetProperty("indicators").EnumerateArray().Any(i => i.GetProperty("actuals").GetArrayLength() >= 2) ? id.ToString() : null;
        }, TimeSpan.FromMinutes(4), "the demo's truancy delivery plan with its actuals");
        return (issue, Guid.Parse(plan));
    }

    public static async Task<Guid> IssueAsync(BrowserPlatform platform, string title)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var id = await Eventually.ReturnsAsync(async () =>
        {
            string? cursor = null;
            do
            {
                var page = await gateway.GetFromJsonAsync<JsonElement>("/api/cycle/issues?limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                if (page.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("title").GetString() == title) is { ValueKind: JsonValueKind.Object } found)
                {
                    return found.GetProperty("id").GetString();
                }

                cursor = page.TryGetProperty("next", out var next) ? next.GetString() : null;
            }
            while (cursor is not null);
            return null;
        }, TimeSpan.FromMinutes(4), $"the demo's issue \"{title}\"");
        return Guid.Parse(id);
    }

    public static async Task<Guid> BodyAsync(BrowserPlatform platform, string shortName)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var bodies = await gateway.GetFromJsonAsync<JsonElement>($"/api/registry/bodies?q={Uri.EscapeDataString(shortName)}&limit=50");
        return bodies.GetProperty("items").EnumerateArray()
            .First(b => b.TryGetProperty("shortName", out var s) && s.GetString() == shortName).GetProperty("id").GetGuid();
    }

    private async Task<string> IndicatorAsync(Guid plan)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var body = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}");
        return body.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("name").GetString() == TruancyIndicator).GetProperty("id").GetString()!;
    }

    private async Task EvaluatedAsync(Guid issue)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            var evaluations = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/issues/{issue}/evaluations");
            return evaluations.GetProperty("items").GetArrayLength() > 0;
        }, TimeSpan.FromMinutes(4), "the demo's Employco evaluation to be completed");
    }
}
