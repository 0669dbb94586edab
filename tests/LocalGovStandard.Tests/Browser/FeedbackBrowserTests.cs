using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static LocalGovStandard.Tests.Browser.PageChecks;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The council's feedback on its peer assessment, by keyboard: the form (with its error summary), the form sent from a
/// second tab in the meantime, then the peer group's lead reading it. axe-core on each page; screenshots in artifacts/screenshots/feedback-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class FeedbackBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheCouncilGivesFeedback_AndItsLeadReadsIt_WithNoAxeViolations()
    {
        const string council = "feedback.owner@westminster.gov.uk";
        const string lead = "feedback.lead@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, council);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, lead);
        await fixture.Service<PeerGroupEditor>().SaveAsync("london", new("London", ["london"], [new("London lead", lead)]), "test", CancellationToken.None);
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, fixture.Clock, "Apply for a resident's parking permit",
            status: PeerAssessmentRequestEntity.ReportPublished, councilContact: council);

        var violations = new List<string>();
        await using var councilContext = await fixture.NewContextAsync(bypassCsp: true);
        var page = await councilContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(council), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await page.GotoAsync($"/assessments/peer-requests/{request.Reference}");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Give feedback on the assessment" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Feedback on the peer assessment");
        await CheckAsync(page, "feedback-form", violations);

        await PressButtonAsync(page, "Send feedback");
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Say what helped, what did not help, or both");
        await CheckAsync(page, "feedback-form-error", violations);

        await TabToAsync(page, page.Locator("#helped"));
        await page.Keyboard.TypeAsync("The panel's questions on user research were practical.");
        await TabToAsync(page, page.Locator("#didNotHelp"));
        await page.Keyboard.TypeAsync("The day ran over by an hour.");
        await PressButtonAsync(page, "Send feedback");
        await Expect(page.Locator("#feedback-saved")).ToBeVisibleAsync();
        await CheckAsync(page, "feedback-sent", violations);

        // Two tabs: the form open in both, the second tab's feedback sent first. The first tab's is not saved over it unseen.
        var firstTab = await councilContext.NewPageAsync();
        await firstTab.GotoAsync(CouncilFeedback.Href(request.Reference));
        var secondTab = await councilContext.NewPageAsync();
        await secondTab.GotoAsync(CouncilFeedback.Href(request.Reference));
        await secondTab.Locator("#didNotHelp").FillAsync("Too little notice of the date.");
        await PressButtonAsync(secondTab, "Send feedback");
        await Expect(secondTab.Locator("#feedback-saved")).ToBeVisibleAsync();
        await firstTab.Locator("#didNotHelp").FillAsync("The day ran over by an hour and a half.");
        await PressButtonAsync(firstTab, "Send feedback");
        await Expect(firstTab.Locator(".govuk-error-summary")).ToContainTextAsync("Your council's feedback was changed at");
        await Expect(firstTab.Locator("#saved-did-not-help")).ToHaveTextAsync("Too little notice of the date.");
        await CheckAsync(firstTab, "feedback-changed-meanwhile", violations);
        await PressButtonAsync(firstTab, "Send feedback");
        await Expect(firstTab.Locator("#feedback-saved")).ToBeVisibleAsync();

        await using var leadContext = await fixture.NewContextAsync(bypassCsp: true);
        var leadPage = await leadContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(leadPage, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);
        await Expect(leadPage.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await leadPage.GotoAsync($"/assessments/peer-groups/london/requests/{request.Reference}");
        await Expect(leadPage.Locator("#feedback-did-not-help")).ToHaveTextAsync("The day ran over by an hour and a half.");
        await CheckAsync(leadPage, "feedback-lead-view", violations);

        Assert.Empty(violations);
    }
}
