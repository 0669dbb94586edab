using LocalGovStandard.Tests.Dashboard;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerGroups;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// The dashboard's seeded history (for its listed councils), two council-list groups, the six peer-assessment requests
/// of <see cref="PeerAssessmentReportingSeed"/>, and last month's workbooks of four groups, downloaded.
/// </summary>
public sealed class PeerAssessmentReportingFixture : ServiceFixture
{
    public const string LondonList = "london-boroughs";
    public const string LeicesterAndCardiff = "leicester-cardiff";

    public PeerAssessmentReportingSeed Requests { get; } = new();
    public Dictionary<string, byte[]> Workbooks { get; } = [];

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => DashboardFixture.Settings;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DashboardFixture.PrepareAsync(this);
        var admin = CreateAdminClient();
        await CouncilListGroupFixture.CreateAsync(admin, LondonList, "London boroughs", TestRegister.Westminster, TestRegister.Camden);
        await CouncilListGroupFixture.CreateAsync(admin, LeicesterAndCardiff, "Leicester and Cardiff", TestRegister.Leicester, TestRegister.Cardiff);
        await Requests.WriteAsync(this);

        var month = ReportSteps.MonthsAgo(Clock, 1);
        foreach (var group in new[] { "london", "midlands", LondonList, LeicesterAndCardiff })
        {
            await ReportSteps.RunOkAsync(admin, month, group);
            Workbooks[group] = await ReportSteps.DownloadAsync(admin, month, group);
        }
    }
}
