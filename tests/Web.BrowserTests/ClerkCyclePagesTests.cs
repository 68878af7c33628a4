using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// The clerk's pages for the partnership cycle, driven as Joanna Pryce (clerk of the GSP, ABG and CSEB) would: an
/// issue taken from proposal to published decision at the ABG, with one whole form by keyboard alone, then read as
/// the public; a referral to all district LSPs in one step, answered by one of them; and a refused form that keeps
/// what was typed. Each test raises its own issue, so it can run again on the same platform.
/// </summary>
[Collection(Browser.Name)]
public sealed class ClerkCyclePagesTests(BrowserPlatform platform)
{
    private const string Clerk = "joanna-pryce";
    private const string Abg = "Accountable Bodies Group";
    private const string Gsp = "Gloucestershire Strategic Partnership";
    private const string GloucesterLsp = "Gloucester Partnership";

    private static ILocator H1(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    private static ILocator Banner(IPage page) => page.Locator(".govuk-notification-banner__heading");

    private static ILocator Id(IPage page, string id) => page.Locator($"[id='{id}']");

    private static string Uk(DateOnly day, string part) => part switch
    {
        "day" => day.Day.ToString(CultureInfo.InvariantCulture),
        "month" => day.Month.ToString(CultureInfo.InvariantCulture),
        _ => day.Year.ToString(CultureInfo.InvariantCulture),
    };

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private static async Task CheckedAsync(IPage page, string name)
    {
        await BrowserPlatform.ScreenshotAsync(page, name);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    /// <summary>Presses Tab until the field with <paramref name="id"/> has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 120; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''") == id)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached #{id} on {page.Url}");
    }

    [Fact]
    public async Task A_clerk_takes_an_issue_from_proposal_to_published_decision_and_the_public_reads_it()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var title = $"Employco closure (browser test {run})";
        var page = await platform.SignInAsync(Clerk);

        // Her partnerships, and raising an issue at the ABG: the whole form by keyboard alone.
        await page.GotoAsync("/clerk");
        await Expect(H1(page)).ToHaveTextAsync("Your partnerships");
        await CheckedAsync(page, "clerk");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Raise an issue for {Abg}" }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Raise an issue");
        await CheckedAsync(page, "raise-issue");
        await TabToAsync(page, "title");
        await page.Keyboard.TypeAsync(title);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Employco is closing its Gloucester plant: 4,000 jobs.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("employment, skills");
        await page.Keyboard.PressAsync("Enter");

        await Expect(Banner(page)).ToHaveTextAsync("Issue raised");
        await Expect(H1(page)).ToHaveTextAsync(title);
        var issuePath = new Uri(page.Url).AbsolutePath;
        await Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("Strategic response");
        await Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync(Abg);

        // A proposal put to the ABG, with what it asks of two partners.
        await page.GetByRole(AriaRole.Link, new() { Name = "Put a proposal to an authorising body" }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Put a proposal");
        await page.GetByLabel("Action plan").CheckAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Employco action plan ({run})");
        await page.GetByLabel("Summary (optional)").FillAsync("Benefits, careers and training support for the workforce.");
        await Id(page, "requestedResources[0].organisationId").SelectOptionAsync(new SelectOptionValue { Label = "Gloucestershire County Council" });
        await Id(page, "requestedResources[0].amountGbp").FillAsync("£300,000");
        await Id(page, "requestedResources[1].organisationId").SelectOptionAsync(new SelectOptionValue { Label = "Learning and Skills Council (Gloucestershire)" });
        await Id(page, "requestedResources[1].inKind").FillAsync("Retraining places for 800 workers");
        await CheckedAsync(page, "put-proposal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Put the proposal" }).ClickAsync();

        await Expect(Banner(page)).ToHaveTextAsync("Proposal put");
        await Expect(page.Locator("table")).ToContainTextAsync("£300,000.00");
        await CheckedAsync(page, "proposal");

