using LocalGovStandard.Tests.Browser;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The browser fixture with the dashboard's seeded history and refreshed snapshots.</summary>
public sealed class DashboardBrowserFixture : BrowserFixture
{
    public DashboardSeed Seed { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => DashboardFixture.Settings;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = await DashboardFixture.PrepareAsync(this);
    }
}

/// <summary>The dashboard in headless Chromium: a screenshot, the filter form by keyboard only, without JavaScript, and axe-core WCAG 2.2 A/AA.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class DashboardBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task TheFilterForm_WorksWithTheKeyboardOnly_PutsTheViewInTheAddress_WithNoAxeViolations()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();

        await page.GotoAsync("/dashboard");
        await Expect(page.Locator("h1")).ToHaveTextAsync("How councils are adopting the Standard");
        await Expect(page.Locator("figure.app-figure")).ToHaveCountAsync(4);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "dashboard"));
        await SaveScreenshotAsync(page, "dashboard.png");

        // Choose the London peer group and the LGDSS by keyboard, then apply.
        await TabToAsync(page, page.Locator("#peerGroup"));
        await page.Locator("#peerGroup").SelectOptionAsync("london"); // a focused native select: the same as arrowing to the option
        await TabToAsync(page, page.Locator("#standard"));
        await keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }));
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("London");
        var address = new Uri(page.Url);
        Assert.Contains("peerGroup=london", address.Query, StringComparison.Ordinal);
        Assert.Contains("standard=lgdss-2016", address.Query, StringComparison.Ordinal);
        var expected = fixture.Seed.At(0, ["london"], "lgdss-2016");
        await Expect(page.Locator("[data-figure='assessed']")).ToHaveAttributeAsync("data-value", expected.Assessed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "dashboard filtered"));

        // A region outside the chosen peer group: the error summary, linked to the field.
        await page.GotoAsync("/dashboard?peerGroup=london&region=wales");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "dashboard with an error"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task WithoutJavaScript_TheChartsTablesAndFiltersStillWork()
    {
        await using var context = await fixture.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/dashboard");
        await page.Locator("#region").SelectOptionAsync("wales");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();

        await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync("Wales");
        await Expect(page.Locator("figure.app-figure")).ToHaveCountAsync(4);
        await Expect(page.Locator("table[data-table='signups'] tbody tr")).ToHaveCountAsync(12);
        var expected = fixture.Seed.At(0, ["wales"]);
        await Expect(page.Locator("[data-figure='signed-up']")).ToHaveAttributeAsync("data-value", expected.SignedUp.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, name), FullPage = true });
    }
}
