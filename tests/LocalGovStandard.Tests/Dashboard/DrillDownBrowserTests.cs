using LocalGovStandard.Tests.Browser;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>
/// The drill-down in headless Chromium, by keyboard only: all councils, a peer group, a region, a published
/// council, and back up by the breadcrumb; the map; axe-core WCAG 2.2 A/AA on each; screenshots at 1280 and 390 px.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class DrillDownBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private static readonly TestCouncil Birmingham = TestRegister.Birmingham;

    [Fact]
    public async Task DrillingFromAllCouncilsToAPublishedCouncil_AndBackByTheBreadcrumb_WorksByKeyboard_WithNoAxeViolations()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        var violations = new List<string>();

        await page.GotoAsync("/dashboard");
        await Expect(Current(page)).ToHaveTextAsync("All councils");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "all councils"));

        await FollowAsync(page, page.Locator("[data-drill='below']").GetByRole(AriaRole.Link, new() { Name = "Midlands", Exact = true }));
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("Midlands");
        await Expect(Current(page)).ToHaveTextAsync("Midlands");
        Assert.Contains("peerGroup=midlands", page.Url, StringComparison.Ordinal);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "peer group"));

        await FollowAsync(page, page.Locator("[data-drill='below']").GetByRole(AriaRole.Link, new() { Name = "West Midlands" }));
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("West Midlands");
        await Expect(Breadcrumbs(page).Locator("li")).ToHaveTextAsync(["All councils", "Midlands", "West Midlands"]);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "region"));
        await SaveScreenshotAsync(page, "dashboard-region-1280.png");

        await FollowAsync(page, page.Locator("[data-drill='below']").GetByRole(AriaRole.Link, new() { Name = Birmingham.OfficialName }));
        await Expect(page.Locator("h1")).ToHaveTextAsync(Birmingham.OfficialName);
        await Expect(Breadcrumbs(page).Locator("li")).ToHaveTextAsync(["All councils", "Midlands", "West Midlands", Birmingham.OfficialName]);
        await Expect(page.Locator("[data-fact='peer-group'] dd")).ToHaveTextAsync("Midlands");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "council"));
        await SaveScreenshotAsync(page, "council-1280.png");
        await page.SetViewportSizeAsync(390, 844);
        await SaveScreenshotAsync(page, "council-390.png");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "council at 390 px"));
        await page.SetViewportSizeAsync(1280, 900);

        // Back up: the region, then all councils, each by its breadcrumb link.
        await FollowAsync(page, Breadcrumbs(page).GetByRole(AriaRole.Link, new() { Name = "West Midlands" }));
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("West Midlands");
        await FollowAsync(page, Breadcrumbs(page).GetByRole(AriaRole.Link, new() { Name = "All councils" }));
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("All councils");
        Assert.DoesNotContain("peerGroup", page.Url, StringComparison.Ordinal);

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task TheMap_ReachesAPublishedCouncilByKeyboard_FitsA320PxScreen_WithNoAxeViolations()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);

        await page.GotoAsync("/dashboard#map");
        var map = page.Locator("svg.app-map__svg");
        await Expect(map).ToBeVisibleAsync();
        var violations = new List<string>(await AxeChecks.ViolationsAsync(page, "dashboard with the map"));
        await map.ScrollIntoViewIfNeededAsync();
        await page.Locator("[data-section=map]").ScreenshotAsync(new LocatorScreenshotOptions { Path = ScreenshotPath("map-1280.png") });
        await SaveScreenshotAsync(page, "dashboard-map-1280.png");

        // Only published councils' hexagons are stops for Tab; one of them opens the council's page.
        var hex = map.Locator($"a[href='/dashboard/councils/{TestRegister.Westminster.GssCode}']");
        await TabToAsync(page, hex, maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync(TestRegister.Westminster.OfficialName);
        await Expect(page.Locator("table[data-table='council-points']")).ToHaveCountAsync(1);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "council with assessments"));
        await SaveScreenshotAsync(page, "council-assessed-1280.png");
        await page.SetViewportSizeAsync(390, 844);
        await SaveScreenshotAsync(page, "council-assessed-390.png");

        await page.SetViewportSizeAsync(320, 800);
        await page.GotoAsync("/dashboard");
        var width = await map.EvaluateAsync<double>("svg => svg.getBoundingClientRect().width");
        Assert.InRange(width, 100, 320);
        var overflowing = await page.EvaluateAsync<string[]>(OverflowingElements);
        Assert.True(overflowing.Length == 0, "the map's section runs past a 320 px screen: " + string.Join(", ", overflowing));
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "dashboard at 320 px"));
        await page.SetViewportSizeAsync(390, 844);
        await SaveScreenshotAsync(page, "dashboard-map-390.png");

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    /// <summary>Elements of the map's section that reach past the window's right edge, outside a scrolling region of their own.</summary>
    private const string OverflowingElements = """
        () => [...document.querySelectorAll('[data-section=map] *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.app-scroll'))
          .slice(0, 8)
          .map(e => `${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className} (${Math.round(e.getBoundingClientRect().right)} px)`)
        """;

    private static ILocator Breadcrumbs(IPage page) => page.Locator("[data-drill='breadcrumbs']");

    private static ILocator Current(IPage page) => Breadcrumbs(page).Locator("[aria-current='page']");

    private static async Task FollowAsync(IPage page, ILocator link)
    {
        await TabToAsync(page, link, maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static string ScreenshotPath(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots")).FullName, name);

    private static async Task SaveScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath(name), FullPage = true });
}
