using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The assessment day by keyboard alone: the lead assessor finds the panel, records the last point the panel left, checks
/// the answers and submits; the council then reads the report from its request. axe-core on every page; screenshots in
/// artifacts/screenshots/panel-day-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PanelDayBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheLeadRecordsAndSubmitsByKeyboard_AndTheCouncilReadsTheReport_WithNoAxeViolations()
    {
        const string council = "panel.day.owner@westminster.gov.uk";
        const string lead = "panel.day.lead@birmingham.gov.uk";
        const string researcher = "panel.day.researcher@leicester.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, council);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, lead);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, researcher);
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, fixture.Clock, "Apply for a resident's parking permit",
            [new(TestRegister.Birmingham, lead, "lead-assessor"), new(TestRegister.Leicester, researcher, "user-research")], councilContact: council);
        var draft = PanelDaySteps.PanelReference(request.Reference);

        // The researcher rated all but the last point through the API.
        var api = await AccessSteps.BearerClientAsync(fixture, researcher);
        var (read, _) = await PanelDaySteps.OpenDraftAsync(api, draft);
        await AssessmentSteps.RateAllAsync(api, draft, read.Headers.ETag!.ToString(), n => n == 5 ? "amber" : "green", PanelDaySteps.Points - 1);

        var violations = new List<string>();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Assessments I am on a panel for" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Assessments I am on a panel for");
        await CheckAsync(page, "panel-day-list", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Apply for a resident's parking permit" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Apply for a resident's parking permit, City of Westminster");
        await CheckAsync(page, "panel-day-panel", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record the panel's assessment" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Apply for a resident's parking permit");
        await CheckAsync(page, "panel-day-task-list", violations);

        await page.GotoAsync($"/assessments/{draft}/points/{PanelDaySteps.Points}");
        await TabToAsync(page, page.Locator("input[name=rating]").First);
        await keyboard.PressAsync("Space");
        await TabToAsync(page, page.Locator("#notes"));
        await keyboard.TypeAsync("The panel saw the team iterate weekly.");
        await CheckAsync(page, "panel-day-point", violations);
        await PressButtonAsync(page, "Save and continue");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Apply for a resident's parking permit");
        await Expect(page.Locator("main")).ToContainTextAsync("Ready to submit");

        await page.GotoAsync($"/assessments/{draft}/check");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your answers before submitting");
        await CheckAsync(page, "panel-day-check", violations);
        await PressButtonAsync(page, "Submit assessment");
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync(request.Reference);
        await CheckAsync(page, "panel-day-published", violations);

        await using var councilContext = await fixture.NewContextAsync(bypassCsp: true);
        var councilPage = await councilContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(councilPage, await fixture.SignInLinkForAsync(council), BrowserFixture.SignInButton);
        await Expect(councilPage.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await councilPage.GotoAsync($"/assessments/peer-requests/{request.Reference}");
        await Expect(councilPage.Locator("main")).ToContainTextAsync("Outcome: Amber");
        await CheckAsync(councilPage, "panel-day-council-request", violations);
        await TabToAsync(councilPage, councilPage.GetByRole(AriaRole.Link, new() { Name = "Read the panel's report" }));
        await councilPage.Keyboard.PressAsync("Enter");
        await Expect(councilPage.Locator("main")).ToContainTextAsync("The panel saw the team iterate weekly.");
        await CheckAsync(councilPage, "panel-day-council-report", violations);

        Assert.Empty(violations);
    }
}
