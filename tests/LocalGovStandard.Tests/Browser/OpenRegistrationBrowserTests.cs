using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Issue 15's journey for open registration, with the keyboard alone and axe-core on every page it adds: a lead schedules a
/// series open to registration; someone at a council in the group's area finds the public page, meets the error summary,
/// registers, and confirms the link from the loopback SendGrid's capture with its button. Screenshots of each page.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class OpenRegistrationBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALeadOpensASeries_AndSomeoneRegistersAndConfirms_WithTheKeyboardOnly_WithNoAxeViolations()
    {
        const string lead = "rita.lead@birmingham.gov.uk";
        const string visitor = "vic.visitor@birmingham.gov.uk";
        await OpenRegistrationSteps.AddCouncilDomainsAsync(fixture);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, lead);
        await fixture.Service<PeerGroupEditor>().SaveAsync(
            "midlands", new("Midlands", ["west-midlands", "east-midlands"], [new("Rita Lead", lead)]), "test", CancellationToken.None);
        var year = (fixture.Clock.GetUtcNow().Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var violations = new List<string>();

        await using var leadContext = await fixture.NewContextAsync(bypassCsp: true);
        var page = await leadContext.NewPageAsync();
        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(lead), BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");
        await page.GotoAsync("/peer-groups/midlands/events");
        await TypeIntoAsync(page, "#title", "Testing with real users");
        await TabToAsync(page, page.Locator("#points-8"), maxPresses: 80);
        await page.Keyboard.PressAsync("Space");
        await TypeIntoAsync(page, "#startsAt-day", "12");
        await TypeIntoAsync(page, "#startsAt-month", "1");
        await TypeIntoAsync(page, "#startsAt-year", year);
        await TypeIntoAsync(page, "#startsAt-time", "18:00");
        await TypeIntoAsync(page, "#venue", "The Library of Birmingham");
        await TypeIntoAsync(page, "#address", "Centenary Square, Birmingham B1 2ND");
        await TypeIntoAsync(page, "#onlineLink", "https://meet.example.gov.uk/midlands-testing");
        await TypeIntoAsync(page, "#capacity", "20");
        await TypeIntoAsync(page, "#meetings", "2");
        await TypeIntoAsync(page, "#everyWeeks", "6");
        await TabToAsync(page, page.Locator("#openForRegistration"), maxPresses: 80);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }), maxPresses: 40);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("2 meet-ups are scheduled");
        var row = page.Locator("#meetups tbody tr", new() { HasText = "Testing with real users" }).First;
        await Expect(row).ToContainTextAsync("Close registration");
        await CheckAsync(page, "lead-open", violations);
        var publicPath = await row.Locator("a.public-page").GetAttributeAsync("href");

        await using var visitorContext = await fixture.NewContextAsync(bypassCsp: true);
        var visit = await visitorContext.NewPageAsync();
        await visit.GotoAsync(publicPath!);
        await Expect(visit.Locator("h1")).ToHaveTextAsync("Testing with real users");
        await Expect(visit.Locator("#places-left")).ToHaveTextAsync("20");
        await Expect(visit.Locator("main")).Not.ToContainTextAsync("meet.example.gov.uk");
        await CheckAsync(visit, "public", violations);

        await PressButtonAsync(visit, "Register");
        await Expect(visit.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync(visit, "public-errors", violations);
        await TypeIntoAsync(visit, "#name", "Vic Visitor");
        await TypeIntoAsync(visit, "#email", visitor);
        await TypeIntoAsync(visit, "#organisation", "Birmingham City Council");
        await PressButtonAsync(visit, "Register");
        await Expect(visit.Locator("h1")).ToHaveTextAsync("Check your email");
        await CheckAsync(visit, "sent", violations);

        await visit.GotoAsync(new Uri(fixture.BaseUrl, OpenRegistrationSteps.LinkFor(fixture, visitor).PathAndQuery).ToString());
        await Expect(visit.Locator("h1")).ToHaveTextAsync("Confirm your place at Testing with real users");
        await CheckAsync(visit, "confirm", violations);
        await PressButtonAsync(visit, "Confirm and ask for a place");
        await Expect(visit.Locator("h1")).ToHaveTextAsync("Your place is confirmed");
        await CheckAsync(visit, "confirmed", violations);

        Assert.Empty(violations);
    }

    private static Task CheckAsync(IPage page, string name, List<string> violations) => PageChecks.CheckAsync(page, "open-registration-" + name, violations);
}
