using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Packs;

/// <summary>Three peer groups, each with one lead who is an approved contact of a council: London, Midlands and Wales.</summary>
public sealed class PackFixture : RegisteredServiceFixture
{
    public const string LondonLead = "pack.lead@westminster.gov.uk";
    public const string MidlandsLead = "pack.lead@birmingham.gov.uk";
    public const string WalesLead = "pack.lead@cardiff.gov.wales";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PackSteps.LeadsAsync(this, LondonLead, MidlandsLead, WalesLead);
    }
}

public static partial class PackSteps
{
    public const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>Makes each address an approved contact and the lead of its group (London, Midlands, Wales, in that order).</summary>
    public static async Task LeadsAsync(ServiceFixture fixture, string londonLead, string midlandsLead, string walesLead)
    {
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, londonLead);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, midlandsLead);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Cardiff, walesLead);
        var admin = fixture.CreateAdminClient();
        await ReportSteps.SetLeadsAsync(admin, "london", "London", ["london"], new ReportSteps.Lead("Lou London", londonLead));
        await ReportSteps.SetLeadsAsync(admin, "midlands", "Midlands", ["east-midlands", "west-midlands"], new ReportSteps.Lead("Mo Midlands", midlandsLead));
        await ReportSteps.SetLeadsAsync(admin, "wales", "Wales", ["wales"], new ReportSteps.Lead("Wyn Wales", walesLead));
    }

    public static byte[] PdfBytes(string text = "slides") => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");
}
