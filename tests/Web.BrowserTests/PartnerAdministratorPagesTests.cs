using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// A partner organisation's administrator's pages: the PCT's partner administrator (the development provider's
/// <c>pct-administrator</c>, a partner for the PCT) adds a webhook endpoint, reads its delivery log, sends a message again
/// and answers an information request; API keys are the registry's to issue to platform administrators only, so that
/// test signs in as the platform administrator.
/// </summary>
[Collection(Browser.Name)]
public sealed class PartnerAdministratorPagesTests(BrowserPlatform platform)
{
    private const string Organisation = "Gloucestershire Constabulary";

    [Fact]
    public async Task An_administrator_issues_an_API_key_shown_once_and_revokes_it()
    {
        var page = await platform.SignInAsync("platform-admin");
        await page.GotoAsync("/partners");
        await BrowserPlatform.ScreenshotAsync(page, "partners");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = Organisation, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("API keys and webhooks");
        await BrowserPlatform.ScreenshotAsync(page, "partner");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Issue an API key" }).ClickAsync();
        var name = $"Constabulary decision feed {Guid.NewGuid():N}"[..40];
        await page.GetByLabel("What the key is for").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue the key" }).ClickAsync();

        await Expect(page.Locator(".govuk-panel")).ToContainTextAsync("API key issued");
        var key = await page.GetByLabel("The API key").InputValueAsync();
        Assert.Matches("^cnc_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        await Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("shown only this once");
        await BrowserPlatform.ScreenshotAsync(page, "partner-api-key-issued");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The key works, and is never shown again: the list names it by its id only.
        using (var gateway = new HttpClient { BaseAddress = platform.Platform.Gateway })
        {
            gateway.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.True((await gateway.GetAsync("/auth/me")).IsSuccessStatusCode);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the organisation's API keys and webhooks" }).ClickAsync();
        var row = page.Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Revoke") }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("API key revoked");
        await Expect(page.Locator("tbody tr").Filter(new() { HasText = name })).ToContainTextAsync("Revoked");
    }

    [Fact]
    public async Task A_partner_s_administrator_adds_a_webhook_endpoint_and_reads_its_delivery_log_and_sends_a_message_again()
    {
        var page = await platform.SignInAsync(PctAdministrator);
        // A partner goes straight to its own organisation, where keys are said to be the platform administrators'.
        await page.GotoAsync("/partners");
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync(Pct);
        await Expect(page.Locator("#api-keys + .govuk-inset-text")).ToContainTextAsync("Only a platform administrator");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a webhook endpoint" }).ClickAsync();
        await BrowserPlatform.ScreenshotAsync(page, "partner-endpoint-new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // No event chosen: refused, with the summary linking to the events.
        await page.GetByLabel("Address (URL)").FillAsync("https://192.0.2.10/hooks/concordat");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the endpoint" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary a[href$='#eventTypes']")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Address (URL)")).ToHaveValueAsync("https://192.0.2.10/hooks/concordat");

        // A receiver that is never there (a documentation address): deliveries fail and are retried, which the log shows.
        await page.GetByLabel("Description (optional)").FillAsync("The PCT's registry feed");
        await page.GetByLabel("Everything from registry").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the endpoint" }).ClickAsync();

        await Expect(page.Locator(".govuk-panel")).ToContainTextAsync("Webhook endpoint added");
        Assert.StartsWith("whsec_", await page.GetByLabel("Signing secret").InputValueAsync(), StringComparison.Ordinal);
        await BrowserPlatform.ScreenshotAsync(page, "partner-endpoint-added");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "The endpoint and its delivery log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Delivery log");

        // Something the endpoint subscribes to happens: a partnership is registered (a neighbourhood one, so that it is
        // not one of the district LSPs another test refers to).
        using (var admin = platform.Platform.CreateGatewayClient())
        {
            using var registered = await admin.PostAsJsonAsync("/api/registry/bodies", new
            {
                name = $"Forest of Dean community safety forum {Guid.NewGuid():N}",
                type = "strategic",
                scope = "geographic",
                tier = "neighbourhood",
                roles = new[] { "deliberative" },
            });
            registered.EnsureSuccessStatusCode();
        }

        var delivery = page.Locator("tbody tr").Filter(new() { HasText = "Registry: body registered" });
        // The first attempt goes at once and fails within its 10 seconds (nothing answers): the log then says it is retried.
        var until = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!Regex.IsMatch(string.Join(' ', await delivery.AllInnerTextsAsync()), "Retrying|Failed") && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(2000);
            await page.ReloadAsync();
        }

        await Expect(delivery).ToContainTextAsync(new Regex("Retrying|Failed"));
        await BrowserPlatform.ScreenshotAsync(page, "partner-delivery-log");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await delivery.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Send again") }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("sent again");

        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate the signing secret" }).ClickAsync();
        await Expect(page.Locator(".govuk-panel")).ToContainTextAsync("Signing secret rotated");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the endpoint and its delivery log" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Webhook endpoint removed");
    }

    [Fact]
    public async Task A_partner_s_administrator_answers_an_information_request_addressed_to_it_in_time()
    {
        // The committee asks the PCT (through the API, as its scrutiny officer); the PCT answers through the pages.
        var question = $"How many Employco workers have had a health check so far? ({Guid.NewGuid():N})";
        using (var officer = new HttpClient { BaseAddress = platform.Platform.Gateway })
        {
            officer.DefaultRequestHeaders.Authorization = new("Bearer", platform.Platform.TokenFor("demo-martin-coles", "scrutiny_officer", "clerk"));
            var committees = await officer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/scrutiny/committees?limit=200");
            var committee = committees.GetProperty("items").EnumerateArray()
                .Single(c => c.GetProperty("name").GetString() == "Gloucestershire Joint Partnerships Overview and Scrutiny Committee").GetProperty("id").GetGuid();
            var organisations = await officer.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/registry/organisations?limit=200");
            var pct = organisations.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("name").GetString() == Pct).GetProperty("id").GetGuid();
            using var sent = await officer.PostAsJsonAsync($"/api/scrutiny/committees/{committee}/information-requests", new { organisationId = pct, question });
            sent.EnsureSuccessStatusCode();
        }

        var page = await platform.SignInAsync(PctAdministrator);
        await page.GotoAsync("/partners");
        var awaiting = page.Locator("#information-requests + ul li").Filter(new() { HasText = question });
        await Expect(awaiting).ToContainTextAsync("28 days left");
        await awaiting.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Information request");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary a[href$='#answer']")).ToHaveCountAsync(1);
        await page.GetByLabel("The answer").FillAsync("412 have had a health check; 96 are booked.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();

        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("Answer recorded");
        await Expect(page.Locator("main")).ToContainTextAsync("Answered on time");
        await Expect(page.Locator("main")).ToContainTextAsync("412 have had a health check");
        await BrowserPlatform.ScreenshotAsync(page, "partner-information-request-answered");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private const string PctAdministrator = "pct-administrator";

    private const string Pct = "Gloucestershire Primary Care Trust";
}
