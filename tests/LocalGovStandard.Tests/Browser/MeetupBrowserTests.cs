using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A peer group's lead schedules a series of meet-ups with the keyboard alone, through the error summary and back; axe-core
/// on the lead's page (empty, with errors, scheduled) and on the console's page for the same group; screenshots of each.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class MeetupBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALead_SchedulesASeries_WithTheKeyboardOnly_AndEveryMeetupPage_HasNoAxeViolations()
    {
        const string email = "lena.lead@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, email);
        await fixture.Service<PeerGroupEditor>().SaveAsync(
            "midlands", new("Midlands", ["west-midlands", "east-midlands"], [new("Lena Lead", email)]), "test", CancellationToken.None);
        var year = (fixture.Clock.GetUtcNow().Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var link = await fixture.SignInLinkForAsync(email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, link, BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");

        await page.GotoAsync("/peer-groups/midlands/events");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Midlands meet-ups");
        await CheckAsync(page, "lead", violations);

        await PressScheduleAsync(page);
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync(page, "lead-errors", violations);

        await Expect(page.Locator(".govuk-error-summary a[href='#startsAt-day']")).ToBeVisibleAsync();
        await TypeIntoAsync(page, "#title", "Assisted digital in practice");
        await TabToAsync(page, page.Locator("#points-12"));
        await keyboard.PressAsync("Space");
        await TypeIntoAsync(page, "#startsAt-day", "12");
        await TypeIntoAsync(page, "#startsAt-month", "1");
        await TypeIntoAsync(page, "#startsAt-year", year);
        await TypeIntoAsync(page, "#startsAt-time", "18:00");
        await TypeIntoAsync(page, "#onlineLink", "https://meet.example.gov.uk/midlands");
        await TypeIntoAsync(page, "#capacity", "30");
        await TypeIntoAsync(page, "#speaker1Name", "Sam Speaker");
        await TypeIntoAsync(page, "#speaker1Organisation", "Birmingham City Council");
        await TypeIntoAsync(page, "#speaker1Talk", "Assisted digital at the library desk");
        await TypeIntoAsync(page, "#meetings", "4");
        await TypeIntoAsync(page, "#everyWeeks", "6");
        await PressScheduleAsync(page);

        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("4 meet-ups are scheduled");
        await Expect(page.Locator("#meetups tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#meetups tbody tr").First).ToContainTextAsync("Assisted digital in practice");
        await Expect(page.Locator("#meetups tbody tr").First).ToContainTextAsync("6:00pm to 8:00pm UK time");
        await Expect(page.Locator("#meetups tbody tr").Last).ToContainTextAsync("6:00pm to 8:00pm UK time");
        await CheckAsync(page, "lead-scheduled", violations);

        // The group another lead leads is not there for this one.
        var other = await page.GotoAsync("/peer-groups/london/events");
        Assert.Equal(404, other!.Status);

        await using var console = await fixture.NewContextAsync(bypassCsp: true);
        var organiser = await console.NewPageAsync();
        await organiser.GotoAsync("/organiser/peer-groups/midlands/events");
        await organiser.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await organiser.Keyboard.PressAsync("Enter");
        await Expect(organiser.Locator("h1")).ToHaveTextAsync("Midlands meet-ups");
        await Expect(organiser.Locator("#meetups tbody tr")).ToHaveCountAsync(4);
        await CheckAsync(organiser, "console", violations);

        Assert.Empty(violations);
    }

    /// <summary>Tabs past the form's fifteen points and all its fields to the Schedule button, and presses Enter.</summary>
    private static async Task PressScheduleAsync(IPage page)
    {
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }), maxPresses: 150);
        await page.Keyboard.PressAsync("Enter");
    }

    private static Task CheckAsync(IPage page, string name, List<string> violations) => PageChecks.CheckAsync(page, "meetups-" + name, violations);
}
