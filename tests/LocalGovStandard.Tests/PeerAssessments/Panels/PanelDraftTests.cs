using System.Net;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.Panels;

/// <summary>
/// The panel's draft: recorded with the assessment API through each member's grant, one draft that any accepted member
/// edits, ETags between members, and a submit only the lead assessor may make, which publishes the council's report once.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelDraftTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task TwoMembers_EditOneDraft_AndTheStaleWriteIsRefused_LosingNothing()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (concurrent edits)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var lead = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        var researcher = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Researcher);

        var (leadRead, leadView) = await PanelDaySteps.OpenDraftAsync(lead, draft);
        var (researcherRead, _) = await AssessmentSteps.SendAsync(researcher, HttpMethod.Get, $"/api/assessments/{draft}", null, null);
        Assert.Equal(HttpStatusCode.OK, leadRead.StatusCode);
        Assert.Equal("peer", leadView!["type"]!.GetValue<string>());
        Assert.Equal(leadRead.Headers.ETag!.ToString(), researcherRead.Headers.ETag!.ToString());
        var etag = leadRead.Headers.ETag!.ToString();

        var (first, _) = await AssessmentSteps.SendAsync(lead, HttpMethod.Put, $"/api/assessments/{draft}/points/1", new { rating = "green", notes = "The lead's notes" }, etag);
        var (second, problem) = await AssessmentSteps.SendAsync(researcher, HttpMethod.Put, $"/api/assessments/{draft}/points/1", new { rating = "red", notes = "The researcher's notes" }, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Reload", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (reread, view) = await AssessmentSteps.SendAsync(researcher, HttpMethod.Get, $"/api/assessments/{draft}", null, null);
        Assert.Equal("The lead's notes", view!["points"]![0]!["notes"]!.GetValue<string>());

        var (third, _) = await AssessmentSteps.SendAsync(researcher, HttpMethod.Put, $"/api/assessments/{draft}/points/2", new { rating = "amber", notes = "The researcher's notes" }, reread.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        var (_, both) = await AssessmentSteps.SendAsync(lead, HttpMethod.Get, $"/api/assessments/{draft}", null, null);
        Assert.Equal("green", both!["points"]![0]!["rating"]!.GetValue<string>());
        Assert.Equal("amber", both["points"]![1]!["rating"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheCouncil_NeverSeesThePanelsDraft_AndNoOneElseCanOpenIt()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (draft hidden)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var lead = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        await PanelDaySteps.OpenDraftAsync(lead, draft);

        foreach (var email in new[] { PanelDayFixture.CouncilContact, PanelDayFixture.Declined, PanelDayFixture.Removed, PanelDayFixture.Outsider })
        {
            var client = await AccessSteps.BearerClientAsync(fixture, email);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/assessments/{draft}", UriKind.Relative))).StatusCode);
        }

        var council = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        Assert.DoesNotContain(draft, await council.GetStringAsync(new Uri("/api/assessments", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheLeadSubmits_ThenEachCouncilContactGetsTheReportOnce_TheActionsAreTheCouncils_AndTheGrantEnds()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (report)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var lead = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        var researcher = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Researcher);
        var (read, _) = await PanelDaySteps.OpenDraftAsync(researcher, draft);
        var etag = await AssessmentSteps.RateAllAsync(researcher, draft, read.Headers.ETag!.ToString(), n => n == 3 ? "red" : "green", PanelDaySteps.Points);

        var (refused, why) = await AssessmentSteps.SendAsync(researcher, HttpMethod.Post, $"/api/assessments/{draft}/submit", new { overallRating = "amber" }, etag);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("lead assessor", why!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PeerAssessmentRequestEntity.PanelConfirmed, (await PanelDaySteps.ReadAsync(fixture, request))!.Status);

        var (submitted, report) = await AssessmentSteps.SendAsync(lead, HttpMethod.Post, $"/api/assessments/{draft}/submit", new { overallRating = "amber" }, etag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("amber", report!["overallResult"]!.GetValue<string>());

        var published = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Equal(PeerAssessmentRequestEntity.ReportPublished, published.Status);
        Assert.Equal("amber", published.Outcome);
        Assert.NotNull(published.ReportPublishedAt);
        var reports = ReportsFor(request);
        Assert.Equal([PanelDayFixture.SecondCouncilContact, PanelDayFixture.CouncilContact], reports.Select(r => r.To).Order(StringComparer.Ordinal));
        Assert.All(reports, r => Assert.Contains("Point 3", r.Body["content"]![0]!["value"]!.GetValue<string>(), StringComparison.Ordinal));

        // The grant ended with the report: a second submit, or any read, is not found, and nothing is sent again.
        Assert.Equal(HttpStatusCode.NotFound, (await AssessmentSteps.SendAsync(lead, HttpMethod.Post, $"/api/assessments/{draft}/submit", new { overallRating = "amber" }, etag)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await researcher.GetAsync(new Uri($"/api/assessments/{draft}", UriKind.Relative))).StatusCode);
        Assert.Equal(2, ReportsFor(request).Count);

        // The council now sees the panel's assessment and owns its action.
        var council = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        Assert.Equal(HttpStatusCode.OK, (await council.GetAsync(new Uri($"/api/assessments/{draft}", UriKind.Relative))).StatusCode);
        var list = await council.GetStringAsync(new Uri("/api/assessments", UriKind.Relative));
        Assert.Contains($"\"assessmentReference\":\"{draft}\"", list, StringComparison.Ordinal);
    }

    /// <summary>
    /// The crash is a real interruption: the second report's SendGrid request hangs and the lead's request is cancelled
    /// while it hangs. The request stays unpublished (the grant holds); once the ledger's claim times out the lead submits
    /// again, which sends the second report and publishes. Each contact ends with exactly one report.
    /// </summary>
    [Fact]
    public async Task ACrashMidSend_ThenSubmittingAgain_SendsEachContactExactlyOneReport()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (crash)");
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var lead = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        var (read, _) = await PanelDaySteps.OpenDraftAsync(lead, draft);
        var etag = await AssessmentSteps.RateAllAsync(lead, draft, read.Headers.ETag!.ToString(), _ => "green", PanelDaySteps.Points);

        fixture.SendGrid.Enqueue(CannedResponse.Accepted, new CannedResponse(503, Delay: TimeSpan.FromSeconds(60)));
        var before = fixture.SendGrid.Requests.Count;
        using var crash = new CancellationTokenSource();
        var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{draft}/submit") { Content = System.Net.Http.Json.JsonContent.Create(new { overallRating = "" }) };
        submit.Headers.TryAddWithoutValidation("If-Match", etag);
        var sending = lead.SendAsync(submit, crash.Token);
        await Eventually.TrueAsync(() => fixture.SendGrid.Requests.Count >= before + 2, "the second report to reach SendGrid");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        Assert.Single(ReportsFor(request));
        Assert.Equal(PeerAssessmentRequestEntity.PanelConfirmed, (await PanelDaySteps.ReadAsync(fixture, request))!.Status);

        _clock.Advance(TimeSpan.FromMinutes(11));
        var again = await AssessmentSteps.SendAsync(lead, HttpMethod.Post, $"/api/assessments/{draft}/submit", new { overallRating = "" }, etag);

        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Equal(PeerAssessmentRequestEntity.ReportPublished, (await PanelDaySteps.ReadAsync(fixture, request))!.Status);
        Assert.Equal(2, ReportsFor(request).Count);
        Assert.Equal(2, ReportsFor(request).Select(r => r.To).Distinct(StringComparer.Ordinal).Count());
    }

    private List<CapturedRequest> ReportsFor(PeerAssessmentRequestEntity request) =>
        fixture.SendGrid.Accepted.Where(r => r.MessageId.StartsWith($"peer-report-{request.Reference}-", StringComparison.Ordinal)).ToList();
}
