using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>The summit RSVP and unsubscribe pages in headless Chromium: keyboard only, and axe-core WCAG 2.2 A/AA.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class SummitRsvpBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private static readonly DateTimeOffset Verified = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly object MidlandsCriteria = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "midlands" } };

    [Fact]
    public async Task Rsvp_WithTheKeyboardOnly_ShowsLinkedErrors_ThenConfirms_WithNoAxeViolations()
    {
        var (_, invitees) = await InviteAsync("browser", 1, capacity: 10);
        var invitee = Assert.Single(invitees);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();

        await page.GotoAsync(SummitSteps.PathAndQuery(invitee.RsvpLink));
        await Expect(page.Locator("h1")).ToContainTextAsync("Will you come to");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp form"));

        // Send without choosing: the error summary takes focus and links to the question.
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
        await Expect(page.Locator("#badgeName")).ToBeVisibleAsync();
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp form, yes revealing the details"));
        await TabToAsync(page, page.Locator("#badgeName"));
        await keyboard.PressAsync("Control+A");
        await keyboard.PressAsync("Backspace");
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
        await Expect(page.Locator("#badgeName")).ToBeHiddenAsync();
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for letting us know");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "declined"));

        await page.GotoAsync("/events/rsvp?token=garbage");
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
    public async Task TheDetailsForAPlace_AreRevealedOnlyByYes_AndWithoutJavaScriptSimplyShow_AndAreIgnoredForNo()
    {
        var (id, invitees) = await InviteAsync("reveal", 2, capacity: 10);
        var violations = new List<string>();

        await using (var scripted = await fixture.NewContextAsync(bypassCsp: true))
        {
            var page = await scripted.NewPageAsync();
            await page.GotoAsync(SummitSteps.PathAndQuery(invitees[0].RsvpLink));
            var yes = page.Locator("#attending");
            // Our script (static/app/reveal.mjs) names the revealed fields in aria-controls, and puts no aria-expanded on the radio.
            await Expect(yes).ToHaveAttributeAsync("aria-controls", "conditional-attending");
            await Expect(page.Locator("#conditional-attending.govuk-radios__conditional")).ToBeHiddenAsync();
            foreach (var field in new[] { "#badgeName", "#dietaryNeeds", "#accessNeeds" })
            {
                await Expect(page.Locator(field)).ToBeHiddenAsync();
            }

            violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp, details hidden"));

            // By keyboard: Space chooses "Yes" and reveals the fields, and Tab goes on into them.
            await yes.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Expect(yes).ToBeCheckedAsync();
            foreach (var field in new[] { "#badgeName", "#dietaryNeeds", "#accessNeeds" })
            {
                await Expect(page.Locator(field)).ToBeVisibleAsync();
            }

            await page.Keyboard.PressAsync("Tab");
            await Expect(page.Locator("#badgeName")).ToBeFocusedAsync();
            Assert.Null(await yes.GetAttributeAsync("aria-expanded"));
            violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp, details revealed"));

            // An arrow key moves the choice to "No", which hides them again.
            await yes.FocusAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(page.Locator("#attending-2")).ToBeCheckedAsync();
            await Expect(page.Locator("#badgeName")).ToBeHiddenAsync();
            violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvp, details hidden again"));
        }

        await using (var plain = await fixture.NewContextAsync(javaScriptEnabled: false))
        {
            var page = await plain.NewPageAsync();
            await page.GotoAsync(SummitSteps.PathAndQuery(invitees[1].RsvpLink));
            await Expect(page.Locator("#attending")).ToHaveAttributeAsync("data-reveals", "conditional-attending");
            await Expect(page.Locator("#badgeName")).ToBeVisibleAsync();
            await Expect(page.Locator("#accessNeeds")).ToBeVisibleAsync();

            // "No" with the details emptied or filled in: they are not asked for, so no error, and not kept.
            await page.Locator("#attending-2").CheckAsync();
            await page.Locator("#badgeName").FillAsync("");
            await page.Locator("#dietaryNeeds").FillAsync("Vegan");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
            await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you for letting us know");
        }

        var invitation = (await fixture.Service<LocalGovStandard.Events.EventStore>().InvitationsAsync(id, CancellationToken.None))
            .Single(i => i.ContactEmail == invitees[1].Email);
        Assert.Equal(LocalGovStandard.Events.InvitationEntity.Declined, invitation.Response);
        Assert.Null(invitation.DietaryNeeds);
        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task TheWaitingListAndClosedPages_HaveNoAxeViolations()
    {
        var (_, invitees) = await InviteAsync("full", 2, capacity: 1);
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

        _clock.Advance(TimeSpan.FromDays(15));
        await page.GotoAsync(SummitSteps.PathAndQuery(invitees[1].RsvpLink));
        await Expect(page.Locator("h1")).ToHaveTextAsync("RSVPs are closed");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "rsvps closed"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    /// <summary>
    /// Leicester contacts, written straight to storage (see SummitSteps.SeedContactsAsync), invited to a new summit:
    /// its id and their invitations, in address order.
    /// </summary>
    private async Task<(string Id, List<CapturedRecipient> Invitees)> InviteAsync(string prefix, int count, int capacity)
    {
        var emails = await SummitSteps.SeedContactsAsync(fixture, TestRegister.Leicester, prefix, count, Verified);
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, capacity))["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, MidlandsCriteria);
        return (id, SummitSteps.Recipients(fixture.SendGrid.Accepted).Where(r => emails.Contains(r.Email)).OrderBy(r => r.Email, StringComparer.Ordinal).ToList());
    }
}
