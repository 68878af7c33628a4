using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>Signing in at the development provider's page, as a person would, with the keyboard and the mouse; and out again.</summary>
[Collection(Browser.Name)]
public sealed class SignInTests(BrowserPlatform platform)
{
    [Fact]
    public async Task Joanna_Pryce_signs_in_on_the_development_page_sees_her_name_and_signs_out()
    {
        var errors = new List<string>();
        var page = await platform.OpenAsync("/", errors);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // The provider's page: for development only, the demo people, chosen with the keyboard.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in as a demo person");
        await Expect(page.GetByText("Development only")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Joanna Pryce")).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(page, "sign-in");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Joanna Pryce").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByLabel("Joanna Pryce")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // Back on the platform, signed in.
        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(platform.Platform.Gateway.ToString())));
        await Expect(page.GetByText("Signed in as")).ToContainTextAsync("Joanna Pryce");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "My bodies" })).ToBeVisibleAsync();
        var session = (await page.Context.CookiesAsync()).Single(c => c.Name.StartsWith("concordat-session", StringComparison.Ordinal));
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        // Sign out is a form's button (a POST with the antiforgery token), reached with the keyboard like a link.
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await signOut.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Through the provider's end-session endpoint and back to the home page, signed out.
        await Expect(page).ToHaveURLAsync(platform.Platform.Gateway.ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Signed in as")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name.StartsWith("concordat-session", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Another_site_cannot_sign_a_person_out_and_the_sign_out_address_asks_first()
    {
        var errors = new List<string>();
        var page = await platform.SignInAsync("martin-coles");

        // A post without the page's antiforgery token (a form on another site) is refused, and signs nobody out.
        var forged = await page.APIRequest.PostAsync("/signout", new() { Form = page.APIRequest.CreateFormData().Set("anything", "x"), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);

        // Following the address as a link (an image or a link elsewhere would) signs nobody out: it asks.
        await page.GotoAsync("/signout");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign out");
        await Expect(page.Locator(".govuk-phase-banner")).ToContainTextAsync("Signed in as Martin Coles");
        await Expect(page.Locator("main")).ToContainTextAsync("You are signed in as Martin Coles");
        await BrowserPlatform.ScreenshotAsync(page, "sign-out");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(platform.Platform.Gateway.ToString());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        // The redirect to the provider is allowed by the pages' form-action (a refusal is a console error).
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_page_that_needs_a_person_sends_someone_signed_out_to_sign_in_and_back()
    {
        var page = await platform.OpenAsync("/my/bodies");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in as a demo person");
        await page.GetByLabel("Joanna Pryce").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/my/bodies$"));
        await Expect(page.GetByText("Signed in as")).ToContainTextAsync("Joanna Pryce");
        // What a signed-in person is shown is kept by no cache (a shared machine's history, a proxy); the styles are.
        var mine = await page.APIRequest.GetAsync("/my/bodies");
        Assert.Equal("no-store", mine.Headers["cache-control"]);
        var styles = await page.APIRequest.GetAsync("/site.css");
        Assert.DoesNotContain("no-store", styles.Headers.GetValueOrDefault("cache-control", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_enhanced_navigation_to_a_page_that_needs_a_person_leaves_for_the_sign_in_page()
    {
        var errors = new List<string>();
        var page = await platform.OpenAsync("/", errors);

        // What following an ordinary link does once Blazor's script runs: a fetch, which cannot follow the provider.
        await page.EvaluateAsync("() => Blazor.navigateTo('/my/bodies')");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in as a demo person");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task SignInAsync_gives_a_page_signed_in_as_the_person()
    {
        var page = await platform.SignInAsync("martin-coles");

        await Expect(page.GetByText("Signed in as")).ToContainTextAsync("Martin Coles");
    }

    [Fact]
    public async Task Joanna_Pryce_sees_what_her_bodies_hold_and_opens_the_Employco_issue_from_it()
    {
        await EmploycoInEvaluationAsync();
        var page = await platform.SignInAsync("joanna-pryce");

        await page.GetByRole(AriaRole.Link, new() { Name = "My bodies", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My bodies");
        // She clerks the GSP, the ABG and the CSEB: a section for each.
        foreach (var body in new[] { "Accountable Bodies Group", "Gloucestershire Strategic Partnership", "Community Strategy Executive Board" })
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = body, Exact = true })).ToBeVisibleAsync();
        }

        var cseb = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Community Strategy Executive Board" }) });
        await Expect(cseb.GetByText("Evaluation", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(cseb.GetByRole(AriaRole.Heading, new() { Level = 3, Name = "Coming meetings" })).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(page, "my-bodies");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await cseb.GetByRole(AriaRole.Link, new() { Name = "Employco closes its Gloucester plant", Exact = true }).First.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Employco closes its Gloucester plant");
    }

    /// <summary>The demo carries Employco on after its decision, into evaluation by the CSEB; wait until it is there.</summary>
    private async Task EmploycoInEvaluationAsync()
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync("/api/cycle/issues?stage=evaluation&limit=200");
            using var issues = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return issues.RootElement.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("title").GetString() == "Employco closes its Gloucester plant");
        }, TimeSpan.FromMinutes(3), "the demo's Employco issue to reach evaluation");
    }
}
