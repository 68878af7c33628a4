using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Concordat.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// A scrutiny officer's pages, signed in as the demo's Martin Coles (clerk and scrutiny officer of the Joint Partnerships
/// Overview and Scrutiny Committee): calling in the Employco decision and seeing it called in publicly, the information
/// requests with their clocks, the work programme and drafting, publishing a report.
/// </summary>
[Collection(Browser.Name)]
public sealed class ScrutinyOfficerPagesTests(BrowserPlatform platform)
{
    private const string Officer = "martin-coles";
    private const string Committee = "Gloucestershire Joint Partnerships Overview and Scrutiny Committee";
    private const string DemoQuestion = "How many of Employco's former workers have been referred to NHS health and well-being support";

    /// <summary>
    /// The demo's Employco decision is in its call-in window, and the demo's own call-in was resolved with no further
    /// action, so it may be called in again. The test calls it in through the pages, sees "Called in" in the public
    /// register, then resolves its call-in with no further action through the pages and waits until the cycle has heard:
    /// the decision is back as the demo left it (in its window), for other tests and for a second run of this one.
    /// </summary>
    [Fact]
    public async Task A_scrutiny_officer_calls_in_the_Employco_decision_within_its_window_and_the_public_sees_it_called_in()
    {
        var decision = await EmploycoDecisionHeldByNoCallInAsync();
        var page = await platform.SignInAsync(Officer);
        await page.GotoAsync("/decisions");
        await BrowserPlatform.ScreenshotAsync(page, "decisions-for-scrutiny");
        var card = page.Locator(".govuk-summary-card").Filter(new() { HasText = BrowserPlatform.EmploycoDecision });
        await card.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Call in this decision") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Call in a decision");
        await Expect(page.Locator("main")).ToContainTextAsync("Open until the end of");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-call-in");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Without reasons the service refuses, and the summary links to the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Call in the decision" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-error-summary a[href$='#reasons']")).ToHaveCountAsync(1);

        await page.GetByLabel("The committee's reasons").FillAsync("The committee wants to hear from the PCT on health support before the plan takes effect.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Call in the decision" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Decision called in");
        await Expect(page.Locator("main")).ToContainTextAsync("Open: the decision is held");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-call-in-made");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var callInPage = page.Url;

        // The public register shows it called in once the cycle has heard (a second or so).
        await DecisionStatusAsync(decision, "called_in");
        var register = await platform.OpenAsync("/decisions");
        var called = register.Locator(".govuk-summary-card").Filter(new() { HasText = BrowserPlatform.EmploycoDecision });
        await Expect(called).ToContainTextAsync("Called in");
        await Expect(called.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^How scrutiny called it in") })).ToBeVisibleAsync();
        await BrowserPlatform.ScreenshotAsync(register, "decisions-called-in");
        await called.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^How scrutiny called it in") }).ClickAsync();
        await Expect(register.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Decisions called in");
        await Expect(register.Locator("tbody tr").Filter(new() { HasText = "Open" })).ToHaveCountAsync(1);
        await BrowserPlatform.ScreenshotAsync(register, "scrutiny-call-ins");
        await Accessibility.AssertNoSeriousViolationsAsync(register);

        // Resolved with no further action: the decision is in its window again, as the demo left it.
        await page.GotoAsync(callInPage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Resolve the call-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Resolve the call-in");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-call-in-resolution");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("No further action").CheckAsync();
        await page.GetByLabel("Reasons (published)").FillAsync("The PCT's answer satisfies the committee.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve the call-in" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Call-in resolved");
        await Expect(page.Locator("main")).ToContainTextAsync("No further action");
        await DecisionStatusAsync(decision, "call_in_window");
    }

    [Fact]
    public async Task An_urgent_decision_cannot_be_called_in_and_the_page_says_why()
    {
        var urgent = await DecisionAsync(d => d.GetProperty("urgent").GetBoolean());
        var page = await platform.SignInAsync(Officer);

        await page.GotoAsync($"/scrutiny/decisions/{urgent}/call-in");

        await Expect(page.Locator("#cannot-call-in")).ToContainTextAsync("exempt from call-in");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Call in the decision" })).ToHaveCountAsync(0);
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-call-in-refused");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task The_committee_s_information_requests_show_their_clocks_and_a_new_request_has_28_days()
    {
        await DemoRequestAsync();
        var page = await platform.SignInAsync(Officer);
        await page.GotoAsync("/scrutiny/committees");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-committees");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = Committee }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Work programme");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Topics" })).ToContainTextAsync("The partnerships' response to the Employco closure");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-work-programme");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Information requests and their clocks" }).ClickAsync();

        // The demo's request went by letter five weeks ago: 28 days to answer, so a week overdue, in words.
        var demo = page.Locator("tbody tr").Filter(new() { HasText = DemoQuestion });
        await Expect(demo.Locator(".govuk-tag")).ToHaveTextAsync("Overdue");
        await Expect(demo.Locator(".govuk-tag")).ToHaveClassAsync(new Regex("govuk-tag--red"));
        await Expect(demo).ToContainTextAsync("by 7 days");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-information-requests");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ask a partner for information" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();
        // Refused as the service refuses it, with links to the fields, and the form kept.
        await Expect(page.Locator(".govuk-error-summary a[href$='#question']")).ToHaveCountAsync(1);
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-information-request-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var question = $"How many Forest of Dean residents used the community safety helpline this quarter? ({Guid.NewGuid():N})";
        await page.GetByLabel("Partner authority").SelectOptionAsync(new SelectOptionValue { Label = "Gloucestershire Constabulary" });
        await page.GetByLabel("What the committee asks").FillAsync(question);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the request" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Information request recorded");
        var raised = page.Locator("tbody tr").Filter(new() { HasText = question });
        await Expect(raised.Locator(".govuk-tag")).ToHaveTextAsync("28 days left");
        await raised.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Information request");
        await Expect(page.Locator("main")).ToContainTextAsync("28 days left");
        // The answer is the partner's to give: the officer is told so, not offered a form the service would refuse.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" })).ToHaveCountAsync(0);
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-information-request");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task A_scrutiny_officer_adds_a_topic_then_drafts_and_publishes_a_report_whose_response_clock_starts()
    {
        var page = await platform.SignInAsync(Officer);
        var committee = await CommitteeAsync();
        await page.GotoAsync($"/scrutiny/committees/{committee}/topics/new");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-topic-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        var topic = $"Worklessness in the Forest of Dean after the closure ({Guid.NewGuid():N})";
        await page.GetByLabel("Title").FillAsync(topic);
        await page.GetByLabel("Themes").FillAsync("worklessness");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the topic" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Topic added");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Topics" }).Locator("tr").Filter(new() { HasText = topic })).ToContainTextAsync("Proposed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports and recommendations, with their response clocks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Reports and recommendations");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-committee-reports");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Draft a report" }).ClickAsync();
        var title = $"Health checks for Employco's workforce ({Guid.NewGuid():N})";
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Findings").FillAsync("Few of the workforce have been offered a health check.");
        await page.Locator("[id='recommendations[0].text']").FillAsync("The PCT should report monthly how many health checks it has offered.");
        await page.Locator("[id='recommendations[0].addresseeOrganisationId']").SelectOptionAsync(new SelectOptionValue { Label = "Gloucestershire Primary Care Trust" });
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-report-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Draft saved");
        await BrowserPlatform.ScreenshotAsync(page, "scrutiny-report-draft");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the report" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Report published");
        var published = page.Locator(".govuk-summary-card").Filter(new() { HasText = title });
        await Expect(published).ToContainTextAsync("Awaiting response");
        await Expect(published).ToContainTextAsync(new Regex(@"\(\d+ days left\)"));
    }

