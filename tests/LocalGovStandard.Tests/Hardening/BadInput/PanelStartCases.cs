using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments.Panels;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>A panel member's "Start recording" button (no fields, so only what every form refuses), on a panel the fixture's contact sits on.</summary>
public static class PanelStartCases
{
    /// <returns>The reference of a Camden request with the fixture's contact accepted as its lead assessor.</returns>
    public static async Task<string> SetUpAsync(BadInputFixture fixture) =>
        (await PanelDaySteps.ConfirmedRequestAsync(
            fixture, fixture.Clock, "Panel start under attack", [new(TestRegister.Westminster, BadInputFixture.Contact, "lead-assessor")], assessed: TestRegister.Camden)).Reference;

    public static IEnumerable<BadInputCase> Start() =>
        new FormRouteCases(
                "POST /assessments/panels/{reference}/start", f => f.Pages, f => PanelPages.PanelHref(f.SeatedRequest), f => PanelPages.StartHref(f.SeatedRequest))
            .BrokenPosts("Your form has expired", null)
            .All;
}
