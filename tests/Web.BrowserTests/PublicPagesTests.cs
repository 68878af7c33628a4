using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>What a member of the public reads, without signing in, at the platform's one address.</summary>
[Collection(Browser.Name)]
public sealed partial class PublicPagesTests(BrowserPlatform platform)
{
    [Fact]
    public async Task The_home_page_opens_at_the_gateway_root_and_names_the_service()
    {
        var errors = new List<string>();
        var page = await platform.OpenAsync("/", errors);

        await Expect(page.Locator(".govuk-service-navigation__service-name")).ToHaveTextAsync("Concordat");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Concordat");
        await Expect(page).ToHaveTitleAsync(new Regex("^Home – Concordat"));
        await BrowserPlatform.ScreenshotAsync(page, "home");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        // The pages' scripts run under the gateway's content security policy, with nothing refused.
        await Expect(page.Locator("body.govuk-frontend-supported")).ToHaveCountAsync(1);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_partnerships_list_shows_the_GSP_and_its_page_shows_its_members()
    {
        var errors = new List<string>();
        var page = await platform.OpenAsync("/", errors);
        await page.GetByRole(AriaRole.Link, new() { Name = "Partnerships and their members" }).ClickAsync();

        var gsp = page.GetByRole(AriaRole.Link, new() { Name = "Gloucestershire Strategic Partnership", Exact = true });
        await Expect(gsp).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(page, "bodies");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await gsp.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gloucestershire Strategic Partnership");
        var members = page.GetByRole(AriaRole.Table, new() { Name = "Members of Gloucestershire Strategic Partnership" });
        await Expect(members.GetByRole(AriaRole.Row).Filter(new() { HasText = "Anne Whitcombe" })).ToContainTextAsync("Chair");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", ApiComposition());
        await BrowserPlatform.ScreenshotAsync(page, "body");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        // Enhanced navigation (the two clicks) ran under the content security policy without a refusal.
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_bodies_filters_are_in_the_address_so_a_view_can_be_shared()
    {
        var page = await platform.OpenAsync("/bodies");
        await page.GetByLabel("Tier").SelectOptionAsync("district");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("tier=district"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Gloucestershire Strategic Partnership", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex(@"^/api/registry/bodies\?.*tier=district"));
    }

    [Fact]
    public async Task The_decision_register_lists_the_Employco_decision_with_its_outcome_in_UK_dates()
    {
        var page = await platform.OpenAsync("/decisions");

        var decision = page.Locator(".govuk-summary-card").Filter(new() { HasText = BrowserPlatform.EmploycoDecision });
        await Expect(decision).ToHaveCountAsync(1);
        await Expect(decision).ToContainTextAsync("Approved with amendments");
        await Expect(decision).ToContainTextAsync("Accountable Bodies Group");
        // "30 November 2026": the day in London, month in words, as GOV.UK writes dates.
        await Expect(decision.Locator("time").First).ToHaveTextAsync(UkDate());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex("^/api/cycle/decisions"));
        // The feed is offered on the page and to feed readers in its head, and it carries the decision.
        var feed = page.GetByRole(AriaRole.Link, new() { Name = "New decisions as a feed (Atom)" });
        await Expect(feed).ToHaveAttributeAsync("href", "/api/cycle/decisions.atom");
        await Expect(page.Locator("head link[rel=alternate][type='application/atom+xml']")).ToHaveAttributeAsync("href", "/api/cycle/decisions.atom");
        var atom = await page.APIRequest.GetAsync("/api/cycle/decisions.atom");
        Assert.Contains(BrowserPlatform.EmploycoDecision, await atom.TextAsync(), StringComparison.Ordinal);
        await BrowserPlatform.ScreenshotAsync(page, "decisions");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_forward_plan_opens_with_its_open_data_link()
    {
        var page = await platform.OpenAsync("/forward-plan");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Forward plan");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "This page as open data (JSON)" })).ToHaveAttributeAsync("href", new Regex("^/api/cycle/forward-plan"));
        await BrowserPlatform.ScreenshotAsync(page, "forward-plan");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_keyboard_user_reaches_the_main_content_by_the_skip_link()
    {
        var page = await platform.OpenAsync("/decisions");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main")).ToBeFocusedAsync();
        Assert.Equal("main-content", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/no-such-file.txt")]
    [InlineData("/bodies/0190a1b2-0000-7000-8000-00000000dead")]
    public async Task An_unknown_address_is_a_404_page_not_JSON(string path)
    {
        var context = await platform.Browser.NewContextAsync(new() { BaseURL = platform.Platform.Gateway.ToString() });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(path);

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", await response.HeaderValueAsync("content-type"), StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        if (path == "/no-such-page" || path.StartsWith("/bodies", StringComparison.Ordinal))
        {
            await BrowserPlatform.ScreenshotAsync(page, "not-found" + (path.StartsWith("/bodies", StringComparison.Ordinal) ? "-body" : ""));
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private static Regex ApiComposition() => CompositionLink();

    private static Regex UkDate() => UkDatePattern();

    [GeneratedRegex(@"^/api/registry/bodies/[0-9a-f-]{36}/composition$")]
    private static partial Regex CompositionLink();

    [GeneratedRegex(@"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$")]
    private static partial Regex UkDatePattern();
}
