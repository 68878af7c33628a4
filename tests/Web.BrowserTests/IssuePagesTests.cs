using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>An issue's story as the public reads it, from the decision register to the issue's page, and the issues list.</summary>
[Collection(Browser.Name)]
public sealed class IssuePagesTests(BrowserPlatform platform)
{
    private const string EmploycoTitle = "Employco closes its Gloucester plant";
    private const string FollowUpTitle = "The future of Gloucestershire's precision engineering sector";

    [Fact]
    public async Task The_Employco_issue_page_tells_its_story_from_raising_to_the_follow_up()
    {
        var errors = new List<string>();
        var page = await platform.OpenAsync("/decisions", errors);
        var decision = page.Locator(".govuk-summary-card").Filter(new() { HasText = BrowserPlatform.EmploycoDecision });
        var href = await decision.GetByRole(AriaRole.Link, new() { Name = "The issue this decides, and its story" }).GetAttributeAsync("href");
        Assert.Matches("^/issues/[0-9a-f-]{36}$", href);
        // The demo goes on past the decision, to evaluation and a follow-up: the story is read once it has been told.
        await FollowUpRaisedAsync(href!);

        await decision.GetByRole(AriaRole.Link, new() { Name = "The issue this decides, and its story" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(EmploycoTitle);
        var story = page.Locator("ol.concordat-story > li");
        // Raised for the bodies that hold it, by name; moved on; decided by the ABG; a follow-up raised, linked.
        await Expect(story.First).ToContainTextAsync("Raised for");
        await Expect(story.First).ToContainTextAsync("Gloucestershire First");
        await Expect(story.Filter(new() { HasText = "Moved from" }).First).ToBeVisibleAsync();
        await Expect(story.Filter(new() { HasText = "Moved from authorisation" }).First).ToContainTextAsync("to implementation");
        await Expect(story.Filter(new() { HasText = "Accountable Bodies Group published its decision" }).First).ToBeVisibleAsync();
        var followUp = story.Filter(new() { HasText = "A follow-up issue was raised" });
        await Expect(followUp).ToContainTextAsync(FollowUpTitle);
        await Expect(story.Locator("time").First).ToHaveTextAsync(new Regex(@"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This issue's timeline as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/cycle/issues/[0-9a-f-]{36}/timeline"));
        await BrowserPlatform.ScreenshotAsync(page, "issue");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await followUp.GetByRole(AriaRole.Link, new() { Name = "The follow-up issue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(FollowUpTitle);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "An earlier issue" })).ToHaveAttributeAsync("href", href!);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_issues_list_filters_by_stage_in_the_address_and_links_each_issue()
    {
        var page = await platform.OpenAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Issues" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Issues");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = EmploycoTitle, Exact = true })).ToHaveCountAsync(1);
        await BrowserPlatform.ScreenshotAsync(page, "issues");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("Stage").SelectOptionAsync("deliberation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("stage=deliberation"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = FollowUpTitle, Exact = true })).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = EmploycoTitle, Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/cycle/issues\?stage=deliberation"));
    }

    [Fact]
    public async Task An_issue_the_cycle_does_not_have_is_a_404_page()
    {
        var page = await platform.Browser.NewPageAsync(new() { BaseURL = platform.Platform.Gateway.ToString() });
        var response = await page.GotoAsync("/issues/0190a1b2-0000-7000-8000-00000000dead");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
    }

    private async Task FollowUpRaisedAsync(string issuePage)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/cycle{issuePage}/timeline?limit=200");
            using var timeline = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return timeline.RootElement.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "follow_up_raised");
        }, TimeSpan.FromMinutes(3), "the demo's Employco follow-up to be raised");
    }
}
