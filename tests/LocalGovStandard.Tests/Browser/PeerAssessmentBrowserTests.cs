using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A council asks for a peer assessment with the keyboard alone; its peer group's lead and the organiser then see it.
/// axe-core on every page; screenshots in artifacts/screenshots/peer-request-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PeerAssessmentBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ARequest_MadeWithTheKeyboardOnly_ReachesTheLeadAndTheConsole_WithNoAxeViolations()
    {
        const string asker = "peer.asker@leicester.gov.uk";
        const string lead = "peer.lead@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, asker);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, lead);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "midlands", "Midlands", ["east-midlands", "west-midlands"], new ReportSteps.Lead("Mo Midlands", lead));
        var violations = new List<string>();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;

        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(asker), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await page.GotoAsync("/assessments/peer-requests");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Peer-assessment requests");
        await CheckAsync(page, "peer-request-list", violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Ask for a peer assessment" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ask for a peer assessment");
        await CheckAsync(page, "peer-request-form", violations);

        // Sending it empty: the error summary names each question and its links lead to them.
        await PressButtonAsync(page, "Send the request");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await Expect(page.Locator(".govuk-error-summary__list a").First).ToHaveAttributeAsync("href", "#serviceName");
        await CheckAsync(page, "peer-request-errors", violations);

        var today = UkTime.Today(fixture.Clock);
        await PeerRequestFormSteps.FillAsync(page, "Apply for a blue badge", "https://www.leicester.gov.uk/blue-badge", "lgdss-2016", today.AddDays(28), today.AddDays(35));

        await TabToAsync(page, page.Locator("#contactReference"));
        await keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.Locator("#conflict1"));
        await keyboard.TypeAsync("London Borough of Camden");
        Assert.NotEqual("", await page.Locator("#contactReference").InputValueAsync());
        Assert.Equal("E09000007", await page.Locator("#conflict1").InputValueAsync());

        await PressButtonAsync(page, "Send the request");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Request sent");
        var reference = (await page.Locator(".govuk-panel__body strong").TextContentAsync())!.Trim();
        await CheckAsync(page, "peer-request-sent", violations);

        await using var leadContext = await fixture.NewContextAsync(bypassCsp: true);
        var leadPage = await leadContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(leadPage, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);
        await Expect(leadPage.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await leadPage.GotoAsync("/assessments/peer-groups/midlands/requests");
        await CheckAsync(leadPage, "peer-request-lead-list", violations);
        await TabToAsync(leadPage, leadPage.GetByRole(AriaRole.Link, new() { Name = "Apply for a blue badge" }));
        await leadPage.Keyboard.PressAsync("Enter");
        await Expect(leadPage.Locator("h1")).ToHaveTextAsync("Peer assessment of Apply for a blue badge");
        await Expect(leadPage.Locator("main .govuk-summary-list")).ToContainTextAsync("London Borough of Camden");
        await CheckAsync(leadPage, "peer-request-lead-page", violations);

        await using var consoleContext = await fixture.NewContextAsync(bypassCsp: true);
        var console = await consoleContext.NewPageAsync();
        await console.GotoAsync("/organiser/sign-in");
        await console.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await console.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(console.Locator("h1")).ToHaveTextAsync("What do you want to do?");
        await console.GotoAsync("/organiser/peer-assessments");
        await CheckAsync(console, "peer-request-console-list", violations);
        await console.GotoAsync($"/organiser/peer-assessments/{reference}");
        await Expect(console.Locator("h1")).ToHaveTextAsync("Peer assessment of Apply for a blue badge");
        await CheckAsync(console, "peer-request-console-page", violations);

        Assert.Empty(violations);
    }
}
