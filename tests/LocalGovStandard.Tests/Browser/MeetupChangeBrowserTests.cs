using System.Globalization;
using System.Net.Http.Json;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A peer group's lead moves a meet-up (through the check page) and then cancels it, with the keyboard alone; axe-core on the
/// meet-ups page with its suggested programme, the move form, the check page, the confirmation, and the cancel form with and without errors.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class MeetupChangeBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALead_MovesAndThenCancelsAMeetup_WithTheKeyboardOnly_AndEveryPage_HasNoAxeViolations()
    {
        const string email = "sol.lead@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);
        await fixture.Service<PeerGroupEditor>().SaveAsync("south", new("South", ["south-east", "south-west"], [new("Sol Lead", email)]), "test", CancellationToken.None);
        var starts = fixture.Clock.GetUtcNow().AddDays(30);
        using (var response = await fixture.CreateAdminClient().PostAsJsonAsync("/api/admin/peer-groups/south/events", MeetupSteps.Body(starts)))
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        var newYear = (fixture.Clock.GetUtcNow().Year + 1).ToString(CultureInfo.InvariantCulture);
        var link = await fixture.SignInLinkForAsync(email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, link, BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");

        await page.GotoAsync("/peer-groups/south/events");
        await Expect(page.Locator("#programme tbody tr")).ToHaveCountAsync(15);
        await CheckAsync(page, "list", violations);
        await TabToAsync(page, page.Locator("#meetups a", new() { HasTextString = "Move" }), maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Move User research in practice");
        await CheckAsync(page, "move", violations);

        await TypeIntoAsync(page, "#startsAt-day", "15");
        await TypeIntoAsync(page, "#startsAt-month", "3");
        await TypeIntoAsync(page, "#startsAt-year", newYear);
        await TypeIntoAsync(page, "#startsAt-time", "18:30");
        await TypeIntoAsync(page, "#venue", "Brighton Dome");
        await TypeIntoAsync(page, "#address", "Church Street, Brighton");
        await PressButtonAsync(page, "Continue");
        await Expect(page.Locator("#moves-to")).ToContainTextAsync("Brighton Dome");
        await Expect(page.Locator("#moves-to")).ToContainTextAsync("6:30pm");
        await CheckAsync(page, "move-check", violations);
        await TabToAsync(page, page.Locator("#confirm"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Meet-up moved");
        await CheckAsync(page, "moved", violations);

        await TabToAsync(page, page.Locator("main a", new() { HasTextString = "Back to South meet-ups" }), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#meetups tbody tr").First).ToContainTextAsync($"15 March {newYear}");
        await TabToAsync(page, page.Locator("#meetups a", new() { HasTextString = "Cancel" }), maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cancel User research in practice");
        await CheckAsync(page, "cancel", violations);
        await PressButtonAsync(page, "Cancel the meet-up");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator(".govuk-error-summary a[href='#reason']")).ToBeVisibleAsync();
        await CheckAsync(page, "cancel-errors", violations);
        await TypeIntoAsync(page, "#reason", "The venue flooded. We will find a new date.");
        await PressButtonAsync(page, "Cancel the meet-up");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Meet-up cancelled");
        await CheckAsync(page, "cancelled", violations);

        await page.GotoAsync("/peer-groups/south/events");
        await Expect(page.Locator("#meetups tbody tr").First).ToContainTextAsync("Cancelled");
        Assert.Empty(violations);
    }

    private static Task CheckAsync(IPage page, string name, List<string> violations) => PageChecks.CheckAsync(page, "meetup-change-" + name, violations);
}