        // An ABG meeting scheduled for it, its agenda built from what the ABG holds and published.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Schedule a meeting of {Abg} for it" }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Schedule a meeting");
        var meetingDay = Today.AddDays(14);
        await page.Locator("#startsAt").FillAsync(Uk(meetingDay, "day"));
        await page.Locator("#startsAt-month").FillAsync(Uk(meetingDay, "month"));
        await page.Locator("#startsAt-year").FillAsync(Uk(meetingDay, "year"));
        await page.Locator("#startsAt-time").FillAsync("10:00");
        await page.GetByLabel("Where").FillAsync("Shire Hall, Gloucester");
        await page.GetByLabel("Special meeting").CheckAsync();
        await CheckedAsync(page, "schedule-meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();

        await Expect(Banner(page)).ToHaveTextAsync("Meeting scheduled: now build its agenda");
        await Expect(H1(page)).ToHaveTextAsync("Build the agenda");
        await Expect(page.GetByLabel(title, new() { Exact = true })).ToHaveCountAsync(1);
        await CheckedAsync(page, "agenda");
        await page.GetByLabel($"Proposal: Employco action plan ({run})").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the item" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Proposal placed on the agenda");
        await Expect(page.Locator("ol.govuk-list--number")).ToContainTextAsync($"Employco action plan ({run})");
        var meetingUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the agenda" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Agenda published");
        await Expect(H1(page)).ToHaveTextAsync("Minutes");

        // The item's minutes written and published.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Write the minutes of Employco action plan ({run})" }).ClickAsync();
        await page.GetByLabel("What the meeting resolved").FillAsync("The action plan was approved with amendments.");
        await CheckedAsync(page, "minutes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the minutes" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Minutes recorded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the minutes" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Minutes published");
        var publicMeeting = page.Url.Split('?')[0];

        // The issue moves to authorisation at the ABG, which records its decision with two allocations and publishes it.
        await page.GetByRole(AriaRole.Link, new() { Name = "the issue and its story" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Move it to another stage, or close it" }).ClickAsync();
        await page.GetByLabel("Authorisation", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Held by" }).GetByLabel(Abg, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Why").FillAsync("The action plan goes to the ABG to sign off.");
        await CheckedAsync(page, "move-issue");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the issue" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Issue moved");
        // The issue's page lists its proposal, public now its agenda is published.
        await Expect(page.Locator("#proposals + ul")).ToContainTextAsync($"Employco action plan ({run})");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a decision" }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Record a decision");
        await page.GetByLabel("Approved with amendments").CheckAsync();
        var summary = $"The Employco action plan ({run}) is approved, with support delivered partly in the Forest of Dean.";
        await page.GetByLabel("What was decided").FillAsync(summary);
        await Id(page, "allocations[0].organisationId").SelectOptionAsync(new SelectOptionValue { Label = "Gloucestershire County Council" });
        await Id(page, "allocations[0].amountGbp").FillAsync("250000");
        await Id(page, "allocations[1].organisationId").SelectOptionAsync(new SelectOptionValue { Label = "Learning and Skills Council (Gloucestershire)" });
        await Id(page, "allocations[1].inKind").FillAsync("Retraining places for 600 workers");
        await CheckedAsync(page, "record-decision");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Expect(Banner(page)).ToHaveTextAsync("Decision recorded as a draft: publish it when it is ready");
        await Expect(page.Locator("table")).ToContainTextAsync("£250,000.00");
        await Expect(page.Locator("table")).ToContainTextAsync("£300,000.00");
        await CheckedAsync(page, "decision-draft");
        // The ABG's page for its clerk lists the draft awaiting publication, and publishes it from there.
        await page.GotoAsync("/clerk");
        await page.GetByRole(AriaRole.Link, new() { Name = $"What it holds, and what is due at {Abg}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Draft decisions awaiting publication" })).ToBeVisibleAsync();
        await CheckedAsync(page, "clerk-body-drafts");
        // The link's hidden words name the draft; its list item is found by the summary shown beside it.
        await page.Locator("#draft-decisions ~ ul > li").Filter(new() { HasText = summary })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Publish it") }).ClickAsync();
        await CheckedAsync(page, "publish-decision");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the decision" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Decision published");
        await Expect(page.Locator(".govuk-summary-list")).ToContainTextAsync("In its call-in window");
        var decisionUrl = page.Url.Split('?')[0];

        // The public, signed out, finds it in the register with its call-in window, and reads the meeting's agenda and minutes.
        var errors = new List<string>();
        var reader = await platform.OpenAsync("/decisions", errors);
        var card = reader.Locator(".govuk-summary-card").Filter(new() { HasText = summary });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync("scrutiny may call it in until");
        await card.GetByRole(AriaRole.Link, new() { Name = "The decision in full, with what each partner commits" }).ClickAsync();
        await Expect(reader).ToHaveURLAsync(decisionUrl);
        await Expect(reader.Locator("table")).ToContainTextAsync("Retraining places for 600 workers");
        await CheckedAsync(reader, "decision");
        // The issue's page lists its decision and the proposal it decides.
        await reader.GotoAsync(issuePath);
        await Expect(reader.Locator("#decisions + ul")).ToContainTextAsync(summary);
        await Expect(reader.Locator("#proposals + ul")).ToContainTextAsync($"Employco action plan ({run})");
        await CheckedAsync(reader, "issue-proposals-decisions");
        await reader.GotoAsync(new Uri(publicMeeting).PathAndQuery);
        await Expect(reader.Locator("ol.govuk-list--number")).ToContainTextAsync($"Employco action plan ({run})");
        await Expect(reader.Locator("ol.govuk-list--number")).ToContainTextAsync("The action plan was approved with amendments.");
        await CheckedAsync(reader, "meeting");
        await reader.GetByRole(AriaRole.Link, new() { Name = "ABG", Exact = true }).ClickAsync();
        await Expect(H1(reader)).ToHaveTextAsync(Abg);
        await CheckedAsync(reader, "body-meetings");
        Assert.Empty(errors);
        Assert.NotEmpty(meetingUrl);
    }

    [Fact]
    public async Task A_clerk_refers_an_issue_to_all_district_LSPs_in_one_step_and_each_is_asked()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var title = $"Rising truancy (browser test {run})";
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync("/clerk");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Raise an issue for {Gsp}" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Emergent strategy").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the issue" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Issue raised");

        await page.GetByRole(AriaRole.Link, new() { Name = "Refer it to other bodies" }).ClickAsync();
        await Expect(H1(page)).ToHaveTextAsync("Refer the issue");
        var lsps = page.GetByLabel("All district LSPs");
        await Expect(page.Locator("#selection-2-item-hint")).ToContainTextAsync("6 bodies");
        await CheckedAsync(page, "refer-issue");
        await lsps.CheckAsync();
        await page.GetByLabel("The question").FillAsync("How far is unauthorised absence a problem in your area?");
        var due = Today.AddDays(28);
        await page.Locator("#dueOn").FillAsync(Uk(due, "day"));
        await page.Locator("#dueOn-month").FillAsync(Uk(due, "month"));
        await page.Locator("#dueOn-year").FillAsync(Uk(due, "year"));
        await page.GetByLabel("Body to pull the responses together (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Community Strategy Executive Board" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the referral" }).ClickAsync();

        await Expect(Banner(page)).ToHaveTextAsync("Referral made: each body has been asked");
        var rows = page.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(6);
        foreach (var lsp in new[] { "Cheltenham Strategic Partnership", "Cotswold Local Strategic Partnership", "Forest of Dean Local Strategic Partnership", "Gloucester Partnership", "Stroud Local Strategic Partnership", "Tewkesbury Local Strategic Partnership" })
        {
            await Expect(rows.Filter(new() { HasText = lsp })).ToContainTextAsync("Awaiting response");
        }

        await CheckedAsync(page, "referral");
        var referralUrl = new Uri(page.Url).AbsolutePath;

        // The Gloucester Partnership's chair (a district LSP's, on the sign-in page) sees it awaiting the partnership's
        // response, and records it.
        var chair = await platform.SignInAsync("elaine-boxwell");
        await chair.GotoAsync("/clerk");
        await chair.GetByRole(AriaRole.Link, new() { Name = $"What it holds, and what is due at {GloucesterLsp}" }).ClickAsync();
        var awaited = chair.Locator("li").Filter(new() { HasText = title });
        await Expect(awaited).ToContainTextAsync("due by");
        await CheckedAsync(chair, "body-holding");
        await awaited.GetByRole(AriaRole.Link, new() { Name = $"Record its response on {title}" }).ClickAsync();
        await Expect(chair.GetByLabel(GloucesterLsp, new() { Exact = true })).ToBeCheckedAsync();
        await chair.GetByLabel("What it found").FillAsync("Persistent absence follows anti-social behaviour in two town centres.");
        await chair.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await CheckedAsync(chair, "respond");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
        await Expect(Banner(chair)).ToHaveTextAsync("Response recorded");
        await Expect(chair.Locator("tbody tr").Filter(new() { HasText = GloucesterLsp })).ToContainTextAsync("Answered");
        await Expect(chair.Locator("tbody tr").Filter(new() { HasText = "Stroud Local Strategic Partnership" })).ToContainTextAsync("Awaiting response");

        // The CSEB's clerk pulls the responses together.
        await page.GotoAsync(referralUrl + "/synthesis");
        await page.GetByLabel("What the responses say together").FillAsync("One district finds a real problem so far.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the synthesis" }).ClickAsync();
        await Expect(Banner(page)).ToHaveTextAsync("Synthesis recorded");
        await Expect(page.GetByText("One district finds a real problem so far.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_its_error_summary_links_to_the_field()
    {
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync("/clerk");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Raise an issue for {Abg}" }).ClickAsync();
        await page.GetByLabel("Description (optional)").FillAsync("Typed before the title was forgotten.");
        await page.GetByLabel("Strategic review").CheckAsync();
        await page.GetByLabel("Themes (optional)").FillAsync("cohesion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the issue" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        var link = summary.Locator("a[href$='#title']");
        await Expect(link).ToHaveCountAsync(1);
        await Expect(page.Locator("#title-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Description (optional)")).ToHaveValueAsync("Typed before the title was forgotten.");
        await Expect(page.GetByLabel("Strategic review")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Themes (optional)")).ToHaveValueAsync("cohesion");
        await CheckedAsync(page, "raise-issue-refused");

        await link.ClickAsync();
        await Expect(page.Locator("#title")).ToBeFocusedAsync();
    }
}
