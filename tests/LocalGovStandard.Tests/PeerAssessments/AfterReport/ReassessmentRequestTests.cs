using System.Globalization;
using System.Net;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>A report whose outcome does not pass offers the council a reassessment: the new-request form filled in from the earlier request, which the new one names.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReassessmentRequestTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AFailedOutcome_OffersAReassessment_WhoseFormIsFilledIn_AndTheNewRequestNamesTheEarlierOne()
    {
        var earlier = await PublishedAsync("Parking permits (failed)", "red", "E09000007");
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);

        var page = await owner.GetAsync($"/assessments/peer-requests/{earlier.Reference}");
        var link = page.Element("#ask-reassessment")!.GetAttribute("href")!;
        var form = await owner.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal("Parking permits (failed)", form.ValueOf("serviceName"));
        Assert.Equal("https://www.westminster.gov.uk/parking", form.ValueOf("serviceUrl"));
        Assert.Equal("E09000007", form.ValueOf("conflict1"));
        Assert.NotNull(form.Element("input[name='phase'][value='beta'][checked]"));
        Assert.NotNull(form.Element($"input[name='standardId'][value='{PanelDaySteps.StandardId}'][checked]"));
        Assert.Equal(earlier.Reference, form.Element("input[name='reassessmentOf']")!.GetAttribute("value"));

        var sent = await owner.SubmitAsync(form, Answers(await PanelSteps.WestminsterReferenceAsync(fixture, PanelDayFixture.CouncilContact)));

        Assert.Equal(HttpStatusCode.Redirect, sent.Status);
        var reference = sent.Location!.Split('/', '?')[3];
        var stored = await PanelSteps.StoredAsync(fixture, reference);
        Assert.Equal(earlier.Reference, stored.ReassessmentOf);
        Assert.Equal("Parking permits (failed)", stored.ServiceName);
        Assert.Equal(["E09000007"], stored.ConflictCodes());
    }

    [Fact]
    public async Task APassingOutcome_OffersNoReassessment_AndAnotherCouncilsOrAnUnpublishedRequestCannotBeNamed()
    {
        var passed = await PublishedAsync("Parking permits (passed)", "green");
        var unpublished = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not yet held)");
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var outsider = await PageSession.SignInAsync(fixture, PanelDayFixture.Outsider);

        Assert.Null((await owner.GetAsync($"/assessments/peer-requests/{passed.Reference}")).Element("#ask-reassessment"));
        Assert.Null((await outsider.GetAsync($"/assessments/peer-requests/new?reassess={passed.Reference}")).Element("input[name='reassessmentOf']"));
        Assert.Null((await owner.GetAsync($"/assessments/peer-requests/new?reassess={unpublished.Reference}")).Element("input[name='reassessmentOf']"));

        var form = await owner.GetAsync($"/assessments/peer-requests/new?reassess={passed.Reference}");
        var answers = Answers(await PanelSteps.WestminsterReferenceAsync(fixture, PanelDayFixture.CouncilContact));
        answers["reassessmentOf"] = unpublished.Reference;
        var refused = await owner.SubmitAsync(form, answers);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#reassessmentOf"], refused.ErrorLinks);
    }

    private async Task<PeerAssessmentRequestEntity> PublishedAsync(string serviceName, string outcome, string conflicts = "")
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, serviceName, status: PeerAssessmentRequestEntity.ReportPublished);
        request.Outcome = outcome;
        request.Conflicts = conflicts;
        request.ReportPublishedAt = _clock.GetUtcNow();
        await fixture.Service<PeerAssessmentRequestStore>().UpdateAsync(request, CancellationToken.None);
        return request;
    }

    private Dictionary<string, string> Answers(string contactReference)
    {
        var answers = new Dictionary<string, string> { ["contactReference"] = contactReference };
        foreach (var (days, n) in new[] { (30, 1), (40, 2) })
        {
            var date = UkTime.Today(_clock).AddDays(days);
            answers[$"preferredDate{n}-day"] = date.Day.ToString(CultureInfo.InvariantCulture);
            answers[$"preferredDate{n}-month"] = date.Month.ToString(CultureInfo.InvariantCulture);
            answers[$"preferredDate{n}-year"] = date.Year.ToString(CultureInfo.InvariantCulture);
        }

        return answers;
    }
}
