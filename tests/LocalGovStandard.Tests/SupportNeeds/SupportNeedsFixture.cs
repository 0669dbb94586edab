using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.SupportNeeds;

/// <summary>
/// Proven contacts in London (Westminster's is also London's lead), the Midlands, Wales and Scotland. Each test answers
/// for councils of its own, so tests of one class never read each other's answers.
/// </summary>
public sealed class SupportNeedsFixture : RegisteredServiceFixture
{
    public const string LondonLead = "lead@westminster.gov.uk";
    public const string Westminster = "answers@westminster.gov.uk";
    public const string Camden = "answers@camden.gov.uk";
    public const string Birmingham = "answers@birmingham.gov.uk";
    public const string Leicester = "answers@leicester.gov.uk";
    public const string Cardiff = "answers@cardiff.gov.uk";
    public const string Fife = "answers@fife.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, LondonLead);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, Westminster);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Camden, Camden);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Birmingham, Birmingham);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Leicester, Leicester);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Cardiff, Cardiff);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Fife, Fife);
        await ReportSteps.SetLeadsAsync(CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lee Leader", LondonLead));
    }
}
