using System.Net.Http.Json;
using LocalGovStandard.Tests.Dashboard;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.PeerGroups;

/// <summary>
/// The dashboard's seeded history, plus two council-list groups made of exactly the councils of a region group
/// (London's two boroughs; the Midlands' two cities, in two regions), with the snapshots refreshed after they were made.
/// </summary>
public sealed class CouncilListGroupFixture : ServiceFixture
{
    public const string LondonList = "london-boroughs";
    public const string MidlandsList = "midlands-cities";

    public DashboardSeed Seed { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => DashboardFixture.Settings;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Seed = await DashboardFixture.PrepareAsync(this);
        var admin = CreateAdminClient();
        await CreateAsync(admin, LondonList, "London boroughs", TestRegister.Westminster, TestRegister.Camden);
        await CreateAsync(admin, MidlandsList, "Midlands cities", TestRegister.Birmingham, TestRegister.Leicester);
        var refreshed = await admin.PostAsync(new Uri("/api/admin/timers/RefreshDashboardSnapshots/run", UriKind.Relative), null);
        refreshed.EnsureSuccessStatusCode();
    }

    public static async Task CreateAsync(HttpClient admin, string slug, string name, params TestCouncil[] councils)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug, name, councils = councils.Select(c => c.GssCode).ToArray() });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating {slug} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
