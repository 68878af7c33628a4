using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Concordat.Web.BrowserTests;

/// <summary>axe in the browser, on the page as rendered: no serious or critical violation is allowed (WCAG 2.2 AA).</summary>
public static class Accessibility
{
    private static readonly HashSet<string> Blocking = ["serious", "critical"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page)
    {
        var results = await page.RunAxe();

        var blocking = results.Violations.Where(v => Blocking.Contains(v.Impact ?? "")).ToList();
        Assert.True(blocking.Count == 0, $"axe found on {page.Url}:\n" + string.Join('\n', blocking.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(' ', n.Target)))})")));
    }
}
