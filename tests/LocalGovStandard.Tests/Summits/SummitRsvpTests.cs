using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Signups;
using LocalGovStandard.Events;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Summits;

/// <summary>25 early adopters in Birmingham and two in Cardiff, seeded once; each test runs its own summit.</summary>
public sealed class SummitRsvpFixture : ServiceFixture
{
    public static readonly DateTimeOffset Verified = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    public List<string> Birmingham { get; private set; } = [];
    public List<string> Cardiff { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Birmingham = await SummitSteps.SeedContactsAsync(this, TestRegister.Birmingham, "rsvp", 25, Verified);
        Cardiff = await SummitSteps.SeedContactsAsync(this, TestRegister.Cardiff, "wales", 2, Verified);
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SummitRsvpTests(SummitRsvpFixture fixture) : IClassFixture<SummitRsvpFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private static readonly object Midlands = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "midlands" } };

    /// <summary>Creates a summit, invites the Birmingham cohort, and returns each invitee's captured message.</summary>
    private async Task<(string Id, JsonNode Summit, List<CapturedRecipient> Invitees)> InvitedSummitAsync(int capacity, TimeSpan? rsvpIn = null, object? criteria = null)
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var summit = await SummitSteps.CreateSummitAsync(admin, _clock, capacity, rsvpIn: rsvpIn);
        var id = summit["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, criteria ?? Midlands);
        var invitees = SummitSteps.Recipients(fixture.SendGrid.Accepted).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
        fixture.SendGrid.Reset();
        return (id, summit, invitees);
    }

    [Fact]
    public async Task LastSeats_20ConcurrentAcceptsFor5Places_Leave5Accepted_And15Waitlisted_ThenADeclinePromotesTheFirst()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 5);
        var twenty = invitees.Take(20).ToList();

        // Each invitee opens their page in their own client (own antiforgery cookie), then all answer at once.
        var opened = await Task.WhenAll(twenty.Select(async invitee =>
        {
            var client = fixture.CreateClient();
            var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
            return (Client: client, Fields: fields, Invitee: invitee);
        }));
        var answers = await Task.WhenAll(opened.Select(async o =>
        {
            using var response = await SummitSteps.AnswerAsync(o.Client, o.Fields, "yes", badgeName: o.Invitee.Email.Split('@')[0]);
            return (o.Invitee, Status: response.StatusCode, Html: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(5, answers.Count(a => a.Html.Contains("Your place is confirmed", StringComparison.Ordinal)));
        Assert.Equal(15, answers.Count(a => a.Html.Contains("You are on the waiting list", StringComparison.Ordinal)));

        var admin = fixture.CreateAdminClient();
        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal(5, status["counts"]!["accepted"]!.GetValue<int>());
        Assert.Equal(15, status["counts"]!["waitlisted"]!.GetValue<int>());
        Assert.Equal(5, status["counts"]!["noAnswer"]!.GetValue<int>());
        var positions = status["invitations"]!.AsArray().Where(r => r!["response"]!.GetValue<string>() == "waitlisted")
            .Select(r => r!["waitlistPosition"]!.GetValue<int>()).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 15).ToArray(), positions);

        // Every acceptance gets a confirmation with a calendar file; the waitlisted get an email that says so.
        var mail = fixture.SendGrid.Accepted;
        Assert.Equal(5, mail.Count(m => m.Subject.StartsWith("You are coming to", StringComparison.Ordinal) && m.Body["attachments"] is not null));
        Assert.Equal(15, mail.Count(m => m.Subject.StartsWith("You are on the waiting list", StringComparison.Ordinal)));

        // A decline frees a place: the first on the waitlist gets it, and an email saying so.
        var accepted = answers.First(a => a.Html.Contains("Your place is confirmed", StringComparison.Ordinal)).Invitee;
        var declining = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(declining, accepted.RsvpLink);
        using (var declined = await SummitSteps.AnswerAsync(declining, fields, "no"))
        {
            Assert.Contains("Thank you for letting us know", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var firstWaiting = status["invitations"]!.AsArray().First(r => r!["waitlistPosition"]?.GetValue<int>() == 1)!["contactEmail"]!.GetValue<string>();
        status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal(5, status["counts"]!["accepted"]!.GetValue<int>());
        Assert.Equal(14, status["counts"]!["waitlisted"]!.GetValue<int>());
        Assert.Equal(1, status["counts"]!["declined"]!.GetValue<int>());
        Assert.Equal("accepted", status["invitations"]!.AsArray().First(r => r!["contactEmail"]!.GetValue<string>() == firstWaiting)!["response"]!.GetValue<string>());
        Assert.Contains(fixture.SendGrid.Accepted, m => m.To == firstWaiting && m.Subject.StartsWith("A place is now yours", StringComparison.Ordinal));

        // The export: attendees, waitlist in order, declines; JSON and a workbook with named tables.
        var lists = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/attendees"))!;
        Assert.Equal(5, lists["attendees"]!.AsArray().Count);
        Assert.Equal(14, lists["waitlist"]!.AsArray().Count);
        Assert.Equal(Enumerable.Range(1, 14).ToArray(), lists["waitlist"]!.AsArray().Select(p => p!["waitlistPosition"]!.GetValue<int>()).ToArray());
        Assert.Equal(accepted.Email, lists["declines"]![0]!["contactEmail"]!.GetValue<string>());

        using var workbook = new XLWorkbook(new MemoryStream(await admin.GetByteArrayAsync($"/api/admin/summits/{id}/attendees.xlsx")));
        Assert.Equal(["Attendees", "Waitlist", "Declines"], workbook.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal(5, workbook.Worksheet("Attendees").Table("Attendees").DataRange.RowCount());
        Assert.Equal(14, workbook.Worksheet("Waitlist").Table("Waitlist").DataRange.RowCount());
        Assert.Equal(1, workbook.Worksheet("Declines").Table("Declines").DataRange.RowCount());
    }

    [Fact]
    public async Task WaitingListPlaces_CountThePeopleStillWaiting_NotThoseAlreadyPromoted()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 1);
        var (a, b) = (invitees[0], invitees[1]);
        var aClient = fixture.CreateClient();
        var bClient = fixture.CreateClient();

        var (_, aFields) = await SummitSteps.OpenRsvpAsync(aClient, a.RsvpLink);
        using (var accepted = await SummitSteps.AnswerAsync(aClient, aFields, "yes"))
        {
            Assert.Contains("Your place is confirmed", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (_, bFields) = await SummitSteps.OpenRsvpAsync(bClient, b.RsvpLink);
        using (var waiting = await SummitSteps.AnswerAsync(bClient, bFields, "yes"))
        {
            Assert.Contains("You are number <strong>1</strong> on the waiting list", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A declines, so B is promoted; then A accepts again and is the only one waiting.
        (_, aFields) = await SummitSteps.OpenRsvpAsync(aClient, a.RsvpLink);
        (await SummitSteps.AnswerAsync(aClient, aFields, "no")).Dispose();
        fixture.SendGrid.Reset();
        (_, aFields) = await SummitSteps.OpenRsvpAsync(aClient, a.RsvpLink);
        using (var again = await SummitSteps.AnswerAsync(aClient, aFields, "yes"))
        {
            Assert.Contains("You are number <strong>1</strong> on the waiting list", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var (page, _) = await SummitSteps.OpenRsvpAsync(aClient, a.RsvpLink);
        Assert.Contains("You are on the waiting list (number 1)", page, StringComparison.Ordinal);
        var email = Assert.Single(fixture.SendGrid.Accepted, m => m.To == a.Email);
        Assert.Contains("(number 1 in the queue)", email.PlainText, StringComparison.Ordinal);

        var admin = fixture.CreateAdminClient();
        var status = await SummitSteps.InvitationsAsync(admin, id);
        var rows = status["invitations"]!.AsArray();
        Assert.Equal("accepted", rows.First(r => r!["contactEmail"]!.GetValue<string>() == b.Email)!["response"]!.GetValue<string>());
        Assert.Equal(1, rows.First(r => r!["contactEmail"]!.GetValue<string>() == a.Email)!["waitlistPosition"]!.GetValue<int>());
        var lists = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/attendees"))!;
        var waitlist = Assert.Single(lists["waitlist"]!.AsArray());
        Assert.Equal(a.Email, waitlist!["contactEmail"]!.GetValue<string>());
        Assert.Equal(1, waitlist["waitlistPosition"]!.GetValue<int>());
        using var workbook = new XLWorkbook(new MemoryStream(await admin.GetByteArrayAsync($"/api/admin/summits/{id}/attendees.xlsx")));
        Assert.Equal("1", workbook.Worksheet("Waitlist").Cell(2, 1).GetString());
    }

    [Fact]
    public async Task TheAttendeeWorkbook_PrintsLandscapeOnePageWide_WithHeadersRepeated_AndHoldsRealDatesAndPositions()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 1);
        var before = _clock.GetUtcNow();
        foreach (var invitee in invitees.Take(2))
        {
            var client = fixture.CreateClient();
            var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
            (await SummitSteps.AnswerAsync(client, fields, "yes")).Dispose();
        }

        var after = _clock.GetUtcNow();
        var bytes = await fixture.CreateAdminClient().GetByteArrayAsync($"/api/admin/summits/{id}/attendees.xlsx");

        Reports.PrintSettings.AssertLandscapeOnePageWideWithRepeatedHeader(bytes);
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var attendee = workbook.Table("Attendees").DataRange.FirstRow();
        var answered = attendee.Cell(8);
        Assert.Equal("Answered (UTC)", workbook.Table("Attendees").Fields.ElementAt(7).Name);
        Assert.Equal(XLDataType.DateTime, answered.DataType);
        Assert.Equal("d mmm yyyy hh:mm", answered.Style.NumberFormat.Format);
        Assert.InRange(answered.GetDateTime(), before.UtcDateTime, after.UtcDateTime);
        var position = workbook.Table("Waitlist").DataRange.FirstRow().Cell(1);
        Assert.Equal((XLDataType.Number, 1d), (position.DataType, position.GetDouble()));
        using var package = new Reports.OpenXmlView(bytes);
        Assert.Empty(package.Validate());
    }

    [Fact]
    public async Task Acceptance_SendsAnIcsThatParses_WithTheRightUtcTimes_AndFormulaLikeTextStaysTextInTheWorkbook()
    {
        var (id, summit, invitees) = await InvitedSummitAsync(capacity: 10);
        var client = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitees[0].RsvpLink);
        using var answer = await SummitSteps.AnswerAsync(client, fields, "yes", badgeName: "=HYPERLINK(\"http://evil\")", dietary: "+vegan", access: "@step-free");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        var confirmation = Assert.Single(fixture.SendGrid.Accepted, m => m.To == invitees[0].Email);
        var ics = SummitSteps.Attachment(confirmation, "summit.ics");
        var calendar = StrictICalendar.Parse(ics);
        var startsAt = summit["startsAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(startsAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), calendar.Event["DTSTART"]);
        Assert.Equal(startsAt.AddHours(7).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), calendar.Event["DTEND"]);
        Assert.Equal(startsAt, StrictICalendar.UtcDateTime(calendar.Event["DTSTART"]));
        Assert.Equal(summit["name"]!.GetValue<string>(), StrictICalendar.Unescape(calendar.Event["SUMMARY"]));
        Assert.Equal($"{id}@standard.localgov.digital", calendar.Event["UID"]);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", calendar.Event["DTSTAMP"]);
        Assert.StartsWith("The Exchange, 3 Centenary Square, Birmingham B1 2DR", StrictICalendar.Unescape(calendar.Event["LOCATION"]), StringComparison.Ordinal);
        Assert.Contains("Café provided", StrictICalendar.Unescape(calendar.Event["DESCRIPTION"]), StringComparison.Ordinal);
        Assert.True(calendar.FoldedLines > 0, "the long description is folded");

        using var workbook = new XLWorkbook(new MemoryStream(await fixture.CreateAdminClient().GetByteArrayAsync($"/api/admin/summits/{id}/attendees.xlsx")));
        var row = workbook.Worksheet("Attendees").Table("Attendees").DataRange.FirstRow();
        foreach (var (cell, text) in new[] { (row.Cell(5), "=HYPERLINK(\"http://evil\")"), (row.Cell(6), "+vegan"), (row.Cell(7), "@step-free") })
        {
            Assert.False(cell.HasFormula, $"{text} became a formula");
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(text, cell.GetString());
        }
    }

    [Fact]
    public async Task Reminders_ReachOnlyThoseWhoHaveNotAnswered_OncePerRound()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 3);
        foreach (var (invitee, attending) in invitees.Take(5).Select((inv, i) => (inv, i % 2 == 0 ? "yes" : "no")))
        {
            var client = fixture.CreateClient();
            var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
            (await SummitSteps.AnswerAsync(client, fields, attending)).Dispose();
        }

        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        using (var round1 = await admin.PostAsJsonAsync($"/api/admin/summits/{id}/reminders/send", new { round = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, round1.StatusCode);
        }

        var reminded = SummitSteps.Recipients(fixture.SendGrid.Accepted).Select(r => r.Email).ToList();
        Assert.Equal(invitees.Skip(5).Select(i => i.Email).Order(StringComparer.Ordinal), reminded.Order(StringComparer.Ordinal));
        Assert.All(fixture.SendGrid.Accepted, r => Assert.StartsWith("Reminder:", r.Subject, StringComparison.Ordinal));

        using (var again = await admin.PostAsJsonAsync($"/api/admin/summits/{id}/reminders/send", new { round = 1 }))
        {
            Assert.Equal(0, JsonNode.Parse(await again.Content.ReadAsStringAsync())!["run"]!["sent"]!.GetValue<int>());
        }

        Assert.Single(fixture.SendGrid.Requests);
        (await admin.PostAsJsonAsync($"/api/admin/summits/{id}/reminders/send", new { round = 2 })).Dispose();
        Assert.Equal(2, fixture.SendGrid.Requests.Count);
        Assert.Equal(invitees.Count - 5, SummitSteps.Recipients([fixture.SendGrid.Requests[1]]).Count());

        using var invalid = await admin.PostAsJsonAsync($"/api/admin/summits/{id}/reminders/send", new { round = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject().ContainsKey("round"));
    }

    [Fact]
    public async Task AnInvitationAndItsReminder_EachHaveTheirOwnWellFormedMessageIdHeader()
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, 10))["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, Midlands);
        (await admin.PostAsJsonAsync($"/api/admin/summits/{id}/reminders/send", new { round = 1 })).Dispose();

        var invitations = SummitSteps.Recipients([fixture.SendGrid.Accepted[0]]).ToList();
        var reminders = SummitSteps.Recipients([fixture.SendGrid.Accepted[1]]).ToList();
        Assert.StartsWith("Reminder:", fixture.SendGrid.Accepted[1].Subject, StringComparison.Ordinal);
        Assert.Equal(invitations.Select(r => r.MessageId), reminders.Select(r => r.MessageId));
        EmailAssert.UniqueMessageIds(fixture.SendGrid.Accepted);
    }

    [Fact]
    public async Task TamperedAndExpiredTokens_GetAClearPage_AndChangeNothing()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 10);
        var invitee = invitees[0];
        var client = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);

        var token = fields["token"];
        var payload = token.Split('.')[0];
        var tampered = Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(payload))
            .Replace(invitee.MessageId, invitees[1].MessageId, StringComparison.Ordinal);
        var forged = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(tampered)) + "." + token.Split('.')[1];
        var expired = fixture.Service<SignedTokens>().Sign(EventLinks.RsvpPurpose, new EventLinks.RsvpPayload(id, invitee.MessageId, _clock.GetUtcNow().AddMinutes(-1)));

        foreach (var (bad, heading) in new[] { (forged, "This link is not valid"), (token + "x", "This link is not valid"), (expired, "This link has expired") })
        {
            using var page = await client.GetAsync("/events/rsvp?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            Assert.Contains(heading, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var post = await SummitSteps.AnswerAsync(client, new Dictionary<string, string>(fields) { ["token"] = bad }, "yes");
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Contains(heading, await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var status = await SummitSteps.InvitationsAsync(fixture.CreateAdminClient(), id);
        Assert.Equal(0, status["counts"]!["accepted"]!.GetValue<int>() + status["counts"]!["declined"]!.GetValue<int>());
        Assert.Empty(fixture.SendGrid.Requests);

        // A missing answer or an over-long badge name is a GOV.UK error, keyed to the field.
        using var invalid = await SummitSteps.AnswerAsync(client, fields, "yes", badgeName: new string('x', 61));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("href=\"#badgeName\"", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterRsvpBy_ThePageSaysRsvpsAreClosed_AndAnswersChangeNothing()
    {
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 10, rsvpIn: TimeSpan.FromHours(1));
        var client = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitees[0].RsvpLink);
        (await SummitSteps.AnswerAsync(client, fields, "yes")).Dispose();

        _clock.Advance(TimeSpan.FromHours(2));
        using var page = await client.GetAsync(SummitSteps.PathAndQuery(invitees[0].RsvpLink));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("RSVPs are closed", html, StringComparison.Ordinal);
        Assert.Contains("You have a place.", html, StringComparison.Ordinal);

        using var late = await SummitSteps.AnswerAsync(client, fields, "no");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("RSVPs are closed", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await SummitSteps.InvitationsAsync(fixture.CreateAdminClient(), id);
        Assert.Equal(1, status["counts"]!["accepted"]!.GetValue<int>());
        Assert.Equal(0, status["counts"]!["declined"]!.GetValue<int>());
    }

    /// <summary>Mail scanners open every link (GET twice, HEAD): the RSVP and unsubscribe pages only show a form, so nothing changes until the person acts.</summary>
    [Fact]
    public async Task RsvpAndUnsubscribeLinks_OpenedByAMailScanner_ChangeNothing_ThenThePersonCanAnswerAndUnsubscribe()
    {
        // A Scottish contact of its own, so unsubscribing them changes no other test's invitees.
        var scotland = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "scotland" } };
        var email = Assert.Single(await SummitSteps.SeedContactsAsync(fixture, TestRegister.Fife, "scanned", 1, SummitRsvpFixture.Verified));
        var (id, _, invitees) = await InvitedSummitAsync(capacity: 10, criteria: scotland);
        var invitee = Assert.Single(invitees);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var rsvpScan = await EmailedLinkSteps.ScanAsync(fixture, new Uri(invitee.RsvpLink));
        var unsubscribeScan = await EmailedLinkSteps.ScanAsync(fixture, new Uri(invitee.UnsubscribeLink));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], rsvpScan);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], unsubscribeScan);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.DoesNotContain(SignupService.ContactKey(email), await fixture.Service<SuppressionList>().AllAsync(CancellationToken.None));

        var client = fixture.CreateClient();
        var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
        using (var answer = await SummitSteps.AnswerAsync(client, fields, "no"))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal(1, (await SummitSteps.InvitationsAsync(fixture.CreateAdminClient(), id))["counts"]!["declined"]!.GetValue<int>());
        var unsubscribed = await EmailedLinkSteps.OpenAndPressAsync(fixture, new Uri(invitee.UnsubscribeLink));
        Assert.Equal("You have unsubscribed", unsubscribed.Element(".govuk-panel__title")!.TextContent);
        Assert.Contains(SignupService.ContactKey(email), await fixture.Service<SuppressionList>().AllAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OneClickUnsubscribe_IsHonouredByTheNextSummit_PreviewAndSend()
    {
        var wales = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "wales" } };
        var (_, _, invitees) = await InvitedSummitAsync(capacity: 10, criteria: wales);
        Assert.Equal(2, invitees.Count);
        var leaving = invitees[0];

        // RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address.
        var header = leaving.Headers["List-Unsubscribe"].Trim('<', '>');
        using (var oneClick = await fixture.CreateClient().PostAsync(SummitSteps.PathAndQuery(header),
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })))
        {
            Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
            Assert.Contains("You have unsubscribed", await oneClick.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var admin = fixture.CreateAdminClient();
        var next = (await SummitSteps.CreateSummitAsync(admin, _clock, 10, name: "Next summit"))["id"]!.GetValue<string>();
        var preview = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{next}/invitees?verifiedOnOrBefore=2026-01-31&peerGroups=wales"))!;
        Assert.Equal([invitees[1].Email], preview["invitees"]!.AsArray().Select(i => i!["contactEmail"]!.GetValue<string>()).ToArray());

        await SummitSteps.SendAsync(admin, next, wales);
        Assert.Equal([invitees[1].Email], SummitSteps.Recipients(fixture.SendGrid.Accepted).Select(r => r.Email).ToArray());

        // The link in the body shows a page with a button first (link scanners must not unsubscribe anyone).
        var page = await HtmlPage.ReadAsync(await fixture.CreateClient().GetAsync(SummitSteps.PathAndQuery(invitees[1].UnsubscribeLink)));
        Assert.Equal("Unsubscribe from emails about Standard Summits", page.Heading);
        Assert.Equal("/events/unsubscribe", page.Element("main form")!.GetAttribute("action"));
        using var tampered = await fixture.CreateClient().PostAsync(SummitSteps.PathAndQuery(invitees[1].UnsubscribeLink) + "x", null);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
    }
}

