using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Trust;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Who may act for a council, in Chromium by keyboard: a council's contact answers the emailed approval link, and an
/// organiser works through the approvals and domains pages. axe-core on every page; screenshots in artifacts/screenshots/.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class ApprovalBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ACouncilContact_ApprovesAColleague_FromTheEmailedLink_ByKeyboard()
    {
        const string lead = "lead.approver@birmingham.gov.uk";
        const string colleague = "colleague@brum-digital.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, lead);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, colleague);
        var link = TrustSteps.LatestApprovalLink(fixture.SendGrid, lead);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync(link.PathAndQuery);
        await Expect(page.Locator("h1")).ToContainTextAsync("work for Birmingham City Council");
        await CheckAsync(page, "approval-link", violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "approval-link-error", violations);
        await TabToAsync(page, page.Locator("#decision"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Approved");
        await CheckAsync(page, "approval-link-answered", violations);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Birmingham, colleague));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task AnOrganiser_ApprovesFromTheList_AndChangesACouncilsDomains_ByKeyboard()
    {
        const string waiting = "waiting.browser@leicester-partners.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, waiting);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync("/organiser/sign-in");
        await page.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What do you want to do?");

        await page.GotoAsync("/organiser/approvals");
        await CheckAsync(page, "console-approvals", violations);
        var box = page.Locator($"input[name=contact][value$='/{await TrustSteps.ReferenceAsync(fixture, TestRegister.Leicester, waiting)}']");
        await TabToAsync(page, box, maxPresses: 60);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Approve the selected people" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToContainTextAsync("approved");
        await CheckAsync(page, "console-approvals-done", violations);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Leicester, waiting));

        await page.GotoAsync("/organiser/domains");
        await CheckAsync(page, "console-domains", violations);
        await page.GotoAsync($"/organiser/domains/{TestRegister.Leicester.GssCode}");
        await page.Locator("#domains").FillAsync("leicester.gov.uk\ngov.uk");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save domains" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "console-council-domains-error", violations);
        Assert.Empty(violations);
    }
}
