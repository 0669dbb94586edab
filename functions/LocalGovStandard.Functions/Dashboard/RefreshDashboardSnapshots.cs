using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.Dashboard;

/// <summary>Every 15 minutes: the dashboard's monthly snapshots, recomputed from the stored activity.</summary>
public sealed class RefreshDashboardSnapshots(SnapshotRefresher refresher) : ITimerFunction
{
    public const string Name = "RefreshDashboardSnapshots";

    public const string Schedule = "0 */15 * * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var rows = await refresher.RefreshAsync(cancellationToken);
        return [$"Dashboard snapshots refreshed ({context.Trigger}): {rows} rows."];
    }
}
