using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Logs;

/// <summary>The suite-wide log check is only worth something if its scanner finds what it looks for.</summary>
public sealed class LogLeakScannerTests
{
    private static readonly string[] Secrets = ["test-admin-key-5f0c", "c2VjcmV0LXRva2VuLXZhbHVlLTEyMzQ1Njc4"];

    [Theory]
    [InlineData("Information LocalGovStandard.Signups.SignupService: Sent link to ada.lovelace@westminster.gov.uk")]
    [InlineData("Warning X: GET /signup/verify?token=bG9uZG9uCkUwOTAwMDAzM3wwMTIzNDU2Nzg5YWJjZGVm")]
    [InlineData("Debug Y: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc")]
    [InlineData("Error Z: key test-admin-key-5f0c was refused")]
    [InlineData("Error Z: replayed c2VjcmV0LXRva2VuLXZhbHVlLTEyMzQ1Njc4 from an email")]
    [InlineData("Information Q: /api/admin/signups?code=test-admin-key-wrong-one")]
    [InlineData("Warning K: the key was test-admin-key-5f0c.")]
    public void PlantedLeak_IsFound(string line)
    {
        var findings = LogLeakScanner.Findings([line], Secrets);

        Assert.Single(findings);
    }

    [Theory]
    [InlineData("Information LocalGovStandard.Signups.SignupService: Sign-up LGS-7Q4K-9PX2 for E09000033 stored")]
    [InlineData("Error LocalGovStandard.Platform.Errors.FaultExceptionHandler: Fault ERR-0A1B2C3D4E on POST /api/signups")]
    [InlineData("Information Mail: message verification/0123456789abcdef sent, SendGrid id sg-0a1b2c3d4e5f6a7b")]
    public void OrdinaryLines_AreNotFindings(string line)
    {
        Assert.Empty(LogLeakScanner.Findings([line], Secrets));
    }
}
