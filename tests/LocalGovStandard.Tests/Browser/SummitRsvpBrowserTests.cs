using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>The summit RSVP and unsubscribe pages in headless Chromium: keyboard only, and axe-core WCAG 2.2 A/AA.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class SummitRsvpBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly DateTimeOffset Verified = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly object MidlandsCriteria = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "midlands" } };

    [Fact]
    public async Task Rsvp_WithTheKeyboardOnly_ShowsLinkedErrors_ThenConfirms_WithNoAxeViolations()
    {
        // Contacts are written straight to storage (see SummitSteps.SeedContactsAsync).
        var emails = await SummitSteps.SeedContactsAsync(fixture, TestRegister.Leicester, "browser", 1, Verified);
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, fixture.Clock, 10))["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, MidlandsCriteria);
        var invitee = Assert.Single(SummitSteps.Recipients(fixture.SendGrid.Accepted), r => r.Email == emails[0]);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();

        await page.GotoAsync(SummitSteps.PathAndQuery(invitee.RsvpLink));
        await Expect(page.Locator("h1")).ToContainTextAsync("Will you come to");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp form"));

        // Clear the badge name and send without choosing: the error summary takes focus and links to each field.
        await TabToAsync(page, page.Locator("#badgeName"));
        await keyboard.PressAsync("Control+A");
        await keyboard.PressAsync("Backspace");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        var hrefs = await page.Locator(".govuk-error-summary__list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#attending"], hrefs);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp form with errors"));

        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#attending")).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(page.Locator("#attending")).ToBeCheckedAsync();
        await TabToAsync(page, page.Locator("#badgeName"));
        await keyboard.TypeAsync("Kay Board");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Vegetarian");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }));
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Your place is confirmed");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "place confirmed"));

        // Change the answer by keyboard: the link back to the form, then "No".
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Change your answer" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#badgeName")).ToHaveValueAsync("Kay Board");
        await TabToAsync(page, page.Locator("#attending"));
        await keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#attending-2")).ToBeCheckedAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for letting us know");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "declined"));

        await page.GotoAsync("/summit/rsvp?token=garbage");
        await Expect(page.Locator("h1")).ToHaveTextAsync("This link is not valid");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp link not valid"));

        await page.GotoAsync(SummitSteps.PathAndQuery(invitee.UnsubscribeLink));
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "unsubscribe"));
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("You have unsubscribed");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "unsubscribed"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task TheWaitingListAndClosedPages_HaveNoAxeViolations()
    {
        var emails = await SummitSteps.SeedContactsAsync(fixture, TestRegister.Leicester, "full", 2, Verified);
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, fixture.Clock, capacity: 1))["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, MidlandsCriteria);
        var invitees = SummitSteps.Recipients(fixture.SendGrid.Accepted).Where(r => emails.Contains(r.Email)).ToList();
        var first = fixture.CreateClient();
        var (_, hidden) = await SummitSteps.OpenRsvpAsync(first, invitees[0].RsvpLink);
        (await SummitSteps.AnswerAsync(first, hidden, "yes")).Dispose();

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(SummitSteps.PathAndQuery(invitees[1].RsvpLink));
        await page.Locator("#attending").CheckAsync();
        await page.Locator("#badgeName").FillAsync("Second Person");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("You are on the waiting list");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "waiting list"));

        fixture.Clock.Advance(TimeSpan.FromDays(15));
        await page.GotoAsync(SummitSteps.PathAndQuery(invitees[1].RsvpLink));
        await Expect(page.Locator("h1")).ToHaveTextAsync("RSVPs are closed");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvps closed"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }
}
