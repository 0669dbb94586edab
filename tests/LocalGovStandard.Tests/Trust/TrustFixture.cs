using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>Westminster with one proven contact (on westminster.gov.uk), and the other test councils with their domains.</summary>
public class TrustFixture : RegisteredServiceFixture
{
    public const string WestminsterLead = "lead@westminster.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, WestminsterLead);
    }
}

/// <summary>A low per-address cap, to show it holds whoever asks.</summary>
public sealed class CappedEmailFixture : RegisteredServiceFixture
{
    public const int Cap = 2;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:EmailsPerAddressPerHour"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
