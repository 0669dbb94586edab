using System.Globalization;
using LocalGovStandard.PeerAssessments;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.PeerAssessments.Requests.Pages;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using LocalGovStandard.Tests.Reports;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static LocalGovStandard.Tests.Browser.PageChecks;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The whole peer assessment in Chromium, every form filled and sent with the keyboard alone: Westminster asks for an
/// assessment, London's lead opens it from their email and confirms the proposed panel, each member accepts through their
/// invitation, and on the panel's day (the test clock moves there) two members record the points, the lead assessor
/// submits, and Westminster's contact opens the report from its email and confirms they have read it. Addresses are only
/// typed where a person follows an emailed link. axe-core and a screenshot on every page: artifacts/screenshots/journey-*.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class PeerAssessmentJourneyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private const string Council = "journey.owner@westminster.gov.uk";
    private const string GroupLead = "journey.lead@camden.gov.uk";
    private const string Service = "Apply for a resident's parking permit";
    /// <summary>The panel page's button before anyone has started the panel's draft, and after.</summary>
    private const string StartDraftButton = "Start recording";

    private const string OpenDraftButton = "Record the panel's assessment";

    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();
    private readonly List<string> _violations = [];
    private readonly List<IBrowserContext> _contexts = [];

    [Fact]
    public async Task ARequest_IsAnsweredRecordedAndRead_WithTheKeyboardOnly_WithNoAxeViolations()
    {
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, Council);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, GroupLead);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lena London", GroupLead));
        var today = UkTime.Today(_clock);
        var pool = await PanelSteps.PoolAsync(fixture, "journey", today);

        var council = await SignedInPageAsync(Council, check: true);
        var reference = await CouncilAsksForAnAssessmentAsync(council, today.AddDays(28), today.AddDays(35));

        var lead = await SignedInPageAsync(GroupLead);
        await LeadOpensTheRequestFromTheirEmailAsync(lead, reference);
        await Expect(lead.Locator("#panel")).ToHaveTextAsync("Confirm the panel");
        await CheckAsync(lead, "journey-lead-request", _violations);
        await LeadConfirmsThePanelOnTheSecondDateAsync(lead, today.AddDays(35), pool.Count);
        foreach (var member in pool)
        {
            await MemberAcceptsFromTheirInvitationAsync(reference, member, check: member == pool[0]);
        }

        await LeadSeesEveryoneAcceptedAsync(lead, pool.Count);
        await CouncilSeesThePanelDateAsync(council, today.AddDays(35));

        var panelDate = await MoveToThePanelDayAsync(reference);
        Assert.Equal(today.AddDays(35), panelDate);
        var draft = PanelDaySteps.PanelReference(reference);
        var researcher = await MemberOpensThePanelsDraftAsync(pool.Single(m => m.RoleId == "user-research").Email, reference, StartDraftButton, check: false);
        await RecordPointsAsync(researcher, draft, 1, 7, check: false);
        var leadAssessor = await MemberOpensThePanelsDraftAsync(pool.Single(m => m.RoleId == PanelGrant.LeadRole).Email, reference, OpenDraftButton, check: true);
        await RecordPointsAsync(leadAssessor, draft, 8, PanelDaySteps.Points, check: true);
        await LeadAssessorSubmitsAsync(leadAssessor, reference, panelDate);

        var reader = await SignedInPageAsync(Council);
        await CouncilOpensTheReportFromItsEmailAsync(reader, reference);
        await CouncilConfirmsItHasReadTheReportAsync(reader);
        await LeadSeesTheCouncilHasReadTheReportAsync(await SignedInPageAsync(GroupLead), reference);

        Assert.Empty(_violations);
    }

    /// <summary>Westminster's contact asks its peer group for an assessment, naming themselves as the contact; the request's reference.</summary>
    private async Task<string> CouncilAsksForAnAssessmentAsync(IPage page, params DateOnly[] dates)
    {
        var keyboard = page.Keyboard;
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ask your peer group for a peer assessment, or see your requests" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Peer-assessment requests");
        await CheckAsync(page, "journey-council-requests", _violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Ask for a peer assessment" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ask for a peer assessment");
        await CheckAsync(page, "journey-council-request-form", _violations);

        await PeerRequestFormSteps.FillAsync(page, Service, "https://www.westminster.gov.uk/parking-permits", PanelDaySteps.StandardId, dates);
        await TabToAsync(page, page.Locator("#contactReference"));
        await keyboard.PressAsync("ArrowDown");
        Assert.NotEqual("", await page.Locator("#contactReference").InputValueAsync());

        await PressButtonAsync(page, "Send the request");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Request sent");
        await CheckAsync(page, "journey-council-request-sent", _violations);
        return (await page.Locator(".govuk-panel__body strong").TextContentAsync())!.Trim();
    }

    /// <summary>The lead follows the link in the request's email (signed in already) to the request, its proposal and the panel form.</summary>
    private async Task LeadOpensTheRequestFromTheirEmailAsync(IPage page, string reference)
    {
        var email = fixture.SendGrid.Accepted.Single(m => m.To == GroupLead && m.MessageId.StartsWith($"peer-request-{reference}", StringComparison.Ordinal));
        await page.GotoAsync(OnServer(PanelSteps.Link(email, RequestPages.LeadHref("london", reference))));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Peer assessment of {Service}");
    }

    /// <summary>Afterwards the lead, from the request's email again, sees the outcome and that the council has read the report (which stays the council's).</summary>
    private async Task LeadSeesTheCouncilHasReadTheReportAsync(IPage page, string reference)
    {
        await LeadOpensTheRequestFromTheirEmailAsync(page, reference);
        await Expect(page.Locator("main")).ToContainTextAsync("Outcome: Amber");
        await Expect(page.Locator("#report-read-count")).ToHaveTextAsync("Read by 1 of 1 contact.");
        await Expect(page.Locator("#report-sent")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Read the panel's report" })).ToHaveCountAsync(0);
        await CheckAsync(page, "journey-lead-report-read", _violations);
    }

    /// <summary>The lead keeps the proposal's people, moves to the council's second date (the proposal took the first) and confirms: every member is invited.</summary>
    private async Task LeadConfirmsThePanelOnTheSecondDateAsync(IPage page, DateOnly second, int members)
    {
        await TabToAsync(page, page.Locator("#date"), maxPresses: 120);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal(PanelSteps.Iso(second), await page.Locator("#date").InputValueAsync());
        await PressButtonAsync(page, "Confirm the panel and invite its members", maxPresses: 120);
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The panel is saved");
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(members);
        await CheckAsync(page, "journey-lead-panel-confirmed", _violations);
    }

    /// <summary>A member opens the Accept link in their invitation (a page with one button: mail scanners never press it) and presses it.</summary>
    private async Task MemberAcceptsFromTheirInvitationAsync(string reference, PoolMember member, bool check)
    {
        var invitation = PanelSteps.Sent(fixture, "invite", reference).Single(m => m.To == member.Email);
        var page = await NewPageAsync();
        await page.GotoAsync(OnServer(PanelSteps.Link(invitation, PanelLinks.AcceptPath)));
        await Expect(page.Locator("main p").First).ToContainTextAsync($"the peer-assessment panel for {Service} at City of Westminster");
        if (check)
        {
            await CheckAsync(page, "journey-member-accept", _violations);
        }

        await PressButtonAsync(page, "Accept");
        await Expect(page.Locator("h1")).ToHaveTextAsync("You are on the panel");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Assessments I am on a panel for" })).ToBeVisibleAsync();
        if (check)
        {
            await CheckAsync(page, "journey-member-accepted", _violations);
        }
    }

    private async Task LeadSeesEveryoneAcceptedAsync(IPage page, int members)
    {
        await page.ReloadAsync();
        await Expect(page.Locator("main table tbody tr").Filter(new() { HasText = "Accepted" })).ToHaveCountAsync(members);
        await CheckAsync(page, "journey-lead-panel-accepted", _violations);
    }

    /// <summary>From the "Request sent" page the council goes back to its requests and opens this one: the panel is confirmed, for this date.</summary>
    private async Task CouncilSeesThePanelDateAsync(IPage page, DateOnly date)
    {
        await TabToAsync(page, page.Locator("a.govuk-back-link"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Peer-assessment requests");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = Service }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Peer assessment of {Service}");
        await Expect(page.Locator("main .govuk-summary-list")).ToContainTextAsync("Panel confirmed");
        await Expect(page.Locator("#panel-date")).ToHaveTextAsync(PanelDates.Day(date));
        await CheckAsync(page, "journey-council-request-confirmed", _violations);
    }

    /// <summary>The test clock moves to 09:00 on the confirmed date; sessions from before have long ended, so everyone signs in again.</summary>
    private async Task<DateOnly> MoveToThePanelDayAsync(string reference)
    {
        var date = DateOnly.ParseExact((await PanelSteps.StoredAsync(fixture, reference)).PanelDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        _clock.SetUtcNow(new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        return date;
    }

    /// <summary>
    /// On the day a member signs in, finds the assessment under "Assessments I am on a panel for" and opens the panel's draft
    /// with <paramref name="button"/>: the first member starts it, the others open it.
    /// </summary>
    private async Task<IPage> MemberOpensThePanelsDraftAsync(string email, string reference, string button, bool check)
    {
        var page = await SignedInPageAsync(email);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Assessments I am on a panel for" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Assessments I am on a panel for");
        await CheckOnceAsync(page, "journey-panel-list", check);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = Service }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"{Service}, City of Westminster");
        await CheckOnceAsync(page, "journey-panel", check);
        await PressButtonAsync(page, button);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Service);
        await CheckOnceAsync(page, "journey-panel-task-list", check);
        await Expect(page.Locator("a.govuk-back-link")).ToHaveAttributeAsync("href", PanelPages.PanelHref(reference));
        return page;
    }

    /// <summary>
    /// From the draft's task list, opens point <paramref name="first"/> and rates it and each next one up to <paramref name="last"/>
    /// (point 5 amber, so the report raises an action; the rest green), with notes, saving each.
    /// </summary>
    private async Task RecordPointsAsync(IPage page, string draft, int first, int last, bool check)
    {
        var keyboard = page.Keyboard;
        await TabToAsync(page, page.Locator($"main a[href='/assessments/{draft}/points/{first}']"), maxPresses: 80);
        await keyboard.PressAsync("Enter");
        for (var n = first; n <= last; n++)
        {
            await Expect(page.Locator(".govuk-caption-l")).ToContainTextAsync($"point {n} of {PanelDaySteps.Points}");
            await TabToAsync(page, page.Locator("input[name=rating]").First);
            await keyboard.PressAsync(n == 5 ? "ArrowDown" : "Space");
            await TabToAsync(page, page.Locator("#notes"));
            await keyboard.TypeAsync($"Point {n}: the panel saw the team iterate weekly.");
            if (n == last)
            {
                await CheckOnceAsync(page, "journey-panel-point", check);
            }

            await PressButtonAsync(page, "Save and continue");
        }
    }

    /// <summary>The lead assessor checks the panel's answers and submits: the report is published to the council.</summary>
    private async Task LeadAssessorSubmitsAsync(IPage page, string reference, DateOnly panelDate)
    {
        await Expect(page.Locator("h1")).ToHaveTextAsync(Service);
        await Expect(page.Locator("main")).ToContainTextAsync("Ready to submit");
        await CheckAsync(page, "journey-panel-task-list-ready", _violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Check answers and submit" }), maxPresses: 80);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your answers before submitting");
        await Expect(page.Locator("#point-5 .govuk-tag")).ToHaveTextAsync("Amber");
        await Expect(page.Locator("main")).ToContainTextAsync("(user research)");
        await CheckAsync(page, "journey-panel-check", _violations);
        await PressButtonAsync(page, "Submit assessment", maxPresses: 120);
        await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync(reference);
        await CheckAsync(page, "journey-panel-published", _violations);
        Assert.Equal(PanelSteps.Iso(panelDate), (await PanelSteps.StoredAsync(fixture, reference)).PanelDate);
    }

    /// <summary>Westminster's contact follows the link in the report's email to their request, and from there opens the report.</summary>
    private async Task CouncilOpensTheReportFromItsEmailAsync(IPage page, string reference)
    {
        var email = fixture.SendGrid.Accepted.Single(m => m.To == Council && m.MessageId.StartsWith($"peer-report-{reference}", StringComparison.Ordinal));
        Assert.Contains("Amber", email.Subject, StringComparison.Ordinal);
        await page.GotoAsync(OnServer(PanelSteps.Link(email, RequestPages.CouncilHref(reference))));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Peer assessment of {Service}");
        await Expect(page.Locator("main")).ToContainTextAsync("Outcome: Amber");
        await Expect(page.Locator("#report-read-count")).ToHaveTextAsync("Read by 0 of 1 contact.");
        await CheckAsync(page, "journey-council-request-published", _violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Read the panel's report" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToContainTextAsync("Point 14: the panel saw the team iterate weekly.");
        await Expect(page.Locator("main")).ToContainTextAsync("Point 1: the panel saw the team iterate weekly.");
        await Expect(page.Locator("#actions")).ToContainTextAsync("Point 5");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start a reassessment" })).ToHaveCountAsync(0);
        await CheckAsync(page, "journey-council-report", _violations);
    }

    /// <summary>Back on the request (by its back link), the contact confirms they have read the report.</summary>
    private async Task CouncilConfirmsItHasReadTheReportAsync(IPage page)
    {
        await TabToAsync(page, page.Locator("a.govuk-back-link"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Peer assessment of {Service}");
        await PressButtonAsync(page, "We have read the report");
        await Expect(page.Locator(".govuk-notification-banner--success")).ToBeFocusedAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You confirmed you have read the panel's report");
        await Expect(page.Locator("#report-read-by-you")).ToHaveTextAsync("You confirmed you have read the report.");
        await Expect(page.Locator("#report-read-count")).ToHaveTextAsync("Read by 1 of 1 contact.");
        await CheckAsync(page, "journey-council-report-read", _violations);
    }

    /// <summary>A fresh browser, signed in through the emailed sign-in link, on the assessments home page.</summary>
    private async Task<IPage> SignedInPageAsync(string email, bool check = false)
    {
        var page = await NewPageAsync();
        await page.GotoAsync((await fixture.SignInLinkForAsync(email)).ToString());
        await CheckOnceAsync(page, "journey-sign-in", check);
        await PressButtonAsync(page, BrowserFixture.SignInButton);
        await page.WaitForURLAsync("**/assessments");
        await CheckOnceAsync(page, "journey-home", check);
        return page;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.NewContextAsync(bypassCsp: true);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task CheckOnceAsync(IPage page, string name, bool check)
    {
        if (check)
        {
            await CheckAsync(page, name, _violations);
        }
    }

    /// <summary>An emailed link moved from the configured public address onto the running server.</summary>
    private string OnServer(Uri link) => new Uri(fixture.BaseUrl, link.PathAndQuery).ToString();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }
}
