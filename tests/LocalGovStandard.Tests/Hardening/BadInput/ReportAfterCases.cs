using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.PeerAssessments.Panels;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>After the report: the council's "We have read the report" button (no fields, so only what every form refuses).</summary>
public static class ReportAfterCases
{
    /// <returns>The reference of a request of the fixture contact's council whose report is published.</returns>
    public static async Task<string> SetUpAsync(BadInputFixture fixture) =>
        (await PanelDaySteps.ConfirmedRequestAsync(
            fixture, fixture.Clock, "Report read under attack", status: PeerAssessmentRequestEntity.ReportPublished, councilContact: BadInputFixture.Contact)).Reference;

    public static IEnumerable<BadInputCase> ConfirmRead() =>
        new FormRouteCases(
                "POST /assessments/peer-requests/{reference}/read", f => f.Pages, f => $"/assessments/peer-requests/{f.PublishedRequest}",
                f => ReportReadings.ConfirmHref(f.PublishedRequest))
            .BrokenPosts("Your form has expired", null)
            .All;
}