/// <summary>
/// A deliberately strict RFC 5545 reader: CRLF only, lines of at most 75 octets, continuation lines
/// starting with one space, BEGIN/END nesting, and the properties a VEVENT must have.
/// </summary>
public sealed class StrictICalendar
{
    public Dictionary<string, string> Event { get; } = new(StringComparer.Ordinal);
    public int FoldedLines { get; private set; }

    public static StrictICalendar Parse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var physical = text[..^2].Split("\r\n");
        var calendar = new StrictICalendar();
        var logical = new List<string>();
        foreach (var line in physical)
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"line longer than 75 octets: {line}");
            if (line.StartsWith(' '))
            {
                Assert.NotEmpty(logical);
                logical[^1] += line[1..];
                calendar.FoldedLines++;
            }
            else
            {
                logical.Add(line);
            }
        }

        var stack = new Stack<string>();
        foreach (var line in logical)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"not a content line: {line}");
            var (name, value) = (line[..colon], line[(colon + 1)..]);
            if (name == "BEGIN")
            {
                stack.Push(value);
            }
            else if (name == "END")
            {
                Assert.Equal(stack.Pop(), value);
            }
            else if (stack.Count > 0 && stack.Peek() == "VEVENT")
            {
                calendar.Event[name] = value;
            }
        }

        Assert.Empty(stack);
        Assert.Equal("BEGIN:VCALENDAR", logical[0]);
        Assert.Contains("VERSION:2.0", logical);
        Assert.Contains(logical, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        foreach (var required in new[] { "UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY" })
        {
            Assert.True(calendar.Event.ContainsKey(required), $"VEVENT has no {required}");
        }

        return calendar;
    }

    public static DateTimeOffset UtcDateTime(string value) =>
        DateTimeOffset.ParseExact(value, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);

    public static string Unescape(string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                text.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                Assert.False(value[i] is ',' or ';', $"unescaped {value[i]} in {value}");
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }
}
