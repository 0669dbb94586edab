using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerAssessments.Panels;

/// <summary>
/// Westminster (assessed, two approved contacts) and panel members from other councils: a lead assessor at Birmingham,
/// a user researcher at Leicester, one at Cardiff who declined and one at Fife who was removed, and a Camden contact on no panel.
/// </summary>
public sealed class PanelDayFixture : RegisteredServiceFixture
{
    public const string CouncilContact = "service.owner@westminster.gov.uk";
    public const string SecondCouncilContact = "second.owner@westminster.gov.uk";
    public const string Lead = "lead.assessor@birmingham.gov.uk";
    public const string Researcher = "researcher@leicester.gov.uk";
    public const string Declined = "declined@cardiff.gov.wales";
    public const string Removed = "removed@fife.gov.scot";
    public const string Outsider = "outsider@camden.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (council, email) in new[]
                 {
                     (TestRegister.Westminster, CouncilContact), (TestRegister.Westminster, SecondCouncilContact), (TestRegister.Birmingham, Lead),
                     (TestRegister.Leicester, Researcher), (TestRegister.Cardiff, Declined), (TestRegister.Fife, Removed), (TestRegister.Camden, Outsider),
                 })
        {
            await AccessSteps.VerifiedContactAsync(this, council, email);
        }
    }
}
