using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// Delivery, evaluation and memberships as a clerk keeps them, signed in as Joanna Pryce (demo person
/// <c>joanna-pryce</c>), clerk of the GSP, the ABG and the CSEB. The CSEB leads the truancy delivery plan (so she may
/// record progress, enter actuals and import them), has the executive role (so it may evaluate the truancy issue, which
/// it holds in implementation), and she is its clerk in the registry (so she keeps its seats and memberships). Each
/// test makes its own change (a fresh evaluation, a seat with a new name), so they do not depend on each other's order.
/// </summary>
[Collection(Browser.Name)]
public sealed class DeliveryClerkPagesTests(BrowserPlatform platform)
{
    private const string Clerk = "joanna-pryce";

    [Fact]
    public async Task Joanna_records_progress_on_a_truancy_action_and_the_plan_shows_its_new_status_and_rag()
    {
        var (_, plan) = await DeliveryPagesTests.TruancyPlanAsync(platform);
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync($"/delivery-plans/{plan}");
        var action = page.Locator("li.concordat-actions__action").Filter(new() { HasText = "Young carers' support workers" });

        await action.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Update progress") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Young carers' support workers");
        await page.GetByLabel("What progress was made").FillAsync("The third school's post is vacant again.");
        await page.GetByLabel("Off track").CheckAsync();
        await page.GetByLabel("Red", new() { Exact = true }).CheckAsync();
        await BrowserPlatform.ScreenshotAsync(page, "delivery-progress");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();

