using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Access;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>
/// After the report, the assessed council says what helped and what did not: its contacts give and replace it for 30
/// days, by page or API; only the peer group's leads read it. Panel members, other councils and anonymous callers can
/// neither read nor write it; erasing its writer keeps the council's feedback and forgets who wrote it.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilFeedbackTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private const string FeedbackLead = "feedback.lead@camden.gov.uk";
    private const string Helped = "The panel's questions on user research were practical.";
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AContactGivesFeedbackOnThePage_AColleagueReplacesItByApi_AndTheLeadReadsIt_Audited()
    {
        var request = await PublishedAsync("Parking permits (feedback)");
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);

        var requestPage = await owner.GetAsync($"/assessments/peer-requests/{request.Reference}");
        Assert.Equal(CouncilFeedback.Href(request.Reference), requestPage.Element("#give-feedback")!.GetAttribute("href"));
        var form = await owner.GetAsync(CouncilFeedback.Href(request.Reference));
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var sent = await AssessorSteps.PostFormAsync(owner, form, CouncilFeedback.Href(request.Reference),
            new Dictionary<string, string[]> { ["helped"] = [Helped], ["didNotHelp"] = ["The day ran over\nby an hour."] });

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        Assert.Equal($"/assessments/peer-requests/{request.Reference}?feedback=saved", sent.Location);
        Assert.NotNull((await owner.GetAsync(sent.Location!)).Element("#feedback-saved"));
        var stored = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Equal((Helped, "The day ran over\nby an hour.", SignupService.ContactKey(PanelDayFixture.CouncilContact)), (stored.FeedbackHelped, stored.FeedbackDidNotHelp, stored.FeedbackBy));
        Assert.Contains(await ConsoleSteps.AuditAsync(fixture), r => r.Action == "peer-assessment.feedback-given" && r.Subject.EndsWith(request.Reference, StringComparison.Ordinal));

        var lead = await LeadAsync();
        var leadPage = await lead.GetAsync(PanelSteps.LeadPage(request.Reference));
        Assert.Equal(Helped, leadPage.Element("#feedback-helped")!.TextContent.Trim());
        Assert.Contains("by Ada Lovelace", leadPage.Element("main")!.TextContent, StringComparison.Ordinal);

        var colleague = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.SecondCouncilContact);
        var replaced = await colleague.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { didNotHelp = "Too little notice of the date." });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var view = (await replaced.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Null(view["helped"]);
        Assert.Equal(request.ReportPublishedAt!.Value.AddDays(30), view["openUntil"]!.GetValue<DateTimeOffset>());

        leadPage = await lead.GetAsync(PanelSteps.LeadPage(request.Reference));
        Assert.Equal("Nothing said", leadPage.Element("#feedback-helped")!.TextContent.Trim());
        Assert.Equal("Too little notice of the date.", leadPage.Element("#feedback-did-not-help")!.TextContent.Trim());
    }

    [Fact]
    public async Task AColleaguesFeedback_SavedAfterTheFormWasOpened_IsShownNotOverwritten_UntilTheWriterSendsAgain()
    {
        var request = await PublishedAsync("Parking permits (feedback in two tabs)");
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var form = await owner.GetAsync(CouncilFeedback.Href(request.Reference));
        Assert.Equal(CouncilFeedback.NoneGiven, form.Element("input[name=replacing]")!.GetAttribute("value"));

        var colleague = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.SecondCouncilContact);
        var first = await colleague.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = "The colleague's view.", replacing = "none" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstGivenAt = (await first.Content.ReadFromJsonAsync<JsonNode>())!["givenAt"]!.GetValue<string>();

        _clock.Advance(TimeSpan.FromMinutes(5));
        var stale = await AssessorSteps.PostFormAsync(owner, form, CouncilFeedback.Href(request.Reference), new Dictionary<string, string[]> { ["helped"] = [Helped] });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Your council's feedback was changed at", stale.Element(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("#helped", stale.Element(".govuk-error-summary a")!.GetAttribute("href"));
        Assert.Equal("The colleague's view.", stale.Element("#saved-helped")!.TextContent.Trim());
        Assert.Equal(Helped, stale.Element("textarea[name=helped]")!.TextContent.Trim());
        Assert.Equal("The colleague's view.", (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);

        var again = await AssessorSteps.PostFormAsync(owner, stale, CouncilFeedback.Href(request.Reference), new Dictionary<string, string[]>());
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(Helped, (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);

        // The colleague's client still holds the first answer's givenAt: its next write is refused, naming the current one.
        var refused = await colleague.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = "Overwritten?", replacing = firstGivenAt });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var current = CouncilFeedback.Replacing((await PanelDaySteps.ReadAsync(fixture, request))!);
        Assert.Contains(current, (await refused.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var notATime = await colleague.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = "Overwritten?", replacing = "yesterday" });
        Assert.Equal(HttpStatusCode.BadRequest, notATime.StatusCode);
        Assert.NotNull((await notATime.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["replacing"]);
        Assert.Equal(Helped, (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);

        Assert.Equal(HttpStatusCode.OK, (await colleague.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = "Now replacing it.", replacing = current })).StatusCode);
        Assert.Equal("Now replacing it.", (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);
    }

    [Fact]
    public async Task AFormWhoseHiddenReplacingWasChanged_IsRefusedOnce_ThenTakesTheSavedValue_SoSendingAgainWorks()
    {
        var request = await PublishedAsync("Parking permits (feedback form tampered with)");
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var form = await owner.GetAsync(CouncilFeedback.Href(request.Reference));

        var refused = await AssessorSteps.PostFormAsync(owner, form, CouncilFeedback.Href(request.Reference),
            new Dictionary<string, string[]> { ["helped"] = [Helped], ["replacing"] = ["yesterday"] });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#helped"], refused.ErrorLinks);
        Assert.Contains("could not tell which feedback this form replaces", refused.ErrorMessages[0], StringComparison.Ordinal);
        Assert.Equal(CouncilFeedback.NoneGiven, refused.Element("input[name=replacing]")!.GetAttribute("value"));
        Assert.Equal(Helped, refused.Element("textarea[name=helped]")!.TextContent.Trim());
        Assert.Null((await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);

        var again = await AssessorSteps.PostFormAsync(owner, refused, CouncilFeedback.Href(request.Reference), new Dictionary<string, string[]>());
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
        Assert.Equal(Helped, (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);
    }

    [Fact]
    public async Task APanelMember_AnotherCouncil_AndAnonymousCaller_CanNeitherReadNorWriteIt_AndTheCouncilsOwnViewsLeaveItOut()
    {
        var request = await PublishedAsync("Parking permits (feedback kept to the leads)");
        var council = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        Assert.Equal(HttpStatusCode.OK, (await council.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = Helped })).StatusCode);

        foreach (var outsider in new[] { PanelDayFixture.Lead, PanelDayFixture.Outsider })
        {
            var api = await AccessSteps.BearerClientAsync(fixture, outsider);
            var put = await api.PutAsJsonAsync($"/api/peer-assessments/{request.Reference}/feedback", new { helped = "Written by someone else." });
            Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
            var session = await PageSession.SignInAsync(fixture, outsider);
            foreach (var path in new[] { CouncilFeedback.Href(request.Reference), $"/assessments/peer-requests/{request.Reference}", PanelSteps.LeadPage(request.Reference), "/assessments/panels" })
            {
                var page = await session.GetAsync(path);
                Assert.DoesNotContain(Helped, page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
            }

            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(CouncilFeedback.Href(request.Reference))).Status);
        }

        var anonymous = fixture.CreateClient();
        using var body = JsonContent.Create(new { helped = "Anonymous." });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsync(new Uri($"/api/peer-assessments/{request.Reference}/feedback", UriKind.Relative), body)).StatusCode);
        var anonymousPage = await anonymous.GetAsync(new Uri(CouncilFeedback.Href(request.Reference), UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, anonymousPage.StatusCode);
        Assert.DoesNotContain(Helped, await anonymousPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The council's own request view and the organisers' API carry no feedback: it is for the leads.
        Assert.DoesNotContain(Helped, await council.GetStringAsync(new Uri($"/api/peer-assessments/{request.Reference}", UriKind.Relative)), StringComparison.Ordinal);
        Assert.DoesNotContain(Helped, await fixture.CreateAdminClient().GetStringAsync(new Uri($"/api/admin/peer-assessments/{request.Reference}/proposal", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(Helped, (await PanelDaySteps.ReadAsync(fixture, request))!.FeedbackHelped);
    }

    [Fact]
    public async Task BeforePublication_ItIsNotFound_AndThirtyDaysAfter_ItIsClosed()
    {
        var confirmed = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not yet published, feedback)");
        var published = await PublishedAsync("Parking permits (feedback closes)");
        var feedback = fixture.Service<CouncilFeedback>();
        var scope = Scope(PanelDayFixture.CouncilContact);

        Assert.Equal(FeedbackOutcome.NotFound, (await feedback.SaveAsync(scope, confirmed.Reference, new FeedbackBody(Helped, null), CancellationToken.None)).Outcome);
        Assert.Equal(FeedbackOutcome.Saved, (await feedback.SaveAsync(scope, published.Reference, new FeedbackBody(Helped, null), CancellationToken.None)).Outcome);

        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(FeedbackOutcome.Closed, (await feedback.SaveAsync(scope, published.Reference, new FeedbackBody("Later thoughts.", null), CancellationToken.None)).Outcome);
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var page = await owner.GetAsync(CouncilFeedback.Href(published.Reference));
        Assert.NotNull(page.Element("#feedback-closed"));
        Assert.Null(page.Element("textarea"));
        Assert.Null((await owner.GetAsync($"/assessments/peer-requests/{published.Reference}")).Element("#give-feedback"));
        var api = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsJsonAsync($"/api/peer-assessments/{published.Reference}/feedback", new { helped = "Later thoughts." })).StatusCode);
        Assert.Equal(Helped, (await PanelDaySteps.ReadAsync(fixture, published))!.FeedbackHelped);
    }

    [Fact]
    public async Task ErasingItsWriter_KeepsTheCouncilsFeedback_AndForgetsWhoWroteIt()
    {
        var request = await PublishedAsync("Parking permits (feedback writer erased)");
        await fixture.Service<CouncilFeedback>().SaveAsync(Scope(PanelDayFixture.SecondCouncilContact), request.Reference, new FeedbackBody(Helped, null), CancellationToken.None);

        var holder = fixture.Service<PeerAssessmentRequestPersonalData>();
        var subject = Subject(PanelDayFixture.SecondCouncilContact);
        var export = new PersonalDataSections();
        await holder.ExportAsync(subject, export, CancellationToken.None);
        await holder.EraseAsync(subject, new ErasureProgress("test"), CancellationToken.None);

        Assert.Contains((IEnumerable<ExportedAssessmentFeedback>)export.Sections["peerAssessmentFeedback"]!, f => f.Reference == request.Reference && f.Helped == Helped);
        var stored = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Null(stored.FeedbackBy);
        Assert.Equal(Helped, stored.FeedbackHelped);
        var leadPage = await (await LeadAsync()).GetAsync(PanelSteps.LeadPage(request.Reference));
        Assert.Equal(Helped, leadPage.Element("#feedback-helped")!.TextContent.Trim());
        Assert.DoesNotContain("by Ada Lovelace", leadPage.Element("main")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<PeerAssessmentRequestEntity> PublishedAsync(string serviceName) =>
        await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, serviceName, status: PeerAssessmentRequestEntity.ReportPublished);

    /// <summary>A Camden contact who leads London (Westminster's group), signed in.</summary>
    private async Task<PageSession> LeadAsync()
    {
        if (await fixture.Service<ContactStore>().GetAsync("london", TestRegister.Camden.GssCode, SignupService.ContactKey(FeedbackLead), CancellationToken.None) is null)
        {
            await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, FeedbackLead);
        }

        await fixture.Service<PeerGroupEditor>().SaveAsync("london", new("London", ["london"], [new("London lead", FeedbackLead)]), "test", CancellationToken.None);
        return await PageSession.SignInAsync(fixture, FeedbackLead);
    }

    private static CouncilScope Scope(string email) =>
        new(TestRegister.Westminster.GssCode, "london", SignupService.ContactKey(email), "ref", email);

    private static DataSubject Subject(string email) =>
        new(TestRegister.Westminster.GssCode, "london", "LGS-NONE-NONE", SignupService.ContactKey(email), email, email, DateTimeOffset.UnixEpoch);
}
