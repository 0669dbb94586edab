using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LocalGovStandard.Tests.Browser;

/// <summary>What every browser journey does at each page: axe-core's WCAG 2.2 A and AA rules, and a full-page screenshot to look at.</summary>
public static class PageChecks
{
    public static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    /// <summary>Adds the page's violations to <paramref name="violations"/> and saves artifacts/screenshots/{name}.png.</summary>
    public static async Task CheckAsync(IPage page, string name, List<string> violations)
    {
        violations.AddRange(await AxeChecks.ViolationsAsync(page, name));
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }
}
