using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Packs;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;
using static LocalGovStandard.Tests.Browser.PageChecks;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Content packs in Chromium: a Midlands lead finds London's pack in the library, adopts it, revises and publishes the
/// copy, all by keyboard; the organiser's pack pages too. axe-core on every pack page; screenshots in artifacts/screenshots/.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PackBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string LondonLead = "browser.lead@westminster.gov.uk";
    private const string MidlandsLead = "browser.lead@birmingham.gov.uk";
    private const string WalesLead = "browser.lead@cardiff.gov.wales";

    [Fact]
    public async Task ALead_AdoptsAPackFromTheLibrary_RevisesAndPublishesTheCopy_ByKeyboard()
    {
        await PackSteps.LeadsAsync(fixture, LondonLead, MidlandsLead, WalesLead);
        var admin = fixture.CreateAdminClient();
        var londonId = (await PackSteps.CreateAsync(admin, "london", "Pop-up user research", 1, 14))["id"]!.GetValue<string>();
        await PackSteps.UploadAsync(admin, londonId, "Pop-up slides.pdf", PackSteps.PdfBytes());
        await PackSteps.PublishAsync(admin, londonId);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(MidlandsLead), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");

        await page.GotoAsync("/peer-groups/packs");
        await CheckAsync(page, "packs-library", violations);
        await TabToAsync(page, page.Locator("#point"));
        await keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show packs" }));
        await keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("point=1$"));
        await CheckAsync(page, "packs-library-point-1", violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Pop-up user research" }), maxPresses: 60);
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Pop-up user research");
        await CheckAsync(page, "packs-pack", violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Adopt into Midlands" }), maxPresses: 60);
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-notification-banner__heading")).ToContainTextAsync("The pack was adopted");
        await Expect(page.Locator("main")).ToContainTextAsync("revised from London's pack of");
        await CheckAsync(page, "packs-adopted-copy", violations);
        await TabToAsync(page, page.Locator("#title"), maxPresses: 60);
        await keyboard.PressAsync("End");
        await keyboard.TypeAsync(" in the Midlands");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }), maxPresses: 60);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Change Pop-up user research in the Midlands");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Publish pack" }), maxPresses: 80);
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-notification-banner__heading")).ToContainTextAsync("The pack is published");
        await Expect(page.Locator("main")).ToContainTextAsync("Revised from London's pack of");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Pop-up slides.pdf" })).ToBeVisibleAsync();
        await CheckAsync(page, "packs-published-copy", violations);

        await page.GotoAsync("/peer-groups/midlands/packs");
        await CheckAsync(page, "packs-group", violations);
        await page.GotoAsync("/peer-groups/midlands/packs/new");
        await PressButtonAsync(page, "Create pack");
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "packs-new-error", violations);
        await page.GotoAsync($"/peer-groups/packs/{londonId}");
        await Expect(page.Locator("main")).ToContainTextAsync("Adopted by Midlands");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task TheOrganisersPackPages_PassAxe()
    {
        var admin = fixture.CreateAdminClient();
        var id = (await PackSteps.CreateAsync(admin, "wales", "Assisted digital support", 12))["id"]!.GetValue<string>();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync("/organiser/sign-in");
        await page.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What do you want to do?");

        await page.GotoAsync("/organiser/packs");
        await CheckAsync(page, "console-packs", violations);
        await page.GotoAsync($"/organiser/packs/{id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Assisted digital support");
        await CheckAsync(page, "console-pack", violations);
        await page.GotoAsync($"/organiser/peer-groups/wales/packs/{id}");
        await CheckAsync(page, "console-pack-edit", violations);
        await page.GotoAsync("/organiser/peer-groups/wales/packs");
        await CheckAsync(page, "console-group-packs", violations);
        Assert.Empty(violations);
    }
}
