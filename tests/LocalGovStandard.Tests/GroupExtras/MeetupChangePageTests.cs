using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.GroupExtras;

/// <summary>
/// Moving, cancelling and inviting to a meet-up through the pages, as the group's lead and in the console: the check step,
/// one email per person with a place (again after a repeat), a stale tab that cannot overwrite, and 404 for anyone else's group.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class MeetupChangePageTests(GroupExtrasFixture fixture) : IClassFixture<GroupExtrasFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task ALead_InvitesTheGroup_ThenMovesTheMeetup_ThroughTheCheckPage_EmailingEachPersonWithAPlaceOnce_AndAStaleTabCannotOverwrite()
    {
        var lead = await PageSession.SignInAsync(fixture, GroupExtrasFixture.LondonLead);
        var id = (await MeetupSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(20))).Single();
        var events = "/peer-groups/london/events";

        var list = await lead.GetAsync(events);
        Assert.NotNull(list.Element($"a[href='{events}/{id}/move']"));
        var invitePage = await lead.GetAsync($"{events}/{id}/invitations");
        Assert.Equal(HttpStatusCode.OK, invitePage.Status);
        var toInvite = int.Parse(invitePage.Element("#recipient-count")!.TextContent.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(toInvite >= 4, $"{toInvite} to invite");
        fixture.SendGrid.Reset();
        var invited = await lead.SubmitAsync(invitePage);
        Assert.Equal(("Invitations sent", $"We emailed {toInvite} people"), (invited.Heading, invited.Element("#emailed")!.TextContent.Trim()));
        var invitees = SummitSteps.Recipients(fixture.SendGrid.Accepted).ToList();
        Assert.Equal(toInvite, invitees.Count);
        var again = await lead.GetAsync($"{events}/{id}/invitations");
        Assert.NotNull(again.Element("#nobody"));
        var accepted = await MeetupSteps.AcceptAsync(fixture, invitees.Where(i => i.Email.StartsWith("extras.", StringComparison.Ordinal)).Take(2));

        var tab1 = await lead.GetAsync($"{events}/{id}/move");
        var tab2 = await lead.GetAsync($"{events}/{id}/move");
        var newStart = UkClock(_clock.GetUtcNow().AddDays(40), 18, 30);
        var otherStart = UkClock(_clock.GetUtcNow().AddDays(50), 9, 0);
        var tab2Check = await lead.SubmitAsync(tab2, DateFields(otherStart));
        Assert.Equal(HttpStatusCode.OK, tab2Check.Status);

        fixture.SendGrid.Reset();
        var since = _clock.GetUtcNow();
        var check = await lead.SubmitAsync(tab1, new Dictionary<string, string>(DateFields(newStart)) { ["venue"] = "Guildhall", ["address"] = "Gresham Street, London" });
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Contains("Guildhall", check.Element("#moves-to")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 people with a place", check.Element("#recipient-count")!.TextContent.Trim());
        Assert.Empty(fixture.SendGrid.Accepted);
        var moved = await lead.SubmitAsync(check, action: $"{events}/{id}/move/confirm");
        var resumed = await lead.SubmitAsync(check, action: $"{events}/{id}/move/confirm");
        var stale = await lead.SubmitAsync(tab2Check, action: $"{events}/{id}/move/confirm");

        Assert.Equal(("Meet-up moved", "We emailed 2 people"), (moved.Heading, moved.Element("#emailed")!.TextContent.Trim()));
        Assert.Equal(("Meet-up moved", "We emailed 2 people"), (resumed.Heading, resumed.Element("#emailed")!.TextContent.Trim()));
        var notices = fixture.SendGrid.Accepted.Where(m => m.Subject.StartsWith("New date:", StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted.Order(), notices.Select(m => m.To).Order());
        Assert.All(notices, m => Assert.Contains("Guildhall, Gresham Street, London", m.PlainText, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone changed this meet-up", Assert.Single(stale.ErrorMessages), StringComparison.Ordinal);
        Assert.Equal("/peer-groups/london/events/" + id + "/move", stale.Element("main form")!.GetAttribute("action"));
        Assert.Equal("Guildhall", stale.ValueOf("venue"));
        var stored = await MeetupAsync(id);
        Assert.Equal((newStart, "Guildhall", 1), (stored["startsAt"]!.GetValue<DateTimeOffset>(), stored["venue"]!.GetValue<string>(), stored["sequence"]!.GetValue<int>()));
        Assert.Single(await ConsoleSteps.AuditAsync(fixture), r => r.At >= since && r.Action == "meetup.moved" && r.Subject == id && r.Actor.StartsWith("lead:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheConsole_CancelsAMeetup_WithAReason_ThatEachPersonWithAPlaceIsToldOnce_AndThenItCannotMove()
    {
        var admin = fixture.CreateAdminClient();
        var id = (await MeetupSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(25))).Single();
        fixture.SendGrid.Reset();
        await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/invitations/send");
        var accepted = await MeetupSteps.AcceptAsync(fixture, SummitSteps.Recipients(fixture.SendGrid.Accepted).Where(i => i.Email.StartsWith("extras.", StringComparison.Ordinal)).Take(3));
        var console = await ConsoleSteps.SignInAsync(fixture);
        var path = $"/organiser/peer-groups/london/events/{id}/cancel";

        var form = await console.GetAsync(path);
        var empty = await console.SubmitAsync(form, new Dictionary<string, string> { ["reason"] = "  " });
        fixture.SendGrid.Reset();
        var cancelled = await console.SubmitAsync(form, new Dictionary<string, string> { ["reason"] = "The speaker is ill" });
        var repeated = await console.SubmitAsync(form, new Dictionary<string, string> { ["reason"] = "Another reason" });
        var move = await console.GetAsync($"/organiser/peer-groups/london/events/{id}/move");

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("3 people with a place", form.Element(".govuk-warning-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "#reason"), (empty.Status, Assert.Single(empty.ErrorLinks)));
        Assert.Equal(("Meet-up cancelled", "We emailed 3 people"), (cancelled.Heading, cancelled.Element("#emailed")!.TextContent.Trim()));
        Assert.Equal("Meet-up cancelled", repeated.Heading);
        var notices = fixture.SendGrid.Accepted.Where(m => m.Subject.StartsWith("Cancelled:", StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted.Order(), notices.Select(m => m.To).Order());
        Assert.All(notices, m => Assert.Contains("is cancelled: The speaker is ill.", m.PlainText, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, move.Status);
        Assert.NotNull((await MeetupAsync(id))["cancelledAt"]);
    }

    [Fact]
    public async Task AnotherGroupsLead_AndAnUnknownMeetup_Get404_AndNothingChanges()
    {
        var id = (await MeetupSteps.ScheduleAsync(fixture.CreateAdminClient(), _clock.GetUtcNow().AddDays(30))).Single();
        var midlands = await PageSession.SignInAsync(fixture, GroupExtrasFixture.MidlandsLead);
        var london = await PageSession.SignInAsync(fixture, GroupExtrasFixture.LondonLead);

        var pages = new[] { "move", "cancel", "invitations" };
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await midlands.GetAsync($"/peer-groups/london/events/{id}/{page}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await london.GetAsync($"/peer-groups/london/events/no-such-meetup/{page}")).Status);
        }

        // Midlands' lead posts with a good form token (from their own group's page) to London's meet-up.
        var own = await midlands.GetAsync("/peer-groups/midlands/events");
        var token = PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)own.Element("main form")!).Where(f => f.Key == "__RequestVerificationToken");
        var posted = await midlands.PostAsync($"/peer-groups/london/events/{id}/cancel", [.. token, KeyValuePair.Create("reason", "Not mine to cancel")]);
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Null((await MeetupAsync(id))["cancelledAt"]);
    }

    private static DateTimeOffset UkClock(DateTimeOffset day, int hour, int minute) =>
        LocalGovStandard.Platform.UkTime.FromUkClock(LocalGovStandard.Platform.UkTime.ToUk(day).Date.AddHours(hour).AddMinutes(minute))!.Value;

    private static Dictionary<string, string> DateFields(DateTimeOffset start)
    {
        var uk = LocalGovStandard.Platform.UkTime.ToUk(start);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new()
        {
            ["startsAt-day"] = uk.Day.ToString(culture), ["startsAt-month"] = uk.Month.ToString(culture), ["startsAt-year"] = uk.Year.ToString(culture),
            ["startsAt-time"] = uk.ToString("HH:mm", culture),
            ["endsAt-day"] = "", ["endsAt-month"] = "", ["endsAt-year"] = "", ["endsAt-time"] = "",
        };
    }

    private async Task<JsonNode> MeetupAsync(string id) =>
        JsonNode.Parse(await fixture.CreateAdminClient().GetStringAsync("/api/admin/peer-groups/london/events"))!.AsArray().Single(m => m!["id"]!.GetValue<string>() == id)!;
}
