using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// Two Westminster contacts (one asks, the other is the contact for the assessment), London's lead at Camden, the
/// Midlands' lead at Birmingham, and London's second lead, who is not a contact at all but is emailed all the same.
/// </summary>
public class PeerAssessmentFixture : RegisteredServiceFixture
{
    public const string Asker = "asker@westminster.gov.uk";
    public const string Colleague = "colleague@westminster.gov.uk";
    public const string LondonLead = "lead@camden.gov.uk";
    public const string OtherLondonLead = "second.lead@example.org";
    public const string MidlandsLead = "lead@birmingham.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, Asker);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, Colleague);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Camden, LondonLead);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Birmingham, MidlandsLead);
        ColleagueReference = SignupSteps.ReferenceFor(SendGrid, Colleague);
        CamdenLeadReference = SignupSteps.ReferenceFor(SendGrid, LondonLead);
        var admin = CreateAdminClient();
        await ReportSteps.SetLeadsAsync(admin, "london", "London", ["london"], new ReportSteps.Lead("Lena London", LondonLead), new ReportSteps.Lead("Sol Second", OtherLondonLead));
        await ReportSteps.SetLeadsAsync(admin, "midlands", "Midlands", ["east-midlands", "west-midlands"], new ReportSteps.Lead("Mo Midlands", MidlandsLead));
    }

    public string ColleagueReference { get; private set; } = "";

    public string CamdenLeadReference { get; private set; } = "";
}
