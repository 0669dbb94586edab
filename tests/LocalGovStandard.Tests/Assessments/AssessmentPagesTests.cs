using System.Net;
using AngleSharp.Html.Dom;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Assessments;

/// <summary>
/// The contact's pages through the real pipeline: signed in by the emailed link, driving the pages'
/// own forms (antiforgery tokens, hidden ETags) as a browser without JavaScript would.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentPagesTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    private const string Lgdss = "lgdss-2016";
    private const string ServiceStandard = "service-standard-2019";

    public static TheoryData<string, string> PageRoutes => new()
    {
        { "GET", "/assessments" },
        { "GET", "/assessments/keep-alive" },
        { "GET", "/assessments/new" },
        { "GET", "/assessments/new/service" },
        { "POST", "/assessments/new/service" },
        { "GET", "/assessments/{ref}" },
        { "GET", "/assessments/{ref}/details" },
        { "GET", "/assessments/{ref}/details/phase" },
        { "POST", "/assessments/{ref}/details/phase" },
        { "GET", "/assessments/{ref}/points/1" },
        { "POST", "/assessments/{ref}/points/1" },
        { "GET", "/assessments/{ref}/check" },
        { "POST", "/assessments/{ref}/check" },
        { "GET", "/assessments/{ref}/confirmation" },
        { "POST", "/assessments/{ref}/reassess" },
        { "GET", "/assessments/actions/{ref}/1/done" },
        { "POST", "/assessments/actions/{ref}/1/done" },
    };

    [Theory]
    [MemberData(nameof(PageRoutes))]
    public async Task EveryPageRoute_WithoutASession_RedirectsToTheStartPage(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{ref}", "ASM-2222-2222", StringComparison.Ordinal))
        {
            Content = method == "POST" ? new FormUrlEncodedContent([]) : null,
        };

        var response = await PageSession.Anonymous(fixture).Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("/assessments/start", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
    }

    [Fact]
    public async Task SelfAssessment_RecordedPageByPage_IsSubmitted_Confirmed_AndListed()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);
        var list = await session.GetAsync("/assessments");
        Assert.Equal("Your council's service assessments", list.Heading);
        Assert.Contains("City of Westminster", list.Element(".govuk-caption-l")!.TextContent, StringComparison.Ordinal);

        var reference = await CreateAsync(session, Lgdss, "Missed bin reports");
        var tasks = await session.GetAsync($"/assessments/{reference}");
        Assert.Equal("Missed bin reports", tasks.Heading);
        Assert.Equal(15, tasks.Document.QuerySelectorAll("[id^=task-point-]").Count(s => s.TextContent.Trim() == "Not started"));
        Assert.Equal("Cannot start yet", tasks.Element("#task-submit-status")!.TextContent.Trim());

        var page = await session.GetAsync($"/assessments/{reference}/points/1");
        for (var n = 1; n <= 15; n++)
        {
            Assert.Equal($"/assessments/{reference}/points/{n}", page.Element("main form")!.GetAttribute("action"));
            Assert.Equal(["met", "not-met"], page.Document.QuerySelectorAll("input[name=rating]").Select(r => r.GetAttribute("value")));
            Assert.NotNull(page.Element(".govuk-character-count[data-maxlength='2000'] textarea#notes"));
            page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["rating"] = n == 4 ? "not-met" : "met", ["notes"] = $"Evidence for point {n}" });
        }

        Assert.Equal("Missed bin reports", page.Heading);
        Assert.Equal(15, page.Document.QuerySelectorAll("[id^=task-point-]").Count(s => s.TextContent.Trim() == "Completed"));
        var check = await session.GetAsync(page.Element("a[href$='/check']")!.GetAttribute("href")!);
        Assert.Equal("Check your answers before submitting", check.Heading);
        Assert.Equal(15, check.Document.QuerySelectorAll("[id^=point-] a").Count(a => a.TextContent.StartsWith("Change", StringComparison.Ordinal)));
        Assert.Null(check.Element("input[name=overallRating]"));

        var confirmation = await session.SubmitAndFollowAsync(check);

        Assert.Equal("Assessment submitted", confirmation.Element(".govuk-panel__title")!.TextContent.Trim());
        Assert.Equal(reference, confirmation.Element(".govuk-panel__body strong")!.TextContent.Trim());
        Assert.Equal("Not met", confirmation.Element("main p .govuk-tag")!.TextContent.Trim());
        Assert.Contains("We have emailed you a copy of your answers", confirmation.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(fixture.SendGrid.Accepted, m => m.To == AssessmentFixture.WestminsterContact && m.Subject.Contains(reference, StringComparison.Ordinal));

        var view = await session.GetAsync($"/assessments/{reference}");
        Assert.Equal("Start a reassessment", view.Element($"form[action='/assessments/{reference}/reassess'] button")!.TextContent.Trim());
        Assert.Null(view.Element($"a[href='/assessments/{reference}/check']"));
        var action = Assert.Single(view.Document.QuerySelectorAll("#actions .govuk-summary-list__row"));
        Assert.StartsWith("Point 4, ", action.QuerySelector(".govuk-summary-list__key")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Matches(@"^Open, due \d{1,2} [A-Z][a-z]+ \d{4}$", action.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim());
        Assert.Equal($"/assessments/actions/{reference}/4/done", action.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href"));
        var mapping = view.Element("main table")!;
        Assert.Contains("Service Standard (2019)", mapping.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(14, mapping.QuerySelectorAll("tbody tr").Length);

        list = await session.GetAsync("/assessments");
        Assert.Contains(list.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/assessments/{reference}" && a.TextContent.StartsWith("View", StringComparison.Ordinal));
        Assert.Contains(list.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/assessments/actions/{reference}/4/done");
    }

    [Fact]
    public async Task PeerAssessment_WithAPanel_LetsThePanelChooseTheOverallRating_AndChangeAnswersFromCheckAnswers()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.CamdenContact);
        var reference = await CreateAsync(session, ServiceStandard, "Library renewals", "peer", new Dictionary<string, string>
        {
            ["panel-0-name"] = "Grace Hopper",
            ["panel-0-councilCode"] = TestRegister.Westminster.GssCode,
            ["panel-0-role"] = "lead-assessor",
            ["panel-2-name"] = "Alan Turing",
            ["panel-2-councilCode"] = TestRegister.Birmingham.GssCode,
            ["panel-2-role"] = "technical",
        });

        var details = await session.GetAsync($"/assessments/{reference}/details");
        Assert.Contains("Grace Hopper, City of Westminster (lead assessor)", details.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Alan Turing, Birmingham City Council (technical)", details.Document.Body!.TextContent, StringComparison.Ordinal);

        var page = await session.GetAsync($"/assessments/{reference}/points/1");
        for (var n = 1; n <= 14; n++)
        {
            Assert.Equal(["green", "amber", "red"], page.Document.QuerySelectorAll("input[name=rating]").Select(r => r.GetAttribute("value")));
            page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["rating"] = n switch { 3 => "amber", 7 => "red", _ => "green" } });
        }

        var check = await session.GetAsync($"/assessments/{reference}/check");
        var worst = (IHtmlInputElement)check.Element("#overallRating")!;
        Assert.True(worst.IsChecked);
        Assert.Equal("", worst.Value);
        Assert.Equal("That is Red for this assessment", check.Element("#overallRating-item-hint")!.TextContent.Trim());

        var change = check.Document.QuerySelectorAll("a").First(a => a.TextContent.Trim() == "Change service name");
        Assert.Equal($"/assessments/{reference}/details/service?return=check", change.GetAttribute("href"));
        var renamed = await session.SubmitAndFollowAsync(await session.GetAsync(change.GetAttribute("href")!), new Dictionary<string, string> { ["serviceName"] = "Library loans" });
        Assert.Equal("Check your answers before submitting", renamed.Heading);
        Assert.Equal("Library loans", renamed.Element(".govuk-caption-l")!.TextContent.Trim());

        var confirmation = await session.SubmitAndFollowAsync(renamed, new Dictionary<string, string> { ["overallRating"] = "amber" });

        Assert.Equal("Amber", confirmation.Element("main p .govuk-tag")!.TextContent.Trim());
        Assert.Contains("2 points were rated amber or red", confirmation.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsQuestions_WithInvalidAnswers_ShowTheErrorSummaryLinkedToFields_AndKeepTheValues()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);
        var page = await session.GetAsync((await session.GetAsync("/assessments/new")).Location!);

        var invalid = await session.SubmitAsync(page, new Dictionary<string, string> { ["serviceName"] = " ", ["serviceUrl"] = "not a url" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.StartsWith("Error: ", invalid.Document.Title, StringComparison.Ordinal);
        Assert.Equal(["#serviceName", "#serviceUrl"], invalid.ErrorLinks);
        Assert.Equal("not a url", invalid.ValueOf("serviceUrl"));
        Assert.Contains("serviceUrl-error", invalid.Element("#serviceUrl")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);

        page = await session.SubmitAndFollowAsync(invalid, new Dictionary<string, string> { ["serviceName"] = "Pest control", ["serviceUrl"] = "" });
        invalid = await session.SubmitAsync(page);
        Assert.Equal(["#phase"], invalid.ErrorLinks);
        page = await session.SubmitAndFollowAsync(invalid, new Dictionary<string, string> { ["phase"] = "alpha" });
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["type"] = "peer" });
        Assert.Equal("Who is on the peer assessment panel?", page.Heading);
        Assert.Equal(4, page.Document.QuerySelectorAll("select[name$='-role']").Length);
        Assert.DoesNotContain(TestRegister.Kettering.GssCode, page.Document.QuerySelectorAll("#panel-0-councilCode option").Select(o => o.GetAttribute("value")));

        // Rows 1 and 3 are part-filled; blank rows are dropped, so the third row comes back as the second.
        invalid = await session.SubmitAsync(page, new Dictionary<string, string> { ["panel-0-name"] = "Ada Lovelace", ["panel-2-role"] = "designer" });
        Assert.Equal(["#panel-0-councilCode", "#panel-0-role", "#panel-1-name", "#panel-1-councilCode"], invalid.ErrorLinks);
        Assert.Equal("Ada Lovelace", invalid.ValueOf("panel-0-name"));
        Assert.Equal("designer", invalid.ValueOf("panel-1-role"));

        invalid = await session.SubmitAsync(page, new Dictionary<string, string>
        {
            ["panel-0-name"] = "Ada Lovelace", ["panel-0-councilCode"] = TestRegister.Camden.GssCode, ["panel-0-role"] = "designer",
        });
        Assert.Equal(["#panel-0-role"], invalid.ErrorLinks);
        Assert.Equal(["A peer panel needs a lead assessor"], invalid.ErrorMessages);

        page = await session.SubmitAndFollowAsync(invalid, new Dictionary<string, string> { ["panel-0-role"] = "lead-assessor" });
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["standardId"] = Lgdss });
        Assert.Equal("When was the assessment?", page.Heading);

        invalid = await session.SubmitAsync(page, Date("31", "2", "2026"));
        Assert.Equal(["#assessmentDate-day"], invalid.ErrorLinks);
        Assert.Equal(["Date of the assessment must be a real date"], invalid.ErrorMessages);
        Assert.Equal("31", invalid.ValueOf("assessmentDate-day"));

        invalid = await session.SubmitAsync(page, Date("2", "", "2026"));
        Assert.Equal(["Date of the assessment must include a month"], invalid.ErrorMessages);
        Assert.Equal(["#assessmentDate-month"], invalid.ErrorLinks);
        Assert.Equal(["assessmentDate-month"], invalid.Document.QuerySelectorAll(".govuk-input--error").Select(i => i.Id));

        var tomorrow = fixture.Clock.GetUtcNow().UtcDateTime.AddDays(2);
        invalid = await session.SubmitAsync(page, Date($"{tomorrow.Day}", $"{tomorrow.Month}", $"{tomorrow.Year}"));
        Assert.Equal(["Date of the assessment must be today or in the past"], invalid.ErrorMessages);

        var created = await session.SubmitAsync(page, AMonthAgo());
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var reference = created.Location!["/assessments/".Length..];

        var point = await session.GetAsync($"/assessments/{reference}/points/1");
        invalid = await session.SubmitAsync(point, new Dictionary<string, string> { ["notes"] = "Kept across the error" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["#rating"], invalid.ErrorLinks);
        Assert.Equal("Kept across the error", invalid.ValueOf("notes"));

        invalid = await session.SubmitAsync(point, new Dictionary<string, string> { ["rating"] = "met", ["notes"] = new string('x', 2001) });
        Assert.Equal(["#notes"], invalid.ErrorLinks);
        Assert.True(((IHtmlInputElement)invalid.Element("#rating")!).IsChecked);
    }

    [Fact]
    public async Task TwoTabs_SavingFromTheSameVersion_TheSecondGetsTheChangedPage_AndNothingIsOverwritten()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);
        var reference = await CreateAsync(session, Lgdss, "Two tabs");
        var firstTab = await session.GetAsync($"/assessments/{reference}/points/1");
        var secondTab = await session.GetAsync($"/assessments/{reference}/points/1");
        var detailsTab = await session.GetAsync($"/assessments/{reference}/details/service");

        var first = await session.SubmitAsync(firstTab, new Dictionary<string, string> { ["rating"] = "met", ["notes"] = "From the first tab" });
        var second = await session.SubmitAsync(secondTab, new Dictionary<string, string> { ["rating"] = "not-met", ["notes"] = "From the second tab" });
        var details = await session.SubmitAsync(detailsTab, new Dictionary<string, string> { ["serviceName"] = "Renamed in a stale tab" });

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("This draft was changed in another tab or window", second.Heading);
        Assert.Equal($"/assessments/{reference}/points/1", second.Element("main a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Conflict, details.Status);
        var reloaded = await session.GetAsync($"/assessments/{reference}/points/1");
        Assert.Equal("From the first tab", reloaded.ValueOf("notes"));
        Assert.True(((IHtmlInputElement)reloaded.Element("#rating")!).IsChecked);
        Assert.Equal("Two tabs", (await session.GetAsync($"/assessments/{reference}")).Heading);
    }

    [Fact]
    public async Task AnotherCouncilsReferences_AreNotFound_OnEveryPageRoute_AndUnchanged()
    {
        var westminster = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (submitted, etag) = await AssessmentSteps.CreateAsync(westminster, AssessmentSteps.SelfDetails(Lgdss, "Westminster submitted"));
        etag = await AssessmentSteps.RateAllAsync(westminster, submitted, etag, n => n == 2 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(westminster, submitted, etag);
        var (draft, _) = await AssessmentSteps.CreateAsync(westminster, AssessmentSteps.SelfDetails(Lgdss, "Westminster draft"));
        var camden = await PageSession.SignInAsync(fixture, AssessmentFixture.CamdenContact);
        var token = (await camden.GetAsync("/assessments")).Element("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var path in new[]
        {
            $"/assessments/{draft}", $"/assessments/{draft}/details", $"/assessments/{draft}/details/service", $"/assessments/{draft}/points/1",
            $"/assessments/{draft}/check", $"/assessments/{submitted}", $"/assessments/{submitted}/confirmation", $"/assessments/actions/{submitted}/2/done",
        })
        {
            var page = await camden.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"GET {path} answered {(int)page.Status}");
            Assert.Equal("Page not found", page.Heading);
        }

        foreach (var path in new[]
        {
            $"/assessments/{draft}/details/service", $"/assessments/{draft}/points/1", $"/assessments/{draft}/check",
            $"/assessments/{submitted}/reassess", $"/assessments/actions/{submitted}/2/done",
        })
        {
            var page = await camden.PostAsync(path, new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["etag"] = "*", ["serviceName"] = "Hijacked", ["rating"] = "not-met", ["note"] = "Not ours",
            });
            Assert.True(page.Status == HttpStatusCode.NotFound, $"POST {path} answered {(int)page.Status}");
        }

        var list = await camden.GetAsync("/assessments");
        Assert.DoesNotContain(draft, list.Document.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(submitted, list.Document.Body!.InnerHtml, StringComparison.Ordinal);
        var stored = await AssessmentSteps.SendAsync(westminster, HttpMethod.Get, $"/api/assessments/{draft}", null, null);
        Assert.Equal("Westminster draft", stored.Body!["serviceName"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmittedAssessment_CannotChange_ReassessesOnlyTheFailedPoints_AndItsActionIsMarkedDone()
    {
        var api = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails(Lgdss, "Street lighting"));
        etag = await AssessmentSteps.RateAllAsync(api, reference, etag, n => n == 2 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(api, reference, etag);
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);

        Assert.Equal($"/assessments/{reference}", (await session.GetAsync($"/assessments/{reference}/points/1")).Location);
        var view = await session.GetAsync($"/assessments/{reference}");
        var token = view.Element("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var change = await session.PostAsync($"/assessments/{reference}/points/1", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["etag"] = etag, ["rating"] = "not-met",
        });
        Assert.Equal(HttpStatusCode.Conflict, change.Status);
        Assert.Equal("This assessment has been submitted and can no longer be changed", change.Heading);

        var started = await session.SubmitAsync(view, action: $"/assessments/{reference}/reassess");
        var reassessment = await session.GetAsync(started.Location!);
        Assert.Contains($"This is a reassessment of {reference}", reassessment.Element(".govuk-inset-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not started", reassessment.Element("#task-point-2-status")!.TextContent.Trim());
        Assert.Equal(14, reassessment.Document.QuerySelectorAll("[id^=task-point-]").Count(s => s.TextContent.Trim() == "Carried over"));
        var carried = await session.GetAsync($"{started.Location}/points/1");
        Assert.Null(carried.Element("input[name=rating]"));
        Assert.Contains($"This point passed in {reference}", carried.Element(".govuk-inset-text")!.TextContent, StringComparison.Ordinal);

        var point = await session.GetAsync($"{started.Location}/points/2");
        var saved = await session.SubmitAsync(point, new Dictionary<string, string> { ["rating"] = "met" });
        Assert.Equal(started.Location, saved.Location);

        var done = await session.GetAsync($"/assessments/actions/{reference}/2/done");
        Assert.Equal("Mark an action as done", done.Heading);
        var invalid = await session.SubmitAsync(done, new Dictionary<string, string> { ["note"] = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(["#note"], invalid.ErrorLinks);
        var list = await session.SubmitAndFollowAsync(invalid, new Dictionary<string, string> { ["note"] = "Published the accessibility statement" });
        Assert.Equal("The action was marked as done.", list.Element(".govuk-notification-banner__heading")!.TextContent.Trim());
        Assert.DoesNotContain(list.Document.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/assessments/actions/{reference}/2/done");
        Assert.Equal("This action is already done or closed", (await session.GetAsync($"/assessments/actions/{reference}/2/done")).Heading);
    }

    [Fact]
    public async Task ChangingASelfAssessmentToPeer_AsksForThePanelBeforeSaving()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.CamdenContact);
        var reference = await CreateAsync(session, Lgdss, "Garden waste");
        var type = await session.GetAsync($"/assessments/{reference}/details/type");

        var posted = await session.SubmitAsync(type, new Dictionary<string, string> { ["type"] = "peer" });
        Assert.Equal($"/assessments/{reference}/details/panel?type=peer", posted.Location);
        var unchanged = await session.GetAsync($"/assessments/{reference}/details");
        Assert.Equal("Self assessment", unchanged.Document.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent == "Type").QuerySelector("dd")!.TextContent.Trim());

        var panel = await session.GetAsync(posted.Location!);
        var details = await session.SubmitAndFollowAsync(panel, new Dictionary<string, string>
        {
            ["panel-0-name"] = "Katherine Johnson", ["panel-0-councilCode"] = TestRegister.Leicester.GssCode, ["panel-0-role"] = "lead-assessor",
        });

        Assert.Equal("Assessment details", details.Heading);
        Assert.Contains("Peer assessment", details.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Katherine Johnson, Leicester City Council (lead assessor)", details.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPostedWithoutItsAntiforgeryToken_ShowsTheFormHasExpiredPage()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.CamdenContact);
        var page = await session.GetAsync("/assessments/new/service");

        var posted = await session.SubmitAsync(page, new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale", ["serviceName"] = "Anything" });

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("Your form has expired", posted.Heading);
    }

    [Fact]
    public async Task KeepAlive_Answers204_AndRenewsTheSession_AndEveryPageCarriesTheTimeoutWarning()
    {
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.CamdenContact);

        var list = await session.GetAsync("/assessments");
        var response = await session.Client.GetAsync(new Uri("/assessments/keep-alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("lgs-session=", StringComparison.Ordinal));
        var dialog = list.Element("dialog[role=alertdialog]")!;
        Assert.Equal("1800", dialog.GetAttribute("data-timeout-seconds"));
        Assert.Equal("300", dialog.GetAttribute("data-warning-seconds"));
        Assert.Equal("You'll be signed out soon", list.Document.GetElementById(dialog.GetAttribute("aria-labelledby")!)!.TextContent.Trim());
        Assert.NotNull(list.Element("script[src='/static/app/session-timeout.mjs'][type=module]"));
    }

    /// <summary>Answers the details questions of a new assessment, page by page, and returns its reference.</summary>
    private async Task<string> CreateAsync(PageSession session, string standardId, string serviceName, string type = "self", Dictionary<string, string>? panel = null)
    {
        var start = await session.GetAsync("/assessments/new");
        var page = await session.GetAsync(start.Location!);
        Assert.Equal("What service are you assessing?", page.Heading);
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["serviceName"] = serviceName, ["serviceUrl"] = "https://www.example.gov.uk/service" });
        Assert.Equal("What phase is the service in?", page.Heading);
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["phase"] = "beta" });
        Assert.Equal("Is this a self assessment or a peer assessment?", page.Heading);
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["type"] = type });
        if (panel is not null)
        {
            page = await session.SubmitAndFollowAsync(page, panel);
        }

        Assert.Equal("Which standard are you assessing against?", page.Heading);
        page = await session.SubmitAndFollowAsync(page, new Dictionary<string, string> { ["standardId"] = standardId });
        var created = await session.SubmitAsync(page, AMonthAgo());
        Assert.Matches("^/assessments/ASM-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", created.Location);
        return created.Location!["/assessments/".Length..];
    }

    private Dictionary<string, string> AMonthAgo()
    {
        var day = fixture.Clock.GetUtcNow().UtcDateTime.AddMonths(-1);
        return Date($"{day.Day}", $"{day.Month}", $"{day.Year}");
    }

    private static Dictionary<string, string> Date(string day, string month, string year) => new()
    {
        ["assessmentDate-day"] = day,
        ["assessmentDate-month"] = month,
        ["assessmentDate-year"] = year,
    };
}

/// <summary>Overdue actions: the test moves its own clock past the due date, on a service of its own so no other test's actions enter its counts.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentPagesOverdueTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task List_TagsAnActionOverdue_OnceItsDueDateHasPassed()
    {
        var api = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("lgdss-2016", "Pay a parking fine"));
        etag = await AssessmentSteps.RateAllAsync(api, reference, etag, n => n == 5 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(api, reference, etag);
        var session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);
        Assert.DoesNotContain((await session.GetAsync("/assessments")).Document.QuerySelectorAll(".govuk-tag--red"), t => t.TextContent.Trim() == "Overdue");

        _clock.Advance(TimeSpan.FromDays(100));
        session = await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact);
        var list = await session.GetAsync("/assessments");

        var row = list.Document.QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/assessments/actions/{reference}/5/done']") is not null);
        Assert.Equal("Overdue", row.QuerySelector(".govuk-tag--red")!.TextContent.Trim());
        Assert.Contains("1 open, 1 overdue", list.Document.Body!.TextContent, StringComparison.Ordinal);
    }
}
