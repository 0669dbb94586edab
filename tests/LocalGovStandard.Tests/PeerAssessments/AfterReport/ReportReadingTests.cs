using System.Net;
using LocalGovStandard.Access;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>
/// Once the report is published each of the council's approved contacts confirms they read it, once; the council and
/// its peer group's leads see how many have; erasing a contact takes their confirmation away.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReportReadingTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task EachContact_ConfirmsOnce_AndTheCouncilAndItsLeadSeeTheCount()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (read)", status: PeerAssessmentRequestEntity.ReportPublished);
        var href = $"/assessments/peer-requests/{request.Reference}";
        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var second = await PageSession.SignInAsync(fixture, PanelDayFixture.SecondCouncilContact);

        var before = await owner.GetAsync(href);
        Assert.Equal("Read by 0 of 2 contacts.", before.Element("#report-read-count")!.TextContent.Trim());

        var confirmed = await AssessorSteps.PostFormAsync(owner, before, ReportReadings.ConfirmHref(request.Reference), new Dictionary<string, string[]>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal($"{href}?read=true", confirmed.Location);
        var after = await owner.GetAsync(confirmed.Location!);
        Assert.Contains("You confirmed you have read the panel's report", after.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Read by 1 of 2 contacts.", after.Element("#report-read-count")!.TextContent.Trim());
        Assert.NotNull(after.Element("#report-read-by-you"));
        Assert.Null(after.Element($"form[action='{ReportReadings.ConfirmHref(request.Reference)}']"));

        var again = await fixture.Service<ReportReadings>().ConfirmAsync(Scope(PanelDayFixture.CouncilContact), request.Reference, CancellationToken.None);
        Assert.Equal(ReadConfirmation.AlreadyRecorded, again);

        var secondPage = await second.GetAsync(href);
        Assert.Equal("Read by 1 of 2 contacts.", secondPage.Element("#report-read-count")!.TextContent.Trim());
        await AssessorSteps.PostFormAsync(second, secondPage, ReportReadings.ConfirmHref(request.Reference), new Dictionary<string, string[]>());

        var stored = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Equal(
            [SignupService.ContactKey(PanelDayFixture.CouncilContact), SignupService.ContactKey(PanelDayFixture.SecondCouncilContact)],
            stored.Readings().Select(r => r.ContactKey));

        await fixture.Service<PeerGroupEditor>().SaveAsync("london", new("London", ["london"], [new("London lead", PanelDayFixture.Outsider)]), "test", CancellationToken.None);
        var lead = await PageSession.SignInAsync(fixture, PanelDayFixture.Outsider);
        var leadPage = await lead.GetAsync($"/assessments/peer-groups/london/requests/{request.Reference}");
        Assert.Equal(HttpStatusCode.OK, leadPage.Status);
        Assert.Equal("Read by 2 of 2 contacts.", leadPage.Element("#report-read-count")!.TextContent.Trim());
        Assert.Null(leadPage.Element($"form[action='{ReportReadings.ConfirmHref(request.Reference)}']"));
    }

    [Fact]
    public async Task BeforePublication_OrForAnotherCouncil_NothingIsRecorded()
    {
        var confirmedOnly = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not yet published)");
        var published = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not theirs)", status: PeerAssessmentRequestEntity.ReportPublished);
        var readings = fixture.Service<ReportReadings>();

        var owner = await PageSession.SignInAsync(fixture, PanelDayFixture.CouncilContact);
        var page = await owner.GetAsync($"/assessments/peer-requests/{confirmedOnly.Reference}");
        Assert.Null(page.Element("#report-read-count"));
        Assert.Equal(ReadConfirmation.NotPublished, await readings.ConfirmAsync(Scope(PanelDayFixture.CouncilContact), confirmedOnly.Reference, CancellationToken.None));
        Assert.Equal(ReadConfirmation.NotFound, await readings.ConfirmAsync(Scope(PanelDayFixture.Outsider, TestRegister.Camden), published.Reference, CancellationToken.None));

        Assert.Empty((await PanelDaySteps.ReadAsync(fixture, confirmedOnly))!.Readings());
        Assert.Empty((await PanelDaySteps.ReadAsync(fixture, published))!.Readings());
    }

    [Fact]
    public async Task ErasingAContact_RemovesTheirConfirmation_AndKeepsTheOthers()
    {
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (erased reader)", status: PeerAssessmentRequestEntity.ReportPublished);
        var readings = fixture.Service<ReportReadings>();
        await readings.ConfirmAsync(Scope(PanelDayFixture.CouncilContact), request.Reference, CancellationToken.None);
        await readings.ConfirmAsync(Scope(PanelDayFixture.SecondCouncilContact), request.Reference, CancellationToken.None);

        var holder = fixture.Service<PeerAssessmentRequestPersonalData>();
        var subject = Subject(PanelDayFixture.SecondCouncilContact);
        var export = new PersonalDataSections();
        await holder.ExportAsync(subject, export, CancellationToken.None);
        await holder.EraseAsync(subject, new ErasureProgress("test"), CancellationToken.None);

        Assert.Contains((IEnumerable<ExportedReportReading>)export.Sections["peerAssessmentReportReadings"]!, r => r.Reference == request.Reference);
        var stored = (await PanelDaySteps.ReadAsync(fixture, request))!;
        Assert.Equal([SignupService.ContactKey(PanelDayFixture.CouncilContact)], stored.Readings().Select(r => r.ContactKey));
    }

    private static CouncilScope Scope(string email, TestCouncil? council = null)
    {
        var at = council ?? TestRegister.Westminster;
        return new CouncilScope(at.GssCode, LocalGovStandard.Register.Regions.FromName(at.Region)!.Slug, SignupService.ContactKey(email), "ref", email);
    }

    private static DataSubject Subject(string email)
    {
        var scope = Scope(email);
        return new DataSubject(scope.GssCode, scope.Region, "LGS-NONE-NONE", scope.ContactKey, email, email, DateTimeOffset.UnixEpoch);
    }
}
