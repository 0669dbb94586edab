using LocalGovStandard.Tests.Browser;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The dashboard's peer-assessment section and a council page that gives back, in headless Chromium, with axe-core.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PeerAssessmentDashboardBrowserTests(DashboardBrowserFixture fixture) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task PeerAssessmentSection_AndGivesBack_ShowInTheBrowser_WithNoAxeViolations()
    {
        await new PeerAssessmentReportingSeed().WriteAsync(fixture);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync("/dashboard");
        var section = page.Locator("[data-section='peer-assessments']");
        await Expect(section.Locator("[data-peer-figure='requested'] td")).ToHaveTextAsync("6");
        await Expect(page.Locator("[data-list='adopters'] [data-gives-back]")).ToHaveCountAsync(2);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "dashboard with peer assessments"));
        await section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Screenshot("dashboard-peer-assessments.png") });

        await page.GotoAsync($"/dashboard/councils/{TestRegister.Westminster.GssCode}");
        await Expect(page.Locator("[data-fact='gives-back'] dd")).ToContainTextAsync("Yes: its assessors took 1 seat");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "council page that gives back"));
        await page.Locator("[data-list='council-facts']").ScreenshotAsync(new LocatorScreenshotOptions { Path = Screenshot("council-gives-back.png") });

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    private static string Screenshot(string name) =>
        Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots")).FullName, name);
}
