using System.Net;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.Panels;

/// <summary>"Assessments I am on a panel for" and each panel's page: only accepted members of a confirmed, unpublished panel see them.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelPagesTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AcceptedMembers_SeeThePanel_WithTheCouncilsSelfAssessment_AndNobodyElseDoes()
    {
        var council = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        var (self, etag) = await AssessmentSteps.CreateAsync(council, AssessmentSteps.SelfDetails(PanelDaySteps.StandardId, "Parking permits (pages)"));
        etag = await AssessmentSteps.RateAllAsync(council, self, etag, n => n == 2 ? "amber" : "green", PanelDaySteps.Points);
        Assert.True((await AssessmentSteps.SendAsync(council, HttpMethod.Post, $"/api/assessments/{self}/submit", new { }, etag)).Response.IsSuccessStatusCode);
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (pages)");
        var unconfirmed = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not yet confirmed)", status: PeerAssessmentRequestEntity.Requested);

        foreach (var member in new[] { PanelDayFixture.Lead, PanelDayFixture.Researcher })
        {
            var session = await PageSession.SignInAsync(fixture, member);
            var list = await session.GetAsync("/assessments/panels");
            Assert.Equal("Assessments I am on a panel for", list.Heading);
            Assert.NotNull(list.Element($"a[href='/assessments/panels/{request.Reference}']"));
            Assert.Null(list.Element($"a[href='/assessments/panels/{unconfirmed.Reference}']"));

            var page = await session.GetAsync($"/assessments/panels/{request.Reference}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Evidence for point 2", page.Document.Body!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Element($"form[action='/assessments/panels/{request.Reference}/start'] button"));
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/assessments/panels/{unconfirmed.Reference}")).Status);
        }

        foreach (var outsider in new[] { PanelDayFixture.Declined, PanelDayFixture.Removed, PanelDayFixture.Outsider, PanelDayFixture.CouncilContact })
        {
            var session = await PageSession.SignInAsync(fixture, outsider);
            Assert.Null((await session.GetAsync("/assessments/panels")).Element($"a[href='/assessments/panels/{request.Reference}']"));
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/assessments/panels/{request.Reference}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/assessments/{PanelDaySteps.PanelReference(request.Reference)}")).Status);
        }
    }

    /// <summary>
    /// The list reads the member's own panel seat rows, not every region's requests: a panel confirmed before the rows
    /// were kept (written here straight to the requests table) appears once the daily timer has written its rows.
    /// </summary>
    [Fact]
    public async Task ThePanelList_ComesFromTheMembersSeatRows_WhichTheTimerWritesWhenMissing()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (before the index)");
        var researcherKey = request.Panel().Single(m => m.RoleId == "user-research").ContactKey;
        Assert.True(await fixture.Service<PanelSeatIndex>().RemoveAllAsync(researcherKey, CancellationToken.None) > 0);

        var researcher = await PageSession.SignInAsync(fixture, PanelDayFixture.Researcher);
        var link = $"a[href='/assessments/panels/{request.Reference}']";
        Assert.Null((await researcher.GetAsync("/assessments/panels")).Element(link));
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync($"/assessments/panels/{request.Reference}")).Status);

        using (var run = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/timers/{PanelReminders.Name}/run", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        Assert.NotNull((await researcher.GetAsync("/assessments/panels")).Element(link));
        Assert.Null((await (await PageSession.SignInAsync(fixture, PanelDayFixture.Declined)).GetAsync("/assessments/panels")).Element(link));
    }

    [Fact]
    public async Task ShowingThePanel_WritesNothing_AndTwoMembersStartingAtOnce_MakeOneDraft()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (start)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var start = $"/assessments/panels/{request.Reference}/start";
        var lead = await PageSession.SignInAsync(fixture, PanelDayFixture.Lead);
        var researcher = await PageSession.SignInAsync(fixture, PanelDayFixture.Researcher);

        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        var leadPage = await lead.GetAsync($"/assessments/panels/{request.Reference}");
        var researcherPage = await researcher.GetAsync($"/assessments/panels/{request.Reference}");
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/assessments/panels")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/assessments/{draft}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync($"/assessments/{draft}/points/1")).Status);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.Null(leadPage.Element($"a[href='/assessments/{draft}']"));
        Assert.Equal("Start recording", leadPage.Element($"form[action='{start}'] button")?.TextContent.Trim());

        // Two members press the button at the same moment: both go to the one draft.
        var pressed = await Task.WhenAll(lead.SubmitAsync(leadPage, null, start), researcher.SubmitAsync(researcherPage, null, start));
        Assert.All(pressed, p => Assert.Equal((HttpStatusCode.Redirect, $"/assessments/{draft}"), (p.Status, p.Location)));
        Assert.Equal(HttpStatusCode.OK, (await researcher.GetAsync($"/assessments/{draft}")).Status);
        var opened = (await fixture.Service<LocalGovStandard.Platform.Audit.AuditLog>().ForMonthAsync(_clock.GetUtcNow(), CancellationToken.None))
            .Count(e => e.Action == "assessment.panel-draft-opened" && e.Subject == $"{request.GssCode}/{draft}");
        Assert.Equal(1, opened);
        var shown = await lead.GetAsync($"/assessments/panels/{request.Reference}");
        Assert.NotNull(shown.Element($"a[href='/assessments/{draft}']"));
        Assert.Null(shown.Element($"form[action='{start}']"));
    }

    [Fact]
    public async Task AMember_RecordsAPointOnThePages_AndOnlyTheLeadSubmits_ThenTheCouncilReadsTheReport()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (page journey)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var researcher = await PageSession.SignInAsync(fixture, PanelDayFixture.Researcher);
        var started = await researcher.SubmitAsync(await researcher.GetAsync($"/assessments/panels/{request.Reference}"), null, $"/assessments/panels/{request.Reference}/start");
        Assert.Equal((HttpStatusCode.Redirect, $"/assessments/{draft}"), (started.Status, started.Location));
        for (var n = 1; n <= PanelDaySteps.Points; n++)
        {
            var point = await researcher.GetAsync($"/assessments/{draft}/points/{n}");
            Assert.Equal(HttpStatusCode.OK, point.Status);
            var saved = await researcher.SubmitAsync(point, new Dictionary<string, string> { ["action"] = "save", ["rating"] = n == 4 ? "red" : "green", ["notes"] = $"Panel notes {n}" });
            Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        }

        var check = await researcher.GetAsync($"/assessments/{draft}/check");
        var refused = await researcher.SubmitAsync(check);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("Only the lead assessor can submit the panel's assessment", refused.Heading);

        var lead = await PageSession.SignInAsync(fixture, PanelDayFixture.Lead);
        var leadCheck = await lead.GetAsync($"/assessments/{draft}/check");
        var submitted = await lead.SubmitAsync(leadCheck, new Dictionary<string, string> { ["overallRating"] = "amber" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.Status);
        Assert.Equal($"/assessments/panels?published={request.Reference}", submitted.Location);
        Assert.Contains(request.Reference, (await lead.GetAsync(submitted.Location!)).Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/assessments/panels/{request.Reference}")).Status);

        var council = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var requestPage = await council.GetAsync($"/assessments/peer-requests/{request.Reference}");
        Assert.Contains("Outcome: Amber", requestPage.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Report published", requestPage.Document.QuerySelector("main .govuk-tag")!.TextContent, StringComparison.Ordinal);
        var report = await council.GetAsync(requestPage.Element($"a[href='/assessments/{draft}']")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Contains("Panel notes 4", report.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Amber", report.Document.Body!.TextContent, StringComparison.Ordinal);
    }
}
