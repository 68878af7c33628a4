using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>Scrutiny's published reports and the lessons library, as the public reads them.</summary>
[Collection(Browser.Name)]
public sealed class ScrutinyAndLessonsPagesTests(BrowserPlatform platform)
{
    private const string ReportTitle = "Supporting Employco's workforce: the partnerships' response";
    private const string EmploycoLesson = "Support for a closing employer's workforce reaches more people when it is delivered where they live, not only at the plant gates.";

    [Fact]
    public async Task The_joint_scrutiny_report_shows_its_two_recommendations_and_the_response_given()
    {
        // The joint scrutiny demo plays after the Employco decision: the page is read once its report is published and answered.
        await PublishedAsync("/api/scrutiny/reports?limit=200", r => r.GetProperty("title").GetString() == ReportTitle
            && r.GetProperty("recommendations").EnumerateArray().Any(x => x.GetProperty("status").GetString() == "responded"), "the joint scrutiny report and its response");
        var errors = new List<string>();
        var page = await platform.OpenAsync("/", errors);
        await page.GetByRole(AriaRole.Link, new() { Name = "Scrutiny reports" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Scrutiny reports");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/scrutiny/reports"));
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-reports");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Filtered to the joint committee, in the address so the view can be shared: its report stays, the open data follows.
        await page.GetByLabel("Committee").SelectOptionAsync(new SelectOptionValue { Label = "Gloucestershire Joint Partnerships Overview and Scrutiny Committee" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/scrutiny/reports\?committee=[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = ReportTitle })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/scrutiny/committees/[0-9a-f-]{36}/reports"));
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = ReportTitle }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(ReportTitle);
        var recommendations = page.Locator(".govuk-summary-card");
        await Expect(recommendations).ToHaveCountAsync(2);
        // To the PCT, named from the registry, awaiting its response with the date it is due, in UK words.
        await Expect(recommendations.Nth(0)).ToContainTextAsync("Gloucestershire Primary Care Trust");
        await Expect(recommendations.Nth(0)).ToContainTextAsync("Awaiting response");
        await Expect(recommendations.Nth(0).Locator("time").First).ToHaveTextAsync(new Regex(@"^\d{1,2} [A-Z][a-z]+ \d{4}$"));
        // To the Safer and Stronger Communities Partnership, which accepted it with an action plan.
        await Expect(recommendations.Nth(1)).ToContainTextAsync("Safer and Stronger Communities Partnership");
        await Expect(recommendations.Nth(1)).ToContainTextAsync("Accepted");
        await Expect(recommendations.Nth(1)).ToContainTextAsync("Add the affected wards to the partnership's quarterly community safety dashboard.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/scrutiny/reports/[0-9a-f-]{36}$"));
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-report");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Searching_the_lessons_library_for_worklessness_finds_the_Employco_lesson()
    {
        await PublishedAsync("/api/cycle/lessons?limit=200", l => l.GetProperty("statement").GetString() == EmploycoLesson, "the Employco lesson");
        var page = await platform.OpenAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Lessons" }).ClickAsync();

        await page.GetByLabel("Search the lessons").FillAsync("worklessness");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/lessons\?q=worklessness"));
        var lesson = page.Locator(".govuk-summary-card").Filter(new() { HasText = EmploycoLesson });
        await Expect(lesson).ToHaveCountAsync(1);
        await Expect(lesson.GetByRole(AriaRole.Link, new() { Name = "Employco closes its Gloucester plant" })).ToHaveAttributeAsync("href", new Regex(@"^/issues/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/cycle/lessons\?q=worklessness"));
        await BrowserPlatform.ScreenshotAsync(page, "lessons");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // A search that matches nothing says so.
        await page.GetByLabel("Search the lessons").FillAsync("zeppelins");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("No lesson matches.")).ToBeVisibleAsync();
    }

    private async Task PublishedAsync(string list, Func<JsonElement, bool> match, string what)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync(list);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return page.RootElement.GetProperty("items").EnumerateArray().Any(match);
        }, TimeSpan.FromMinutes(4), what);
    }
}
