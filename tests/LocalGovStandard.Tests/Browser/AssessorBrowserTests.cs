using System.Globalization;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments;
using LocalGovStandard.Tests.Reports;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The assessor pool in Chromium by keyboard: a contact offers to assess, a peer-group lead approves them, and the
/// console's pages. axe-core on every page; screenshots in artifacts/screenshots/.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class AssessorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AContactOffersToAssess_ByKeyboard()
    {
        const string email = "keyboard.assessor@leicester.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(email), BrowserFixture.SignInButton);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Offer to assess other councils' services" }), maxPresses: 80);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Offer to assess other councils' services");
        await CheckAsync(page, "assessor-profile", violations);
        await PressButtonAsync(page, "Offer to assess");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "assessor-profile-errors", violations);

        await TabToAsync(page, page.Locator("#roles"), maxPresses: 60);
        await keyboard.PressAsync("Space");
        await TabToAsync(page, page.Locator("#standards"));
        await keyboard.PressAsync("Space");
        var date = fixture.Clock.GetUtcNow().AddDays(45);
        await TabToAsync(page, page.Locator("#newDate-day"));
        await keyboard.TypeAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(date.Year.ToString(CultureInfo.InvariantCulture));
        await PressButtonAsync(page, "Offer to assess");

        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("Your offer to assess was saved");
        await Expect(page.Locator("#unavailable")).ToBeCheckedAsync();
        await CheckAsync(page, "assessor-profile-saved", violations);
        var reference = await Trust.TrustSteps.ReferenceAsync(fixture, TestRegister.Leicester, email);
        var stored = await AssessorSteps.StoredAsync(fixture, $"{TestRegister.Leicester.GssCode}.{reference}");
        Assert.Equal((AssessorEntity.Offered, "lead-assessor", 2), (stored!.Status, stored.Roles, stored.PerQuarter));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ALeadApprovesAnAssessorInTheirGroup_ByKeyboard_AndTheConsolePagesPassAxe()
    {
        const string lead = "keyboard.lead@fife.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Fife, lead);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "scotland", "Scotland", ["scotland"], new ReportSteps.Lead("Kim Lead", lead));
        var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Fife, "keyboard.volunteer@fife.gov.uk");
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Approve assessors in the Scotland peer group" }), maxPresses: 80);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Assessors in Scotland");
        await CheckAsync(page, "lead-assessors", violations);
        await TabToAsync(page, page.Locator($"a[href$='/{assessorId}']"));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToContainTextAsync("as an assessor");
        await CheckAsync(page, "lead-approve-assessor", violations);
        await PressButtonAsync(page, "Approve as an assessor");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "lead-approve-assessor-error", violations);
        var trained = fixture.Clock.GetUtcNow().AddDays(-20);
        await TabToAsync(page, page.Locator("#trainedOn-day"));
        await keyboard.TypeAsync(trained.Day.ToString(CultureInfo.InvariantCulture));
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(trained.Month.ToString(CultureInfo.InvariantCulture));
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(trained.Year.ToString(CultureInfo.InvariantCulture));
        await PressButtonAsync(page, "Approve as an assessor");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("The assessor was approved");
        await CheckAsync(page, "lead-assessors-approved", violations);
        Assert.Contains(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == assessorId);

        var console = await context.NewPageAsync();
        await console.GotoAsync("/organiser/sign-in");
        await console.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await console.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await console.GotoAsync("/organiser/assessors?peerGroup=scotland");
        await CheckAsync(console, "console-assessors", violations);
        await console.GotoAsync($"/organiser/assessors/{assessorId}");
        await CheckAsync(console, "console-approve-assessor", violations);
        Assert.Empty(violations);
    }
}
