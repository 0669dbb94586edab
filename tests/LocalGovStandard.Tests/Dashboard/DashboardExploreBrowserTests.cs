using System.Globalization;
using LocalGovStandard.Tests.Browser;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>
/// Exploring the dashboard in headless Chromium under the real CSP: click to filter with JavaScript (in place, the address
/// updated, Back and Forward) and without (the link loads the page), comparing two months, each chart's CSV, axe-core on
/// every state, and screenshots at 1280, 390 and 320 px.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class DashboardExploreBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    private DashboardSeed Seed => fixture.Seed;

    [Fact]
    public async Task ChoosingABar_WithJavaScript_ByKeyboard_UpdatesTheViewInPlace_TheAddress_FocusAndBack()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        var axe = Axe(page);

        await page.GotoAsync("/dashboard");
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("All councils");
        // A full page load would lose this; an in-place update keeps it.
        await page.EvaluateAsync("() => { window.stillThisPage = true }");

        // By keyboard: Tab to London's bar and press Enter.
        await TabToAsync(page, page.Locator("[data-chart='peer-groups'] a[data-dashboard-link]").Filter(new() { HasText = "London" }), maxPresses: 200);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("London");
        Assert.Contains("peerGroup=london", new Uri(page.Url).Query, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisPage === true"), "the view was swapped in place, not reloaded");
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await Expect(page.Locator("[data-dashboard-status]")).ToContainTextAsync("Showing London");
        var london = Seed.At(0, DashboardSeed.PeerGroupRegions["london"]);
        await Expect(page.Locator("[data-figure='signed-up']")).ToHaveAttributeAsync("data-value", london.SignedUp.ToString(CultureInfo.InvariantCulture));
        violations.AddRange(await axe("dashboard after a click in place"));

        // A heat-map cell: the peer group and the standard.
        await page.Locator("table[data-table='heat-map'] tr", new() { HasText = "Wales" }).Locator("a[data-dashboard-link]").First.ClickAsync();
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("Wales");
        Assert.Contains("standard=lgdss-2016", new Uri(page.Url).Query, StringComparison.Ordinal);

        await page.GoBackAsync();
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("London");
        Assert.DoesNotContain("standard=", new Uri(page.Url).Query, StringComparison.Ordinal);
        await page.GoBackAsync();
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("All councils");
        Assert.Equal("/dashboard", new Uri(page.Url).AbsolutePath + new Uri(page.Url).Query);
        await page.GoForwardAsync();
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("London");
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillThisPage === true"), "Back and Forward stayed in the page");

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task ClickingABar_WithoutJavaScript_LoadsTheFilteredPage()
    {
        await using var context = await fixture.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");
        await page.Locator("table[data-table='heat-map'] tr", new() { HasText = "Midlands" }).Locator("a[data-dashboard-link]").First.ClickAsync();

        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("Midlands");
        var query = new Uri(page.Url).Query;
        Assert.Contains("peerGroup=midlands", query, StringComparison.Ordinal);
        Assert.Contains("standard=lgdss-2016", query, StringComparison.Ordinal);
        var expected = Seed.At(0, DashboardSeed.PeerGroupRegions["midlands"], "lgdss-2016");
        await Expect(page.Locator("[data-figure='signed-up']")).ToHaveAttributeAsync("data-value", expected.SignedUp.ToString(CultureInfo.InvariantCulture));

        await page.GoBackAsync();
        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("All councils");
    }

    [Fact]
    public async Task ComparingTwoMonths_ByKeyboard_ShowsEachChange_AndEachChartsCsvHoldsTheRecomputedFigures()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var axe = Axe(page);
        var violations = new List<string>();

        await page.GotoAsync("/dashboard");
        await TabToAsync(page, page.Locator("#compare"));
        await page.Locator("#compare").SelectOptionAsync(Seed.Month(-2)); // a focused native select: the same as arrowing to the option
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"compare={Seed.Month(-2)}"));
        var now = Seed.At(0, DashboardSeed.AllRegions);
        var before = Seed.At(-2, DashboardSeed.AllRegions);
        await Expect(page.Locator("[data-figure='signed-up']")).ToHaveAttributeAsync("data-previous", before.SignedUp.ToString(CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-caption='signups']")).ToContainTextAsync($"{now.SignedUp - before.SignedUp} more than at the end of {Seed.T.AddMonths(-2).ToString("MMMM yyyy", CultureInfo.InvariantCulture)}");
        await Expect(page.Locator(".app-bars__marker").First).ToBeAttachedAsync();
        await Expect(page.Locator(".app-line__baseline")).ToBeAttachedAsync();
        violations.AddRange(await axe("dashboard comparing two months"));
        await SaveScreenshotAsync(page, "dashboard-compare-1280.png", 1280);

        // Each chart's own CSV, from its link on the page, read back.
        var peerGroupsCsv = await DownloadAsync(page, "peer-groups");
        foreach (var (slug, regions) in DashboardSeed.PeerGroupRegions)
        {
            var row = peerGroupsCsv.Single(r => r["Peer group"] == CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug));
            Assert.Equal(Seed.At(0, regions).SignedUp, (int)Number(row["Signed up"]));
            Assert.Equal(Seed.At(-2, regions).SignedUp, (int)Number(row.Single(c => c.Key.StartsWith("Signed up at the end of", StringComparison.Ordinal)).Value));
        }

        var signupsCsv = await DownloadAsync(page, "signups");
        Assert.Equal(now.SignedUp, (int)Number(signupsCsv[^1]["Councils signed up"]));
        Assert.Equal(12, signupsCsv.Count);

        var pointsCsv = await DownloadAsync(page, "points");
        var points = Seed.PointsAt(0, DashboardSeed.AllRegions);
        Assert.All(pointsCsv, row => Assert.Equal(points.GetValueOrDefault((row["Standard"], int.Parse(row["Point"], CultureInfo.InvariantCulture))).Rated, (int)Number(row["Ratings"])));

        var heatCsv = await DownloadAsync(page, "heat-map");
        var wales = Seed.PointsAt(0, DashboardSeed.PeerGroupRegions["wales"]);
        var walesPoint1 = heatCsv.Single(r => r["Peer group"] == "Wales" && r["Standard"] == "lgdss-2016" && r["Point"] == "1");
        Assert.Equal((double)wales[("lgdss-2016", 1)].Passing / wales[("lgdss-2016", 1)].Rated, Number(walesPoint1["Share"]), 9);

        // A bad comparison month after an in-place update: the error summary takes focus.
        await page.GotoAsync($"/dashboard?compare={Seed.Month(0)}");
        await Expect(page.Locator(".govuk-error-summary a[href='#compare']")).ToBeVisibleAsync();
        violations.AddRange(await axe("dashboard with a bad comparison month"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    [InlineData(320)]
    public async Task TheDashboard_FitsTheScreen_WithReadableChartText(int width)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);

        await page.GotoAsync($"/dashboard?compare={Seed.Month(-1)}");
        await Expect(page.Locator("figure.app-figure")).ToHaveCountAsync(4);

        var wider = await page.EvaluateAsync<string[]>(
            "() => document.documentElement.scrollWidth <= window.innerWidth ? [] : [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.app-scroll')).slice(0, 5).map(e => e.tagName + '.' + e.getAttribute('class') + ' ' + Math.round(e.getBoundingClientRect().right))");
        Assert.True(wider.Length == 0, $"the page scrolls sideways at {width} px: {string.Join(", ", wider)}");
        var smallest = await page.EvaluateAsync<double>(
            "() => Math.min(...[...document.querySelectorAll('.app-figure text, .app-bars__label, .app-bars__value, .app-figure__caption')].filter(e => e.getClientRects().length > 0).map(e => parseFloat(getComputedStyle(e).fontSize)))");
        Assert.True(smallest >= 16, $"chart text of {smallest} px at {width} px");
        // The sign-ups line takes the width it is given (most of the page, not a 420 px picture).
        var chart = await page.Locator("svg.app-line").BoundingBoxAsync();
        var main = await page.Locator("main").BoundingBoxAsync();
        Assert.True(chart!.Width >= main!.Width * 0.8, $"the line chart is {chart.Width} px of {main.Width} px");
        // A peer group with 1 sign-up is drawn against the largest count shown, so its bar is clearly visible.
        var bar = await page.Locator("[data-chart='peer-groups'] .app-bars__item", new() { HasText = "Wales" }).Locator("rect.app-bars__bar").First.BoundingBoxAsync();
        Assert.True(bar!.Width >= 20, $"Wales's bar is {bar.Width} px wide");

        var screenshot = await SaveScreenshotAsync(page, $"dashboard-{width}.png", width);
        // The full-page screenshot is as wide as the screen: nothing (not even visually hidden text) lies beyond its right edge.
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(screenshot.AsSpan(16, 4)));
        foreach (var name in new[] { "signups", "points", "peer-groups", "heat-map" })
        {
            await page.Locator($"figure[data-chart='{name}']").ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots", $"dashboard-{width}-{name}.png") });
        }
    }

    /// <summary>
    /// axe-core under the page's real CSP: the script is evaluated through the DevTools protocol (as Playwright's evaluate
    /// does), which the CSP does not govern, instead of as an inline script tag, which it forbids.
    /// </summary>
    private static Func<string, Task<IReadOnlyList<string>>> Axe(IPage page) => async name =>
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(BrowserFixture.AxeScriptPath));
        }

        var violations = await page.EvaluateAsync<string[]>(AxeChecks.RunWcag22AAndAA);
        return violations.Select(v => $"{name} {new Uri(page.Url).PathAndQuery}: {v}").ToList();
    };

    private static async Task<List<Dictionary<string, string>>> DownloadAsync(IPage page, string chart)
    {
        var link = page.Locator($"a[data-chart-csv='{chart}']");
        await Expect(link).ToContainTextAsync("Download this chart's data (CSV)");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return ChartCsv(await File.ReadAllBytesAsync(path!));
    }

    /// <summary>Saves a full-page PNG and returns its bytes.</summary>
    private static async Task<byte[]> SaveScreenshotAsync(IPage page, string name, int width)
    {
        await page.SetViewportSizeAsync(width, 900);
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots"));
        return await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, name), FullPage = true });
    }
}
