using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>
/// A report offers a reassessment whenever any point failed, even when the panel's overall rating passes: in its email,
/// on the council's page and in the API, each leading to the new-request form filled in from the earlier request.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReassessmentOfferTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task OneFailedPoint_UnderAPassingOverallRating_OffersAReassessment_InTheEmail_ThePage_AndTheApi()
    {
        var request = await SubmittedAsync("Parking permits (one amber point)", n => n == 3 ? "amber" : "green", "green");
        var href = ReassessmentOffer.Href(request.Reference);

        var stored = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Equal("green", stored.Outcome);
        Assert.Equal([3], stored.FailedPointNumbers());

        var emails = ReportsFor(request);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e =>
        {
            Assert.Contains(PanelReport.ReassessClosing, e.PlainText, StringComparison.Ordinal);
            Assert.Equal(href, PanelSteps.Link(e, "/assessments/peer-requests/new").PathAndQuery);
            Assert.Contains("<a href=", e.Html, StringComparison.Ordinal);
            Assert.Contains(request.Reference, e.Html, StringComparison.Ordinal);
        });

        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var page = await owner.GetAsync($"/assessments/peer-requests/{request.Reference}");
        Assert.Equal(href, page.Element("#ask-reassessment")!.GetAttribute("href"));
        var form = await owner.GetAsync(href);
        Assert.Equal("Parking permits (one amber point)", form.ValueOf("serviceName"));
        Assert.NotNull(form.Element($"input[name='standardId'][value='{PanelDaySteps.StandardId}'][checked]"));
        Assert.Equal(request.Reference, form.Element("input[name='reassessmentOf']")!.GetAttribute("value"));

        var api = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        var view = (await api.GetFromJsonAsync<JsonNode>($"/api/peer-assessments/{request.Reference}"))!;
        Assert.Equal(href, view["reassessHref"]!.GetValue<string>());
        Assert.Equal([3], view["failedPoints"]!.AsArray().Select(p => p!.GetValue<int>()));
        Assert.Equal("green", view["outcome"]!.GetValue<string>());
        Assert.Null(view["reassessmentOf"]);

        var (selfReassess, problem) = await AssessmentSteps.SendAsync(
            api, HttpMethod.Post, $"/api/assessments/{PanelDaySteps.PanelReference(request.Reference)}/reassess", null, null);
        Assert.Equal(HttpStatusCode.BadRequest, selfReassess.StatusCode);
        Assert.Contains("peer panel's report", problem!["errors"]!["reference"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPointMet_OffersNoReassessment_Anywhere()
    {
        var request = await SubmittedAsync("Parking permits (all green)", _ => "green", "green");

        Assert.Empty((await PanelDaySteps.ReadAsync(fixture, request))!.FailedPointNumbers());
        Assert.All(ReportsFor(request), e =>
        {
            Assert.Contains(PanelReport.PassedClosing, e.PlainText, StringComparison.Ordinal);
            Assert.DoesNotContain("reassess=", e.PlainText, StringComparison.Ordinal);
        });
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        Assert.Null((await owner.GetAsync($"/assessments/peer-requests/{request.Reference}")).Element("#ask-reassessment"));
        var api = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        var view = (await api.GetFromJsonAsync<JsonNode>($"/api/peer-assessments/{request.Reference}"))!;
        Assert.Null(view["reassessHref"]);
        Assert.Empty(view["failedPoints"]!.AsArray());
    }

    /// <summary>A confirmed panel's lead assessor rates every point and submits; the request as it was made.</summary>
    private async Task<PeerAssessmentRequestEntity> SubmittedAsync(string serviceName, Func<int, string> ratingFor, string overall)
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, serviceName);
        var draft = PanelDaySteps.PanelReference(request.Reference);
        var lead = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        var (read, _) = await PanelDaySteps.OpenDraftAsync(lead, draft);
        var etag = await AssessmentSteps.RateAllAsync(lead, draft, read.Headers.ETag!.ToString(), ratingFor, PanelDaySteps.Points);
        var (submitted, _) = await AssessmentSteps.SendAsync(lead, HttpMethod.Post, $"/api/assessments/{draft}/submit", new { overallRating = overall }, etag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return request;
    }

    private List<CapturedRequest> ReportsFor(PeerAssessmentRequestEntity request) =>
        fixture.SendGrid.Accepted.Where(r => r.MessageId.StartsWith($"peer-report-{request.Reference}-", StringComparison.Ordinal)).ToList();
}
