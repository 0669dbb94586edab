using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A panel nobody has started: its page offers "Start recording" (a button, since starting writes), which by keyboard
/// opens the panel's draft. axe-core on both pages; screenshots in artifacts/screenshots/panel-start-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PanelStartBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AMemberStartsRecordingByKeyboard_WithNoAxeViolations()
    {
        const string member = "panel.start.lead@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, "panel.start.owner@westminster.gov.uk");
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, member);
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, fixture.Clock, "Report a missed bin collection",
            [new(TestRegister.Birmingham, member, "lead-assessor")], councilContact: "panel.start.owner@westminster.gov.uk");
        var violations = new List<string>();

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(member), BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");
        await page.GotoAsync($"/assessments/panels/{request.Reference}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Record the panel's assessment" })).ToHaveCountAsync(0);
        await CheckAsync(page, "panel-start-not-started", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start recording" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/assessments/{PanelDaySteps.PanelReference(request.Reference)}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Report a missed bin collection");
        await CheckAsync(page, "panel-start-draft", violations);

        Assert.Empty(violations);
    }
}
