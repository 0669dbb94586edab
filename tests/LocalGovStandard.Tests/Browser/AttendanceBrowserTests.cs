using System.Net;
using LocalGovStandard.Events;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// A peer group's lead records who came to a meet-up with the keyboard alone: ticks the one person with a place and adds
/// someone who came without one; axe-core on the meet-up's page before and after; screenshots of each.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class AttendanceBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ALead_RecordsAttendance_WithTheKeyboardOnly_AndTheMeetupsPage_HasNoAxeViolations()
    {
        const string email = "ada.after@birmingham.gov.uk";
        var clock = fixture.Clock.StartTest();
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, email);
        await fixture.Service<PeerGroupEditor>().SaveAsync(
            "midlands", new("Midlands", ["west-midlands", "east-midlands"], [new("Ada After", email)]), "test", CancellationToken.None);
        var starts = clock.GetUtcNow().AddHours(1);
        var meetup = new ValidMeetup("Testing end to end", [8], starts, starts.AddHours(2), "", "", "https://meet.example.gov.uk/midlands", 20, [], "", 1, 1);
        var id = (await fixture.Service<EventStore>().CreateMeetupsAsync("midlands", meetup, null, CancellationToken.None)).Single().SummitId;
        fixture.SendGrid.Reset();
        await MeetupSteps.PostAsync(fixture.CreateAdminClient(), $"/api/admin/peer-groups/midlands/events/{id}/invitations/send");
        var invitation = SummitSteps.Recipients(fixture.SendGrid.Accepted).Single(r => r.Email == email);
        var rsvp = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(rsvp, invitation.RsvpLink);
        using (var answer = await SummitSteps.AnswerAsync(rsvp, fields, "yes"))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        clock.Advance(TimeSpan.FromHours(2));
        var link = await fixture.SignInLinkForAsync(email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await OpenEmailedLinkAndPressAsync(page, link, BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");

        await page.GotoAsync($"/peer-groups/midlands/events/{id}");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Testing end to end");
        await CheckAsync(page, "before", violations);

        await TabToAsync(page, page.Locator("#attended"), maxPresses: 60);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.Locator("#walkIn1Name"));
        await page.Keyboard.TypeAsync("Sam Walker");
        await TabToAsync(page, page.Locator("#walkIn1Council"));
        await page.Keyboard.TypeAsync("Leicester");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save attendance" }), maxPresses: 60);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("Attendance is saved: 2 came");
        await Expect(page.Locator("#attended")).ToBeCheckedAsync();
        await Expect(page.Locator("#walkIn1Name")).ToHaveValueAsync("Sam Walker");
        await Expect(page.Locator("#walkIn1Council")).ToHaveValueAsync(TestRegister.Leicester.GssCode);
        await Expect(page.Locator("#message")).ToBeVisibleAsync();
        await CheckAsync(page, "recorded", violations);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task TheConsolesMeetupPages_HaveNoAxeViolations()
    {
        var clock = fixture.Clock.StartTest();
        var starts = clock.GetUtcNow().AddDays(10);
        var meetup = new ValidMeetup("Assisted digital, in the console", [6], starts, starts.AddHours(2), "Council House", "Victoria Square, Birmingham", "", 20, [], "", 1, 1);
        var id = (await fixture.Service<EventStore>().CreateMeetupsAsync("midlands", meetup, null, CancellationToken.None)).Single().SummitId;
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync("/organiser/sign-in");
        await page.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await PressButtonAsync(page, "Sign in");
        await Expect(page.Locator("h1")).ToHaveTextAsync("What do you want to do?");

        await page.GotoAsync("/organiser/peer-groups/midlands/events");
        await Expect(page.Locator("#programme tbody tr")).Not.ToHaveCountAsync(0);
        await CheckAsync(page, "console-meetups", violations);
        foreach (var (path, name) in new[] { ("", "console-meetup"), ("/move", "console-move"), ("/cancel", "console-cancel"), ("/invitations", "console-invite") })
        {
            await page.GotoAsync($"/organiser/peer-groups/midlands/events/{id}{path}");
            await Expect(page.Locator("main")).ToContainTextAsync("Assisted digital, in the console");
            await CheckAsync(page, name, violations);
        }

        Assert.Empty(violations);
    }

    private static Task CheckAsync(IPage page, string name, List<string> violations) => PageChecks.CheckAsync(page, "attendance-" + name, violations);
}
