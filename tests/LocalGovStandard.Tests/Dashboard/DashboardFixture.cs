using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The service with the seeded history and its snapshots refreshed, shared by the dashboard and feed tests.</summary>
public sealed class DashboardFixture : ServiceFixture
{
    public const string ReadKey = "test-read-key-7d1e";
    public const int FeedPageSize = 10;

    public DashboardSeed Seed { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => Settings;

    public static IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["LocalGovStandard:ReadKey"] = ReadKey,
        ["LocalGovStandard:FeedPageSize"] = FeedPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = await PrepareAsync(this);
    }

    /// <summary>Moves the clock to the 2nd of next month, imports the test register (with councils that have no GSS code), writes the history and refreshes the snapshots.</summary>
    public static async Task<DashboardSeed> PrepareAsync(ServiceFixture fixture)
    {
        ReportSteps.AdvanceToNextMonth(fixture.Clock.Setup);
        var admin = fixture.CreateAdminClient();
        await TestRegister.ImportAsync(admin, [.. TestRegister.All, .. TestRegister.HistoricNorthernIreland]);
        var seed = new DashboardSeed(fixture.Clock.GetUtcNow());
        await seed.WriteAsync(fixture);
        var response = await admin.PostAsync(new Uri("/api/admin/timers/RefreshDashboardSnapshots/run", UriKind.Relative), null);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Refreshing the snapshots answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join("\n", fixture.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)))}");
        }

        return seed;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardData : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