    /// <summary>The demo's Employco action plan decision, once the demo's own call-in of it is resolved and the cycle has heard.</summary>
    private async Task<Guid> EmploycoDecisionHeldByNoCallInAsync()
    {
        var decision = await DecisionAsync(d => !d.GetProperty("urgent").GetBoolean()
            && d.GetProperty("summary").GetString()?.StartsWith(BrowserPlatform.EmploycoDecision, StringComparison.Ordinal) == true);
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            var callIns = await gateway.GetFromJsonAsync<JsonElement>($"/api/scrutiny/call-ins?decision={decision}");
            return callIns.GetProperty("items").GetArrayLength() > 0
                && callIns.GetProperty("items").EnumerateArray().All(c => c.GetProperty("status").GetString() == "resolved");
        }, TimeSpan.FromMinutes(4), "the demo's call-in of the Employco decision to be resolved");
        // The cycle hears the call-in and its resolution as events, after scrutiny has both: its status alone can read
        // "in its window" before it has heard the call-in at all, and then turn "called in" under the test. So wait until
        // the cycle's own record has the call-in resolved, and the decision back in its window.
        await Eventually.HoldsAsync(async () =>
        {
            var heard = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{decision}");
            var callIns = heard.GetProperty("callIns").EnumerateArray().ToList();
            return callIns.Count > 0 && callIns.All(c => c.GetProperty("resolvedAt").ValueKind != JsonValueKind.Null)
                && heard.GetProperty("status").GetString() == "call_in_window";
        }, TimeSpan.FromMinutes(1), "the cycle to have heard the demo's call-in resolved");
        return decision;
    }

    private async Task<Guid> DecisionAsync(Func<JsonElement, bool> match)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        Guid? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var register = await gateway.GetFromJsonAsync<JsonElement>("/api/cycle/decisions?limit=200");
            found = register.GetProperty("items").EnumerateArray().Where(match).Select(d => (Guid?)d.GetProperty("id").GetGuid()).FirstOrDefault();
            return found is not null;
        }, TimeSpan.FromMinutes(2), "the decision in the register");
        return found!.Value;
    }

    private async Task DecisionStatusAsync(Guid decision, string status)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
            (await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/decisions/{decision}")).GetProperty("status").GetString() == status,
            TimeSpan.FromMinutes(1), $"the decision to be {status} in the cycle");
    }

    private async Task<Guid> CommitteeAsync()
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var committees = await gateway.GetFromJsonAsync<JsonElement>("/api/scrutiny/committees?limit=200");
        return committees.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("name").GetString() == Committee).GetProperty("id").GetGuid();
    }

    /// <summary>The joint scrutiny demo plays after the Employco decision: its request is read once it is there.</summary>
    private async Task DemoRequestAsync()
    {
        var committee = await CommitteeAsync();
        using var gateway = platform.Platform.CreateGatewayClient(administrator: true);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync($"/api/scrutiny/committees/{committee}/information-requests?limit=200");
            return response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
                .Any(r => r.GetProperty("question").GetString()?.StartsWith(DemoQuestion, StringComparison.Ordinal) == true);
        }, TimeSpan.FromMinutes(4), "the demo's information request to the PCT");
    }
}
