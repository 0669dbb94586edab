using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.Organiser;

/// <summary>Each console action does its work through the same services as the API, and is written to the audit log as the console's.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ConsoleActionTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    [Fact]
    public async Task NewSummit_TakesUkClockTimes_ShowsThemBackInUkTime_AndRefusesTheHourTheClocksSkip()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/summits/new");
        var answers = new Dictionary<string, string>
        {
            ["name"] = "Summer Summit, York", ["venue"] = "The Guildhall", ["address"] = "St Helen's Square\nYork YO1 9QN", ["capacity"] = "40",
        };
        SummitForm.When(answers, "startsAt", "12", "6", "2031", "09:30");
        SummitForm.When(answers, "rsvpBy", "30", "3", "2031", "01:30");

        var skipped = await session.SubmitAsync(form, answers);
        Assert.Equal(HttpStatusCode.BadRequest, skipped.Status);
        Assert.Equal(["#rsvpBy-time"], skipped.ErrorLinks);
        Assert.Equal(["01:30 does not happen in the UK on 30 March 2031: the clocks go forward from 1am to 2am. Enter a time from 2am"], skipped.ErrorMessages);
        Assert.Equal("30", skipped.ValueOf("rsvpBy-day"));
        Assert.Equal("01:30", skipped.ValueOf("rsvpBy-time"));

        SummitForm.When(answers, "rsvpBy", "30", "5", "2031", "17:00");
        var created = await session.SubmitAsync(form, answers);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var summits = JsonNode.Parse(await fixture.CreateAdminClient().GetStringAsync(new Uri("/api/admin/summits", UriKind.Relative)))!.AsArray();
        var summit = summits.Single(s => s!["name"]!.GetValue<string>() == "Summer Summit, York")!;
        Assert.Equal(new DateTimeOffset(2031, 6, 12, 8, 30, 0, TimeSpan.Zero), summit["startsAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2031, 5, 30, 16, 0, 0, TimeSpan.Zero), summit["rsvpBy"]!.GetValue<DateTimeOffset>());
        var shown = await session.GetAsync(created.Location!);
        Assert.Contains("9:30am to 4:30pm UK time on 12 June 2031 at The Guildhall, St Helen's Square, York YO1 9QN", shown.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("answers needed by 5:00pm UK time on 30 May 2031", shown.Document.Body!.TextContent, StringComparison.Ordinal);

        var list = await session.GetAsync("/organiser/summits");
        Assert.Equal(["Summit", "Starts", "Venue", "Places"], list.Document.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        var row = list.Document.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Summer Summit, York", StringComparison.Ordinal));
        Assert.Equal("9:30am UK time on 12 June 2031", row.QuerySelectorAll("td")[1].TextContent.Trim());
    }

    [Fact]
    public async Task NewSummit_NamesTheDatePartOrTimeThatIsWrong_AndLinksToThatInput()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/summits/new");
        Assert.NotNull(form.Element("#startsAt-day"));
        Assert.NotNull(form.Element("#rsvpBy-time"));
        Assert.Null(form.Element("input#startsAt"));
        var answers = new Dictionary<string, string> { ["name"] = "Dates Summit", ["venue"] = "Hall", ["address"] = "1 Street", ["capacity"] = "10" };
        SummitForm.When(answers, "startsAt", "31", "", "2031", "9.30");
        SummitForm.When(answers, "endsAt", "30", "2", "2031", "25:00");
        SummitForm.When(answers, "rsvpBy", "1", "7", "2031", "17:00");

        var page = await session.SubmitAsync(form, answers);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["#startsAt-month", "#endsAt-day", "#endsAt-time"], page.ErrorLinks);
        Assert.Equal(
            ["Start date must include a month", "End date must be a real date", "Enter the end time as hours and minutes on the 24-hour clock, like 09:30 or 17:00"],
            page.ErrorMessages);
        Assert.Contains("govuk-input--error", page.Element("#startsAt-month")!.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-input--error", page.Element("#startsAt-day")!.ClassName, StringComparison.Ordinal);

        SummitForm.When(answers, "startsAt", "12", "6", "2031", "09:30");
        SummitForm.When(answers, "endsAt", "", "", "", "");
        var late = await session.SubmitAsync(form, answers);
        Assert.Equal(["#rsvpBy-day"], late.ErrorLinks);
        Assert.Equal(["The RSVP deadline must be before the summit starts"], late.ErrorMessages);
    }

    [Fact]
    public async Task RegisterImport_UploadsTheCsv_ShowsCountsAndEachBadLine_AndIsAudited()
    {
        var since = fixture.Clock.GetUtcNow();
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/register");
        var csv = new StringBuilder(TestRegister.Csv(TestRegister.Westminster))
            .Append("LBH,Lambeth Council,Lambeth,E09000022,2000-01-01,,,England,London,XX,London borough,True\n")
            .Append("SWK,Southwark,Southwark,E09000028,2000-01-01,,,England,London\n")
            .ToString();

        var result = await UploadRegisterAsync(session, form, csv);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Register imported with problems", result.Heading);
        Assert.Null(result.Element(".govuk-notification-banner--success"));
        Assert.Equal("#line-errors", result.Element(".govuk-notification-banner a")!.GetAttribute("href"));
        Assert.Equal("1", result.Element("#imported")!.TextContent);
        Assert.Equal("1", result.Element("#skipped")!.TextContent);
        Assert.Equal("1", result.Element("#failed")!.TextContent);
        var line = result.Document.QuerySelectorAll("#line-errors tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("4", line[0]);
        Assert.NotEmpty(line[1]);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "register.imported");
    }

    [Fact]
    public async Task RegisterImport_WithNoGoodLine_SaysNothingWasImported_InsteadOfSuccess()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/register");
        var csv = TestRegister.Csv() + "\"LBH,Lambeth Council,Lambeth,E09000022,2000-01-01,,,England,London,XX,London borough,True\n";

        var result = await UploadRegisterAsync(session, form, csv);

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("Register not imported", result.Heading);
        Assert.Null(result.Element(".govuk-notification-banner--success"));
        var banner = result.Element(".govuk-notification-banner")!;
        Assert.Equal("Important", banner.QuerySelector(".govuk-notification-banner__title")!.TextContent.Trim());
        Assert.Equal("#line-errors", banner.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("1 line was not imported. No councils were imported.", System.Text.RegularExpressions.Regex.Replace(banner.TextContent, @"\s+", " "), StringComparison.Ordinal);
        Assert.Equal("0", result.Element("#imported")!.TextContent);
        Assert.NotNull(result.Element("#line-errors"));
    }

    [Fact]
    public async Task RegisterImport_WhereEveryLineGoesIn_ShowsSuccess()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/register");

        var result = await UploadRegisterAsync(session, form, TestRegister.Csv(TestRegister.Westminster));

        Assert.Equal("Register imported", result.Heading);
        Assert.Equal("Success", result.Element(".govuk-notification-banner--success .govuk-notification-banner__title")!.TextContent.Trim());
        Assert.Null(result.Element("#line-errors"));
    }

    [Fact]
    public async Task RegisterImport_WithoutAFile_NamesTheFieldInTheErrorSummary()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/register");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(form.Element("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };

        var result = await HtmlPage.ReadAsync(await session.Client.PostAsync(new Uri("/organiser/register", UriKind.Relative), upload));

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["#register"], result.ErrorLinks);
    }

    [Fact]
    public async Task PeerGroup_Edit_NamesEachBadField_ThenSavesRegionsAndLeads_AndIsAudited()
    {
        var since = fixture.Clock.GetUtcNow();
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/peer-groups/north-east");
        Assert.Equal("Change North East", form.Heading);

        var invalid = await session.SubmitAsync(form, new Dictionary<string, string>
        {
            ["name"] = "", ["leads[0].name"] = "Nell Lead", ["leads[0].email"] = "not-an-address",
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["#name", "#leads[0].email"], invalid.ErrorLinks);
        Assert.Equal("Nell Lead", invalid.ValueOf("leads[0].name"));

        var saved = await session.SubmitAsync(invalid, new Dictionary<string, string>
        {
            ["name"] = "North East", ["leads[0].name"] = "Nell Lead", ["leads[0].email"] = "nell.lead@newcastle.gov.uk",
        });
        Assert.Equal("/organiser/peer-groups?saved=north-east", saved.Location);
        var list = await session.GetAsync(saved.Location!);
        Assert.Contains("North East was saved", list.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);

        var groups = (await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>("/api/admin/peer-groups"))!.AsArray();
        var northEast = groups.Single(g => g!["slug"]!.GetValue<string>() == "north-east")!;
        Assert.Equal("nell.lead@newcastle.gov.uk", Assert.Single(northEast["leads"]!.AsArray())!["email"]!.GetValue<string>());
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "peer-group.saved", "peer-group/north-east");
    }

    [Fact]
    public async Task Contact_IsListed_ExportedAsJson_ThenErasedAfterConfirmation_AndBothAreAudited()
    {
        const string email = "fiona.fife@fife.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Fife, email);
        var since = fixture.Clock.GetUtcNow();
        var session = await ConsoleSteps.SignInAsync(fixture);

        var list = await session.GetAsync("/organiser/signups?peerGroup=scotland");
        var link = list.Document.QuerySelectorAll("main table a").Single(a => a.ParentElement!.ParentElement!.TextContent.Contains(email, StringComparison.Ordinal));
        var contact = await session.GetAsync(link.GetAttribute("href")!);
        Assert.Contains(email, contact.Document.QuerySelector(".govuk-summary-list")!.TextContent, StringComparison.Ordinal);

        var export = await session.Client.GetAsync(new Uri(contact.Element("a[download]")!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition!.DispositionType);
        var json = JsonNode.Parse(await export.Content.ReadAsStringAsync())!;
        Assert.Equal(email, json["contact"]!["email"]!.GetValue<string>());
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "contact.exported");

        var confirm = await session.GetAsync(link.GetAttribute("href") + "/erase");
        var unconfirmed = await session.SubmitAsync(confirm);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Equal(["#confirm"], unconfirmed.ErrorLinks);

        var erased = await session.SubmitAsync(confirm, new Dictionary<string, string> { ["confirm"] = "true" });
        Assert.Equal("Personal data erased", erased.Element(".govuk-panel__title")!.TextContent.Trim());
        Assert.DoesNotContain(email, (await session.GetAsync("/organiser/signups")).Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(link.GetAttribute("href")!)).Status);
        var audited = await ConsoleSteps.AssertAuditedAsync(fixture, since, "contact.erased");
        Assert.DoesNotContain(email, audited.Details ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reports_RunAMonthForOneGroup_ShowTheRun_AndDownloadTheWorkbook_AllAudited()
    {
        var since = fixture.Clock.GetUtcNow();
        var month = ReportSteps.MonthsAgo(fixture.Clock, 2);
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync($"/organiser/reports?month={month}");

        var run = await session.SubmitAsync(page, new Dictionary<string, string> { ["peerGroup"] = "wales" }, "/organiser/reports/run");

        Assert.Equal(HttpStatusCode.OK, run.Status);
        var monthName = DateTime.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"{monthName} was run", run.Element(".govuk-notification-banner__heading")!.TextContent.Trim());
        Assert.Equal("Wales: workbook built and stored. It has no leads to email.", run.Element(".govuk-notification-banner li")!.TextContent.Trim());
        Assert.Equal($"Workbooks for {monthName}", run.Element("#report-runs caption")!.TextContent.Trim());
        var wales = run.Document.QuerySelectorAll("#report-runs tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == "Wales");
        Assert.Equal("Stored, not sent", wales.QuerySelector(".govuk-tag")!.TextContent.Trim());
        Assert.DoesNotContain(run.Document.QuerySelectorAll("#report-runs .govuk-tag"), t => t.TextContent.Contains('-', StringComparison.Ordinal));
        var download = run.Element($"#report-runs a[href='/organiser/reports/{month}/wales.xlsx']");
        Assert.NotNull(download);
        var workbook = await session.Client.GetAsync(new Uri(download!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString((await workbook.Content.ReadAsByteArrayAsync())[..2]));
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "report.run", $"report/{month}");
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "report.downloaded", $"report/{month}/wales");
    }

    [Fact]
    public async Task Reports_OfferToRunOnlyAMonthThatHasEnded()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var current = fixture.Clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var thisMonth = await session.GetAsync($"/organiser/reports?month={current}");
        var lastMonth = await session.GetAsync("/organiser/reports");

        Assert.Null(thisMonth.Element("form[action='/organiser/reports/run']"));
        Assert.Contains("has not ended yet", thisMonth.Element("#not-ended")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(lastMonth.Element("form[action='/organiser/reports/run']"));
        Assert.Null(lastMonth.Element("#not-ended"));
    }

    [Fact]
    public async Task Reports_ForAMonthNotYetEnded_SayWhyInTheErrorSummary()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/reports");

        var run = await session.SubmitAsync(page, new Dictionary<string, string> { ["month"] = fixture.Clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture) }, "/organiser/reports/run");

        Assert.Equal(HttpStatusCode.BadRequest, run.Status);
        Assert.Equal(["#month"], run.ErrorLinks);
    }

    [Fact]
    public async Task TheSendCheck_OpenedWithoutAPreviewsChoices_GoesToTheSummitsPage()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var id = (await Summits.SummitSteps.CreateSummitAsync(fixture.CreateAdminClient(), fixture.Clock, 10, name: "Send check, opened bare"))["id"]!.GetValue<string>();

        var bare = await session.GetAsync($"/organiser/summits/{id}/send");

        Assert.Equal(HttpStatusCode.Redirect, bare.Status);
        Assert.Equal($"/organiser/summits/{id}", bare.Location);
    }

    [Theory]
    [InlineData("attendees.xlsx")]
    [InlineData("attendees.json")]
    public async Task AnExportOfASummitThatDoesNotExist_IsTheConsolesPageNotFound_NotAnApiProblem(string file)
    {
        var session = await ConsoleSteps.SignInAsync(fixture);

        var page = await session.GetAsync($"/organiser/summits/no-such-summit/{file}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Heading);
    }

    [Fact]
    public async Task Summit_IsCreated_InviteesPreviewed_InvitationsSent_AndAnswersFollowed_AllAudited()
    {
        var verified = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var emails = await SummitSteps.SeedContactsAsync(fixture, TestRegister.Cardiff, "console", 2, verified);
        var since = fixture.Clock.GetUtcNow();
        var session = await ConsoleSteps.SignInAsync(fixture);
        var form = await session.GetAsync("/organiser/summits/new");

        var empty = await session.SubmitAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["#name", "#startsAt-day", "#startsAt-time", "#venue", "#address", "#capacity", "#rsvpBy-day", "#rsvpBy-time"], empty.ErrorLinks);
        Assert.Equal("Enter the start date", empty.ErrorMessages[1]);

        var starts = fixture.Clock.GetUtcNow().AddDays(40);
        var answers = new Dictionary<string, string>
        {
            ["name"] = "Console Summit, Cardiff", ["venue"] = "City Hall", ["address"] = "Cathays Park\nCardiff CF10 3ND", ["capacity"] = "1",
        };
        SummitForm.When(answers, "startsAt", starts, "09:30");
        SummitForm.When(answers, "rsvpBy", starts.AddDays(-10), "17:00");
        var created = await session.SubmitAsync(form, answers);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var summitPath = created.Location!;
        var summitId = summitPath.Split('/').Last();

        var preview = await session.GetAsync($"{summitPath}?verifiedOnOrBefore=2026-01-31&peerGroups=wales");
        Assert.Equal("2 invitees match", preview.Element("#preview")!.TextContent);
        Assert.Contains("1 place;", preview.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, (await SummitSteps.InvitationsAsync(fixture.CreateAdminClient(), summitId))["counts"]!["invited"]!.GetValue<int>());

        // Sending starts with a check: the summit, how many, and who; nothing is recorded or sent until it is confirmed.
        fixture.SendGrid.Reset();
        Assert.Null(preview.Document.QuerySelector($"form[action='{summitPath}/send']"));
        var check = await session.GetAsync(preview.Element("#check-send")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, check.Status);
        Assert.Equal("Check before you send invitations", check.Heading);
        Assert.Contains("Console Summit, Cardiff", check.Element("#check")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 people", check.Element("#recipient-count")!.TextContent.Trim());
        Assert.Equal(emails.Select(e => $"Contact {e.Split('@')[0]}, {TestRegister.Cardiff.OfficialName}").Order(), check.Document.QuerySelectorAll("#sample li").Select(li => li.TextContent.Trim()).Order());
        Assert.Empty(fixture.SendGrid.Accepted);
        Assert.Equal(0, (await SummitSteps.InvitationsAsync(fixture.CreateAdminClient(), summitId))["counts"]!["invited"]!.GetValue<int>());

        var sent = await session.SubmitAsync(check);
        Assert.Contains("Invitations sent: 2.", sent.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, sent.Document.QuerySelectorAll("#invitations tbody tr").Length);

        var invitee = SummitSteps.Recipients(fixture.SendGrid.Accepted).Single(r => r.Email == emails[0]);
        var browser = fixture.CreateClient();
        var (_, hidden) = await SummitSteps.OpenRsvpAsync(browser, invitee.RsvpLink);
        (await SummitSteps.AnswerAsync(browser, hidden, "yes")).Dispose();

        var status = await session.GetAsync(summitPath);
        var counts = status.Document.QuerySelectorAll("#invitation-counts .govuk-summary-list__row")
            .ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal("2", counts["Sent"]);
        Assert.Equal("1", counts["Coming"]);
        Assert.Equal("1", counts["No answer yet"]);
        var responses = status.Document.QuerySelectorAll("#invitations tbody tr").Select(r => r.QuerySelectorAll("td")[3].TextContent.Trim()).Order().ToList();
        Assert.Equal(["Coming", "No answer yet"], responses);
        Assert.All(status.Document.QuerySelectorAll("#invitations tbody tr"), r => Assert.Equal("Sent", r.QuerySelectorAll("td")[2].TextContent.Trim()));
        Assert.Contains("1 invitee has not answered yet.", status.Element("#reminders + p")!.TextContent, StringComparison.Ordinal);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "summit.created", summitId);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "summit.invitations.sent", summitId);

        // A reminder round goes to the one who has not answered, once, and the page moves on to the next round.
        fixture.SendGrid.Reset();
        var reminderCheck = await session.GetAsync(status.Element("#round")!.GetAttribute("href")!);
        Assert.Equal("Check before you send reminder round 1", reminderCheck.Heading);
        Assert.Equal("1 person", reminderCheck.Element("#recipient-count")!.TextContent.Trim());
        Assert.Equal([$"Contact {emails[1].Split('@')[0]}, {TestRegister.Cardiff.OfficialName}"], reminderCheck.Document.QuerySelectorAll("#sample li").Select(li => li.TextContent.Trim()));
        Assert.Empty(fixture.SendGrid.Accepted);
        var reminded = await session.SubmitAsync(reminderCheck);
        Assert.Contains("Reminders (round 1) sent: 1.", reminded.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        var reminder = Assert.Single(SummitSteps.Recipients(fixture.SendGrid.Accepted));
        Assert.Equal(emails[1], reminder.Email);
        Assert.Equal("Check reminder round 2", reminded.Element("#round")!.TextContent.Trim());
        var again = await session.SubmitAsync(reminderCheck);
        Assert.Contains("Reminders (round 1) sent: 0. Already sent before: 1.", again.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Single(SummitSteps.Recipients(fixture.SendGrid.Accepted));
        Assert.Equal(2, (await ConsoleSteps.AuditAsync(fixture)).Count(r => r.At >= since && r.Actor == ConsoleSteps.Actor && r.Action == "summit.reminders.sent" && r.Subject == summitId));

        // Checking round 1 again counts exactly what a send would: nobody, since they have had it.
        var spent = await session.GetAsync($"{summitPath}/reminders?round=1");
        Assert.Equal("0 people", spent.Element("#recipient-count")!.TextContent.Trim());
        Assert.Equal("1 person has already been sent it.", spent.Element("#passed-over")!.TextContent.Trim());
        Assert.Null(spent.Document.QuerySelector("main form"));

        // Once everyone has answered, no reminder round is offered.
        var (_, secondHidden) = await SummitSteps.OpenRsvpAsync(browser, reminder.RsvpLink);
        (await SummitSteps.AnswerAsync(browser, secondHidden, "no")).Dispose();
        var answered = await session.GetAsync(summitPath);
        Assert.Null(answered.Element("#round"));
        Assert.Equal("Everyone who was sent an invitation has answered or unsubscribed, so there is nobody to remind.", answered.Element("#unanswered")!.TextContent.Trim());

        // Who is coming, downloaded from the console and audited as the console's.
        var fileStem = $"console-summit-cardiff-{starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-attendees";
        foreach (var extension in new[] { "xlsx", "json" })
        {
            using var download = await session.Client.GetAsync(new Uri($"{summitPath}/attendees.{extension}", UriKind.Relative));
            var disposition = download.Content.Headers.ContentDisposition!;
            Assert.Equal("attachment", disposition.DispositionType);
            Assert.Equal($"{fileStem}.{extension}", disposition.FileName?.Trim('"'));
            Assert.Equal($"{fileStem}.{extension}", disposition.FileNameStar);
        }

        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(await session.Client.GetByteArrayAsync(new Uri($"{summitPath}/attendees.xlsx", UriKind.Relative))));
        Assert.Equal(emails[0], workbook.Worksheet("Attendees").Table("Attendees").DataRange.Rows().Single().Cells().Select(c => c.GetString()).Single(v => v.Contains('@', StringComparison.Ordinal)));
        var lists = JsonNode.Parse(await session.Client.GetStringAsync(new Uri($"{summitPath}/attendees.json", UriKind.Relative)))!;
        Assert.Equal(emails[0], lists["attendees"]![0]!["contactEmail"]!.GetValue<string>());
        Assert.Equal(4, (await ConsoleSteps.AuditAsync(fixture)).Count(r => r.At >= since && r.Actor == ConsoleSteps.Actor && r.Action == "summit.exported" && r.Subject == summitId));
    }

    [Theory]
    [InlineData("Standard Summit, Birmingham", "standard-summit-birmingham-2027-01-15-attendees.xlsx")]
    [InlineData("Café Summit: Llandudno — 2027!", "cafe-summit-llandudno-2027-2027-01-15-attendees.xlsx")]
    [InlineData("<script>\"..\\..\\\"</script>", "script-script-2027-01-15-attendees.xlsx")]
    [InlineData("Ōsaka ✨ 東京", "osaka-2027-01-15-attendees.xlsx")]
    [InlineData("東京", "summit-2027-01-15-attendees.xlsx")]
    public void AttendeeFile_IsNamedAfterTheSummitAndItsUkDate_InSafeAscii(string name, string expected)
    {
        var summit = new LocalGovStandard.Events.EventEntity { Name = name, StartsAt = new DateTimeOffset(2027, 1, 15, 9, 30, 0, TimeSpan.Zero) };

        Assert.Equal(expected, LocalGovStandard.Events.EventExport.FileName(summit, "xlsx"));
    }

    [Fact]
    public async Task AuditLog_ShowsTheNewestFirst_FiftyAPage_WithALinkToOlderEntries()
    {
        var audit = fixture.Service<AuditLog>();
        for (var i = 0; i < 60; i++)
        {
            await audit.WriteAsync("test", "test.entry", $"entry/{i:D2}");
        }

        var session = await ConsoleSteps.SignInAsync(fixture);
        var first = await session.GetAsync("/organiser/audit");
        var firstSubjects = Subjects(first);

        Assert.Equal(50, firstSubjects.Count);
        Assert.Equal(fixture.Clock.GetUtcNow().ToString("MMMM yyyy", CultureInfo.InvariantCulture), first.Element("main table caption")!.TextContent.Trim());
        Assert.Equal("console", firstSubjects[0]);
        Assert.Equal("entry/59", firstSubjects[1]);
        var older = await session.GetAsync(first.Element("a[rel=next]")!.GetAttribute("href")!);
        var olderSubjects = Subjects(older);
        Assert.Contains("entry/00", olderSubjects);
        Assert.Empty(firstSubjects.Intersect(olderSubjects.Where(s => s.StartsWith("entry/", StringComparison.Ordinal))));
    }

    private static List<string> Subjects(HtmlPage page) =>
        page.Document.QuerySelectorAll("main table tbody tr").Select(r => r.Children[3].TextContent.Trim()).ToList();

    private static async Task<HtmlPage> UploadRegisterAsync(PageSession session, HtmlPage form, string csv)
    {
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(form.Element("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "register", "uk_local_authorities.csv" },
        };
        return await HtmlPage.ReadAsync(await session.Client.PostAsync(new Uri("/organiser/register", UriKind.Relative), upload));
    }
}
