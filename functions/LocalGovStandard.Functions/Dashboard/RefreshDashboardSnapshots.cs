using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// Every 15 minutes: the dashboard's monthly snapshots, recomputed from the stored activity. Run standalone,
/// it also runs at start while there are none, so a new local installation's dashboard is not empty for 15 minutes.
/// </summary>
public sealed class RefreshDashboardSnapshots(SnapshotRefresher refresher, SnapshotStore snapshots) : ITimerFunction, IDueAtStart
{
    public const string Name = "RefreshDashboardSnapshots";

    public const string Schedule = "0 */15 * * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var rows = await refresher.RefreshAsync(cancellationToken);
        return [$"Dashboard snapshots refreshed ({context.Trigger}): {rows} rows."];
    }

    public async Task<bool> IsDueAtStartAsync(CancellationToken cancellationToken) => !await snapshots.AnyAsync(cancellationToken);
}
