using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.PeerAssessments.Panels;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// After the report: the council's "We have read the report" button (no fields, so only what every form refuses), and
/// the reference a reassessment names, on the API and the new-request form.
/// </summary>
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

    private static readonly (string, string)[] EarlierReferences =
        [.. NastyValues.Code().Skip(1).Take(4), ("well-formed but unknown", "\"PAR-2222-3333\"")];

    public static IEnumerable<BadInputCase> ReassessmentApi() =>
        EarlierReferences.Select(v => PeerAssessmentCases.Case($"reassessmentOf: {v.Item1}", Requests.JsonWith(PeerAssessmentCases.Valid(), "reassessmentOf", v.Item2), new Expectation.Field("reassessmentOf")));

    public static IEnumerable<BadInputCase> ReassessmentForm() =>
        new FormRouteCases("POST /assessments/peer-requests", f => f.Pages, _ => "/assessments/peer-requests/new")
            .Field("reassessmentOf", EarlierReferences, PeerAssessmentCases.Filled)
            .All;
}
