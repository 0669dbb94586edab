using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Progress;
using LocalGovStandard.Reports;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Reports;

/// <summary>
/// Storing and sending: exactly one email per lead per month whatever happens (concurrent runs,
/// SendGrid errors, a crash part-way), resend as the only way to send again, and the routes.
/// Each test uses its own month, so their runs and mail-ledger rows never meet.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReportSendingTests(ReportSendingTests.Fixture fixture) : IClassFixture<ReportSendingTests.Fixture>, IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    public sealed class Fixture : ServiceFixture
    {
        public static readonly ReportSteps.Lead[] London = [new("Lena London", "lena@london.gov.uk"), new("Leo London", "leo@london.gov.uk")];
        public static readonly ReportSteps.Lead[] Midlands = [new("Mia Midlands", "mia@midlands.gov.uk")];
        public static readonly ReportSteps.Lead[] Scotland = [new("Sean Scotland", "sean@scotland.gov.scot")];
        public static readonly ReportSteps.Lead[] Wales = [new("Wyn Wales", "wyn@wales.gov.wales"), new("Wendy Wales", "wendy@wales.gov.wales")];

        public static IEnumerable<ReportSteps.Lead> AllLeads => [.. London, .. Midlands, .. Scotland, .. Wales];

        // The tests invoke the timer as the Functions host does, which only it may.
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => FunctionsHostMode.Settings();

        protected override void ConfigureTestServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => FunctionsHostMode.FromLoopback(services);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var admin = CreateAdminClient();
            await TestRegister.ImportAsync(admin);
            await ReportSteps.SetLeadsAsync(admin, "london", "London", ["london"], London);
            await ReportSteps.SetLeadsAsync(admin, "midlands", "Midlands", ["east-midlands", "west-midlands"], Midlands);
            await ReportSteps.SetLeadsAsync(admin, "scotland", "Scotland", ["scotland"], Scotland);
            await ReportSteps.SetLeadsAsync(admin, "wales", "Wales", ["wales"], Wales);
        }
    }

    private readonly HttpClient _admin = fixture.CreateAdminClient();

    public Task InitializeAsync()
    {
        fixture.SendGrid.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Timer_InvokedByTheHostTwiceAtTheSameMoment_Answers2xxAndSendsEachLeadOneEmail()
    {
        var month = ReportSteps.MonthsAgo(_clock, 1);
        var client = fixture.CreateClient();
        var now = _clock.GetUtcNow().UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = false },
                    ["ScheduleStatus"] = new JsonObject { ["Last"] = "0001-01-01T00:00:00", ["Next"] = now, ["LastUpdated"] = "0001-01-01T00:00:00" },
                    ["IsPastDue"] = false,
                },
            },
            ["Metadata"] = new JsonObject
            {
                ["sys"] = new JsonObject { ["MethodName"] = "MonthlyProgressWorkbooks", ["UtcNow"] = now, ["RandGuid"] = Guid.NewGuid().ToString() },
            },
        }.ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.PostAsync(new Uri("/MonthlyProgressWorkbooks", UriKind.Relative), new StringContent(payload, Encoding.UTF8, "application/json"))));

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Empty(body["Outputs"]!.AsObject());
            Assert.Null(body["ReturnValue"]);
            Assert.Contains(body["Logs"]!.AsArray(), l => l!.GetValue<string>().Contains(month, StringComparison.Ordinal));
        }

        AssertOneEmailPerLead(Fixture.AllLeads, month);
        var list = (await _admin.GetFromJsonAsync<JsonNode>($"/api/admin/reports/{month}"))!["runs"]!.AsArray();
        Assert.Equal(10, list.Count);
        Assert.Contains(list, r => r!["leads"]!.GetValue<int>() > 0);
        Assert.All(list.Where(r => r!["leads"]!.GetValue<int>() > 0), r => Assert.Equal("sent", r!["status"]!.GetValue<string>()));
        Assert.Contains(list, r => r!["leads"]!.GetValue<int>() == 0);
        Assert.All(list.Where(r => r!["leads"]!.GetValue<int>() == 0), r => Assert.Equal("stored", r!["status"]!.GetValue<string>()));
        Assert.All(list, r => Assert.NotNull(r!["builtAt"]));
    }

    [Fact]
    public void Timer_IsDeclaredFor0600UtcOnTheFirst_AndCoversThePreviousMonth()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>();

        var timer = FunctionManifest.FromEndpoints([endpoints]).Single(f => f.Name == "MonthlyProgressWorkbooks");

        Assert.Equal("timerTrigger", timer.Trigger.Type);
        Assert.Equal("0 0 6 1 * *", timer.Trigger.Schedule);
        var next = TimerSchedule.NextAfter(timer.Trigger.Schedule!, new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero), next);
        Assert.Equal("2026-11", ReportMonth.PreviousTo(next).ToString());
        Assert.Equal("2025-12", ReportMonth.PreviousTo(new DateTimeOffset(2026, 1, 1, 6, 0, 0, TimeSpan.Zero)).ToString());
    }

    [Fact]
    public async Task TwoRunsStartedAtTheSameMoment_SendEachLeadOneEmail()
    {
        var month = ReportSteps.MonthsAgo(_clock, 2);

        await Task.WhenAll(ReportSteps.RunOkAsync(_admin, month, "london"), ReportSteps.RunOkAsync(fixture.CreateAdminClient(), month, "london"));

        AssertOneEmailPerLead(Fixture.London, month);
        var view = await ReportSteps.RunViewAsync(_admin, month, "london");
        Assert.Equal("sent", view["status"]!.GetValue<string>());
        Assert.Equal(2, view["leadsSent"]!.GetValue<int>());
    }

    [Fact]
    public async Task SendGrid500ThenSuccess_GivesExactlyOneEmail_WithTheGroupMonthFiguresAndWorkbook()
    {
        var month = ReportSteps.MonthsAgo(_clock, 3);
        fixture.SendGrid.Enqueue(new CannedResponse(500));

        await ReportSteps.RunOkAsync(_admin, month, "wales");

        AssertOneEmailPerLead(Fixture.Wales, month);
        Assert.Equal(3, fixture.SendGrid.Requests.Count);
        var email = fixture.SendGrid.Accepted.First(r => r.To == "wyn@wales.gov.wales");
        var monthName = ReportSteps.StartOf(month).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Wales peer group progress workbook: {monthName}", email.Subject);
        Assert.Contains("Dear Wyn Wales", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Councils in the group: 1 (no change)", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("- Actions overdue: 0 (no change)", email.PlainText, StringComparison.Ordinal);
        Assert.Contains("The workbook is attached", email.PlainText, StringComparison.Ordinal);
        Assert.Equal($"wales-{ReportEmail.LeadKey(new PeerGroupLead("Wyn Wales", "wyn@wales.gov.wales"))}", email.MessageId);
        var attachment = email.Body["attachments"]!.AsArray().Single()!;
        Assert.Equal($"localgov-standard-wales-{month}.xlsx", attachment["filename"]!.GetValue<string>());
        using var book = new WorkbookReader(Convert.FromBase64String(attachment["content"]!.GetValue<string>()));
        Assert.Equal(1, book.Headlines()["Councils in the group"].Value);
    }

    [Fact]
    public async Task SendingFails_TheFailureIsRecorded_AndTheNextRunSendsOnlyWhatIsMissing()
    {
        var month = ReportSteps.MonthsAgo(_clock, 4);
        fixture.SendGrid.Enqueue(Enumerable.Repeat(new CannedResponse(500), 5).ToArray());

        var first = await ReportSteps.RunOkAsync(_admin, month, "london");

        var outcome = first["outcomes"]!.AsArray().Single()!;
        Assert.Equal("send-failed", outcome["status"]!.GetValue<string>());
        Assert.Equal(1, outcome["failed"]!.GetValue<int>());
        Assert.Equal(1, outcome["sentNow"]!.GetValue<int>());
        var view = await ReportSteps.RunViewAsync(_admin, month, "london");
        Assert.Equal("send-failed", view["status"]!.GetValue<string>());
        Assert.Contains("500", view["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(fixture.SendGrid.Accepted);

        var requestsBefore = fixture.SendGrid.Requests.Count;
        var second = await ReportSteps.RunOkAsync(_admin, month, "london");

        Assert.Equal(requestsBefore + 1, fixture.SendGrid.Requests.Count);
        AssertOneEmailPerLead(Fixture.London, month);
        var secondOutcome = second["outcomes"]!.AsArray().Single()!;
        Assert.False(secondOutcome["built"]!.GetValue<bool>());
        Assert.Equal(1, secondOutcome["alreadySent"]!.GetValue<int>());
        Assert.Equal("sent", (await ReportSteps.RunViewAsync(_admin, month, "london"))["status"]!.GetValue<string>());
    }

    /// <summary>
    /// The crash is the run being cancelled while SendGrid holds the fourth request (London's two
    /// leads and the Midlands lead already accepted): that message stays claimed and unsent, as it
    /// would if the process died. A run straight away sends the rest but leaves the claim to its
    /// owner; once the claim times out, the next run sends the missing one.
    /// </summary>
    [Fact]
    public async Task ACrashAfterHalfTheGroups_ThenRunsAgain_GivesEveryLeadExactlyOneEmail()
    {
        var month = ReportSteps.MonthsAgo(_clock, 5);
        Assert.True(ReportMonth.TryParse(month, out var reportMonth));
        fixture.SendGrid.Enqueue(CannedResponse.Accepted, CannedResponse.Accepted, CannedResponse.Accepted, new CannedResponse(503, Delay: TimeSpan.FromSeconds(30)));
        var groups = await fixture.Service<PeerGroupStore>().AllAsync(CancellationToken.None);

        using var crash = new CancellationTokenSource();
        var run = fixture.Service<MonthlyReportRunner>().RunAsync(reportMonth, groups, resend: false, "test", crash.Token);
        await Eventually.TrueAsync(() => fixture.SendGrid.Requests.Count >= 4, "the fourth request to SendGrid");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(3, fixture.SendGrid.Accepted.Count);
        Assert.Equal("sean@scotland.gov.scot", fixture.SendGrid.Requests[3].To);

        var rerun = await ReportSteps.RunOkAsync(_admin, month);
        var scotland = rerun["outcomes"]!.AsArray().Single(o => o!["peerGroup"]!.GetValue<string>() == "scotland")!;
        Assert.Equal(1, scotland["inProgress"]!.GetValue<int>());
        Assert.Equal("sending", scotland["status"]!.GetValue<string>());
        Assert.Equal(5, fixture.SendGrid.Accepted.Count);

        _clock.Advance(MailLedger.ClaimTimeout + TimeSpan.FromMinutes(1));
        await ReportSteps.RunOkAsync(_admin, month);

        AssertOneEmailPerLead(Fixture.AllLeads, month);
        var list = (await _admin.GetFromJsonAsync<JsonNode>($"/api/admin/reports/{month}"))!["runs"]!.AsArray();
        Assert.Contains(list, r => r!["leads"]!.GetValue<int>() > 0);
        Assert.All(list.Where(r => r!["leads"]!.GetValue<int>() > 0), r => Assert.Equal("sent", r!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Resend_IsTheOnlyWayToSendAgain_AndIsAudited()
    {
        var month = ReportSteps.MonthsAgo(_clock, 6);
        await ReportSteps.RunOkAsync(_admin, month, "wales");
        await ReportSteps.RunOkAsync(_admin, month, "wales");
        AssertOneEmailPerLead(Fixture.Wales, month);

        await ReportSteps.RunOkAsync(_admin, month, "wales", resend: true);
        await ReportSteps.RunOkAsync(_admin, month, "wales");

        Assert.Equal(4, fixture.SendGrid.Accepted.Count);
        var resent = fixture.SendGrid.Accepted.Skip(2).ToList();
        Assert.Equal(Fixture.Wales.Select(l => l.Email).Order(), resent.Select(r => r.To).Order());
        Assert.All(resent, r => Assert.EndsWith("-resend1", r.MessageId, StringComparison.Ordinal));
        Assert.All(resent, r => Assert.Contains("sent this workbook again", r.PlainText, StringComparison.Ordinal));
        var view = await ReportSteps.RunViewAsync(_admin, month, "wales");
        Assert.Equal(1, view["generation"]!.GetValue<int>());
        Assert.Equal("sent", view["status"]!.GetValue<string>());
        var audit = await fixture.Service<AuditLog>().ForMonthAsync(_clock.GetUtcNow(), CancellationToken.None);
        var entry = Assert.Single(audit, e => e.Action == "report.resend" && e.Subject == $"report/{month}/wales");
        Assert.Equal("organiser", entry.Actor);
    }

    [Fact]
    public async Task TwoMonthsWorkbooksToOneLead_EachHaveTheirOwnWellFormedMessageIdHeader()
    {
        await ReportSteps.RunOkAsync(_admin, ReportSteps.MonthsAgo(_clock, 10), "midlands");
        await ReportSteps.RunOkAsync(_admin, ReportSteps.MonthsAgo(_clock, 11), "midlands");

        Assert.Equal(2, fixture.SendGrid.Accepted.Count);
        Assert.All(fixture.SendGrid.Accepted, r => Assert.Equal("mia@midlands.gov.uk", r.To));
        Assert.Equal(fixture.SendGrid.Accepted[0].MessageId, fixture.SendGrid.Accepted[1].MessageId);
        EmailAssert.UniqueMessageIds(fixture.SendGrid.Accepted);
    }

    [Fact]
    public async Task Download_ReturnsTheStoredWorkbook_Or404()
    {
        var month = ReportSteps.MonthsAgo(_clock, 7);
        await ReportSteps.RunOkAsync(_admin, month, "wales");

        var response = await _admin.GetAsync(new Uri($"/api/admin/reports/{month}/wales.xlsx", UriKind.Relative));
        var notRun = await _admin.GetAsync(new Uri($"/api/admin/reports/{month}/london.xlsx", UriKind.Relative));
        var unknown = await _admin.GetAsync(new Uri($"/api/admin/reports/{month}/atlantis.xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"localgov-standard-wales-{month}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        using var book = new WorkbookReader(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("Dashboard", book.SheetNames[0]);
        Assert.Equal(HttpStatusCode.NotFound, notRun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var view = await ReportSteps.RunViewAsync(_admin, month, "wales");
        Assert.Equal($"reports/{month}/wales.xlsx", view["blob"]!.GetValue<string>());
        Assert.Equal((await ReportSteps.DownloadAsync(_admin, month, "wales")).Length, view["sizeBytes"]!.GetValue<long>());
        Assert.Equal("attachment", view["delivery"]!.GetValue<string>());
    }

    [Fact]
    public async Task MonthBoundary_IncludesTheLastSecondOfTheMonth_AndNotTheFirstSecondOfTheNext()
    {
        var month = ReportSteps.MonthsAgo(_clock, 9);
        var start = ReportSteps.StartOf(month);
        var end = start.AddMonths(1);
        await ReportSteps.WriteSubmittedAssessmentAsync(fixture, "wales", TestRegister.Cardiff, "ASM-BEFORE", "Month before", start.AddSeconds(-1));
        await ReportSteps.WriteSubmittedAssessmentAsync(fixture, "wales", TestRegister.Cardiff, "ASM-FIRST", "First second", start);
        await ReportSteps.WriteSubmittedAssessmentAsync(fixture, "wales", TestRegister.Cardiff, "ASM-LAST", "Last second", end.AddSeconds(-1));
        await ReportSteps.WriteSubmittedAssessmentAsync(fixture, "wales", TestRegister.Cardiff, "ASM-NEXT", "Next month", end);

        await ReportSteps.RunOkAsync(_admin, month, "wales");

        using var book = new WorkbookReader(await ReportSteps.DownloadAsync(_admin, month, "wales"));
        var rows = book.Rows("Assessments");
        Assert.Equal(["ASM-BEFORE", "ASM-FIRST", "ASM-LAST"], rows.Select(r => r["Reference"].GetString()).Order());
        Assert.Equal(["ASM-FIRST", "ASM-LAST"], rows.Where(r => r["Submitted this month"].GetString() == "Yes").Select(r => r["Reference"].GetString()).Order());
        Assert.Equal(end.AddSeconds(-1).UtcDateTime, rows.Single(r => r["Reference"].GetString() == "ASM-LAST")["Submitted at (UTC)"].GetDateTime());
        var headlines = book.Headlines();
        Assert.Equal(2, headlines["Assessments submitted this month"].Value);
        Assert.Equal(3, headlines["Assessments submitted to date"].Value);
        Assert.Equal(1, headlines["Assessments submitted this month"].Previous);
    }

    [Fact]
    public async Task Routes_RejectAnInvalidOrUnfinishedMonth_AndAnUnknownPeerGroup_NamingTheField()
    {
        foreach (var month in new[] { "2026-13", "2026-1", "last-month" })
        {
            var (run, runProblem) = await ReportSteps.RunAsync(_admin, month);
            Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
            Assert.NotNull(runProblem!["errors"]!["month"]);
            var list = await _admin.GetAsync(new Uri($"/api/admin/reports/{month}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        }

        var (current, currentProblem) = await ReportSteps.RunAsync(_admin, ReportSteps.MonthsAgo(_clock, 0));
        Assert.Equal(HttpStatusCode.BadRequest, current.StatusCode);
        Assert.Contains("has not ended", currentProblem!["errors"]!["month"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var (unknown, unknownProblem) = await ReportSteps.RunAsync(_admin, ReportSteps.MonthsAgo(_clock, 1), "atlantis");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("london", unknownProblem!["errors"]!["peerGroup"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(fixture.SendGrid.Requests);
    }

    [Theory]
    [InlineData("POST", "/api/admin/reports/2025-01/run")]
    [InlineData("GET", "/api/admin/reports/2025-01")]
    [InlineData("GET", "/api/admin/reports/2025-01/london.xlsx")]
    public async Task ReportRoutes_NeedTheAdminKey(string method, string path)
    {
        var response = await fixture.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(fixture.SendGrid.Requests);
    }

    private void AssertOneEmailPerLead(IEnumerable<ReportSteps.Lead> leads, string month)
    {
        var accepted = fixture.SendGrid.Accepted;
        var monthName = ReportSteps.StartOf(month).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEmpty(accepted);
        Assert.All(accepted, r => Assert.EndsWith(monthName, r.Subject, StringComparison.Ordinal));
        Assert.Equal(leads.Select(l => l.Email).Order(), accepted.Select(r => r.To).Order());
    }

}
