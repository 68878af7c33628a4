using System.Net.Http.Json;
using System.Text.Json;
using Concordat.EndToEnd.Tests;
using Concordat.Testing;
using Microsoft.Playwright;

namespace Concordat.Web.BrowserTests;

/// <summary>
/// The whole platform (<see cref="AspirePlatform"/>, as the end-to-end tests start it) with the Appendix 1 demo played,
/// and Debian's chromium, headless, driven by Playwright: its own browser download cannot work on these machines, so
/// it is pointed at <see cref="Chromium"/>. Shared by every class of the <see cref="Browser"/> collection.
/// </summary>
public sealed class BrowserPlatform : IAsyncLifetime
{
    /// <summary>Debian's chromium package, which the test prerequisites install.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>What the demo's Employco decision says; its presence means the demo has been played.</summary>
    public const string EmploycoDecision = "The Employco closure action plan is approved";

    private IPlaywright? _playwright;

    public AspirePlatform Platform { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where each run's screenshots go: <c>test-results/</c> in the test project's output folder.</summary>
    public static string Results { get; } = Path.Combine(AppContext.BaseDirectory, "test-results");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Results);
        Platform = await AspirePlatform.StartAsync(new AspirePlatform.Options
        {
            DemoData = true,
            // A browser fetches a page's styles and scripts too; the anonymous budget is for one person, not a test run.
            GatewayEnvironment = new Dictionary<string, string>
            {
                ["Gateway__RateLimits__Anonymous__PermitsPerSecond"] = "10000",
                ["Gateway__RateLimits__Anonymous__Burst"] = "10000",
                ["Gateway__RateLimits__PerAddress__PermitsPerSecond"] = "10000",
                ["Gateway__RateLimits__PerAddress__Burst"] = "10000",
            },
        });
        await WaitForDemoAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Chromium's sandbox refuses to run as root, which CI and these machines are.
            Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
        });
    }

    /// <summary>
    /// A new page (in a fresh context: no cookies or history from another test) at the gateway. What the browser
    /// reports as an error (a script failing, a content security policy refusal) is kept in <paramref name="errors"/>.
    /// </summary>
    public async Task<IPage> OpenAsync(string path, List<string>? errors = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Platform.Gateway.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        if (errors is not null)
        {
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add($"{message.Text} ({message.Location})");
                }
            };
            page.PageError += (_, error) => errors.Add(error);
        }

        await page.GotoAsync(path);
        return page;
    }

    /// <summary>
    /// A new page (in a fresh context) signed in as the demo person <paramref name="personKey"/> (<c>joanna-pryce</c>
    /// signs in as <c>demo-joanna-pryce</c>) through the real sign-in: the header's "Sign in" link, the development
    /// provider's page, and back. It is left on the home page, with "Sign out" in the header.
    /// </summary>
    public async Task<IPage> SignInAsync(string personKey)
    {
        var page = await OpenAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.Locator("#person-" + personKey).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Saves what <paramref name="page"/> shows, whole, as <c>test-results/{name}.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Results, name + ".png"), FullPage = true });

    /// <summary>The app host plays the demo once the platform is up; the pages are read once it has been played.</summary>
    private async Task WaitForDemoAsync()
    {
        using var gateway = Platform.CreateGatewayClient(administrator: false);
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await gateway.GetAsync("/api/cycle/decisions?limit=200");
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return page.RootElement.GetProperty("items").EnumerateArray()
                .Any(d => d.GetProperty("summary").GetString()?.StartsWith(EmploycoDecision, StringComparison.Ordinal) == true);
        }, TimeSpan.FromMinutes(5), "the demo's Employco decision to be published");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }
    }
}

/// <summary>The classes that share one running platform and browser: starting the platform takes a minute or more.</summary>
[CollectionDefinition(Name)]
public sealed class Browser : ICollectionFixture<BrowserPlatform>
{
    public const string Name = "browser";
}