        // A rating needs its reason: the service's refusal is the error summary, linked to the field, and what was typed stays.
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToContainTextAsync("A RAG rating comes with the reason for it.");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("#ragReason$"));
        await Expect(page.GetByLabel("What progress was made")).ToHaveValueAsync("The third school's post is vacant again.");
        await page.GetByLabel("Why this rating").FillAsync("No support worker in the third school this term.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Progress recorded");
        var updated = page.Locator("li.concordat-actions__action").Filter(new() { HasText = "Young carers' support workers" });
        await Expect(updated.Locator(".govuk-summary-list")).ToContainTextAsync("Off track");
        await Expect(updated.Locator(".govuk-summary-list")).ToContainTextAsync("Red");
        await Expect(updated).ToContainTextAsync("The third school's post is vacant again.");
    }

    [Fact]
    public async Task Joanna_downloads_the_actuals_changes_one_sees_the_dry_run_imports_it_and_the_charts_table_shows_it()
    {
        var (_, plan) = await DeliveryPagesTests.TruancyPlanAsync(platform);
        var period = await NextPeriodAsync(plan);
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync($"/delivery-plans/{plan}");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the indicators' actuals (CSV)" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        var lines = csv.Split("\r\n").ToList();
        var row = lines.FindIndex(l => l.Contains($",{period},", StringComparison.Ordinal) && l.EndsWith(",,", StringComparison.Ordinal));
        Assert.True(row > 0, $"no empty row for {period} in:\n{csv}");
        lines[row] = lines[row][..^2] + ",92.6,Entered through the web page";
        var changed = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload indicator actuals as CSV" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Upload indicator actuals");
        await BrowserPlatform.ScreenshotAsync(page, "delivery-import-upload");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("Upload a CSV file").SetInputFilesAsync(new FilePayload { Name = "actuals.csv", MimeType = "text/csv", Buffer = changed });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();

        await Expect(page.Locator("#import-summary")).ToHaveTextAsync(new Regex("^This import would add 1 actual"));
        var line = page.Locator("tbody tr").Filter(new() { HasText = DeliveryPagesTests.TruancyIndicator });
        await Expect(line).ToContainTextAsync("Would be added");
        await Expect(line).ToContainTextAsync("value: (empty) → 92.6");
        await BrowserPlatform.ScreenshotAsync(page, "delivery-import-dry-run");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import these changes" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).WaitForAsync();
        await BrowserPlatform.ScreenshotAsync(page, "delivery-import-result");

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Import finished");
        await Expect(page.Locator("#import-summary")).ToHaveTextAsync(new Regex("^The import added 1 actual"));
        await BrowserPlatform.ScreenshotAsync(page, "delivery-import-result");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "See the delivery plan" }).ClickAsync();
        var table = page.Locator("section.concordat-indicator").Filter(new() { HasText = DeliveryPagesTests.TruancyIndicator }).Locator("tbody tr").Filter(new() { HasText = period });
        await Expect(table).ToContainTextAsync("92.6%");
    }

    [Fact]
    public async Task Joanna_starts_an_evaluation_of_truancy_for_the_cseb_writes_it_completes_it_and_it_is_public_on_the_issue()
    {
        var issue = await DeliveryPagesTests.IssueAsync(platform, DeliveryPagesTests.TruancyTitle);
        await DeliveryPagesTests.TruancyPlanAsync(platform);
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync($"/issues/{issue}");

        await page.GetByRole(AriaRole.Link, new() { Name = "Start an evaluation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Start an evaluation");
        await page.GetByLabel("The evaluating body").SelectOptionAsync(new SelectOptionValue { Label = "Community Strategy Executive Board" });
        await BrowserPlatform.ScreenshotAsync(page, "evaluation-start");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the evaluation" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Evaluation started");
        // Intended against achieved comes filled in from the plan's attendance indicator.
        await Expect(page.GetByLabel("Indicator", new() { Exact = true }).First).ToHaveValueAsync(DeliveryPagesTests.TruancyIndicator);
        await page.GetByLabel("Summary").FillAsync("Attendance is back on its trajectory where first-day follow-up runs.");
        await page.GetByLabel("Objective", new() { Exact = true }).FillAsync("Follow up every unauthorised absence on its first day");
        await page.GetByLabel("What worked").FillAsync("Every secondary school calls home on the first morning.");
        await page.GetByLabel("Why", new() { Exact = true }).FillAsync("The education service's officers made the calls routine.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and complete the evaluation" }).ClickAsync();

        // Completing needs a lesson: refused, the draft is kept, and the summary says why.
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new Regex(@"#lessons\[0\]$"));
        await Expect(page.GetByLabel("Objective", new() { Exact = true }).First).ToHaveValueAsync("Follow up every unauthorised absence on its first day");
        await page.GetByLabel("What was learnt").Last.FillAsync("First-day follow-up works when one service makes the calls for every school.");
        await page.GetByLabel("The evidence for it").Last.FillAsync("Attendance met its target in each month the calls were made.");
        await BrowserPlatform.ScreenshotAsync(page, "evaluation-edit");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and complete the evaluation" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Evaluation completed");
        await Expect(page.GetByText("First-day follow-up works when one service makes the calls for every school.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = DeliveryPagesTests.TruancyTitle }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Evaluation by Community Strategy Executive Board" }).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Joanna_adds_a_seat_to_the_cseb_appoints_someone_to_it_and_a_second_appointment_is_refused_by_the_seat_rule()
    {
        var cseb = await DeliveryPagesTests.BodyAsync(platform, "CSEB");
        var (first, firstName, second, secondName) = await TwoPeopleAsync();
        var seat = $"Attendance adviser {Guid.NewGuid().ToString()[..8]}";
        var page = await platform.SignInAsync(Clerk);
        await page.GotoAsync($"/bodies/{cseb}/memberships");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a seat" }).ClickAsync();
        await page.GetByLabel("Seat", new() { Exact = true }).FillAsync(seat);
        await page.GetByLabel("Places").FillAsync("1");
        await BrowserPlatform.ScreenshotAsync(page, "seat-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the seat" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Seat added");
        await Expect(page.Locator("table").First).ToContainTextAsync(seat);

        await page.GetByRole(AriaRole.Button, new() { Name = "Appoint someone" }).ClickAsync();
        await page.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(first.ToString());
        await page.GetByLabel("Seat", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = seat });
        await BrowserPlatform.ScreenshotAsync(page, "membership-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Appoint", Exact = true }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Appointment made");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = seat })).ToHaveCountAsync(2);

        // The seat has one place: a second appointment is the registry's seat-full rule, linked to the seat.
        // Found by name first, as a clerk would among more people than one list shows: the list narrows to the matches.
        await page.GotoAsync($"/bodies/{cseb}/memberships/new");
        await page.GetByLabel("Find a person by name").FillAsync(secondName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"memberships/new\?q="));
        var people = page.GetByLabel("Person", new() { Exact = true }).Locator("option");
        await Expect(people.Filter(new() { HasText = secondName })).ToHaveCountAsync(1);
        await Expect(people.Filter(new() { HasText = firstName })).ToHaveCountAsync(0);
        await page.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(second.ToString());
        await page.GetByLabel("Seat", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = seat });
        await page.GetByRole(AriaRole.Button, new() { Name = "Appoint", Exact = true }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new Regex("#seatId$"));
    }

    /// <summary>The first period of the truancy indicator's targets with no actual yet.</summary>
    private async Task<string> NextPeriodAsync(Guid plan)
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var body = await gateway.GetFromJsonAsync<JsonElement>($"/api/cycle/delivery-plans/{plan}");
        var indicator = body.GetProperty("indicators").EnumerateArray().First(i => i.GetProperty("name").GetString() == DeliveryPagesTests.TruancyIndicator);
        var entered = indicator.GetProperty("actuals").EnumerateArray().Select(a => a.GetProperty("period").GetString()).ToHashSet();
        return indicator.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("period").GetString()!).First(p => !entered.Contains(p));
    }

    /// <summary>Two of the registry's people (the new seat is for anyone, so either may hold it), with their names.</summary>
    private async Task<(Guid First, string FirstName, Guid Second, string SecondName)> TwoPeopleAsync()
    {
        using var gateway = platform.Platform.CreateGatewayClient(administrator: false);
        var people = await gateway.GetFromJsonAsync<JsonElement>("/api/registry/people?limit=200");
        var items = people.GetProperty("items").EnumerateArray().ToList();
        // Two whose names do not contain each other, so a search for the second leaves the first out.
        var (a, b) = (items[^1], items.Take(items.Count - 1).Reverse().First(p => !Contains(items[^1], p) && !Contains(p, items[^1])));
        return (a.GetProperty("id").GetGuid(), a.GetProperty("name").GetString()!, b.GetProperty("id").GetGuid(), b.GetProperty("name").GetString()!);

        static bool Contains(JsonElement one, JsonElement other) =>
            one.GetProperty("name").GetString()!.Contains(other.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase);
    }
}
