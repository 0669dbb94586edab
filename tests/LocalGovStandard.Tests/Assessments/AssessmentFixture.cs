using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Assessments;

/// <summary>A service with the test register, and verified contacts at two councils.</summary>
public class AssessmentFixture : RegisteredServiceFixture
{
    public const string WestminsterContact = "lead@westminster.gov.uk";
    public const string CamdenContact = "lead@camden.gov.uk";

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:TokenSigningKey"] = "test-signing-key-0123456789abcdef0123456789",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, WestminsterContact);
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Camden, CamdenContact);
    }
}

/// <summary>The same on Kestrel, so uploads meet the real request body limits (the route's own, above the 1 MB default).</summary>
public sealed class LoopbackAssessmentFixture : AssessmentFixture
{
    protected override bool OnLoopback => true;
}
