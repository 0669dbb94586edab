using Azure.Data.Tables;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// Recomputes the dashboard's monthly snapshots from the same activity and definitions as the monthly
/// workbooks: each region's activity is read (partition queries only) and measured as at the end of
/// every month in the window, for all standards and for each standard. A peer group made from a list of
/// councils is measured the same way, from its own activity, into rows of its own.
/// </summary>
public sealed class SnapshotRefresher(
    ProgressLoader loader,
    PeerGroupStore peerGroups,
    ProgressCalculator calculator,
    StandardCatalogue catalogue,
    [FromKeyedServices(TableNames.MonthlySnapshots)] TableClient table,
    TimeProvider clock)
{
    /// <summary>How many months, up to and including the current one, the dashboard can show.</summary>
    public const int WindowMonths = 24;

    public static IReadOnlyList<ReportMonth> Window(DateTimeOffset now)
    {
        var current = ReportMonth.Of(now);
        return Enumerable.Range(0, WindowMonths).Select(i => current.AddMonths(i - WindowMonths + 1)).ToList();
    }

    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var months = Window(now);
        var standards = catalogue.Standards.Select(s => s.Id).Prepend(null).ToList();
        var rows = new List<MonthlySnapshotEntity>();
        void Measure(string key, ProgressActivity activity)
        {
            foreach (var month in months)
            {
                foreach (var standard in standards)
                {
                    var counts = calculator.Measure(activity with { Month = month }, month, standard);
                    rows.Add(MonthlySnapshotEntity.From(key, standard ?? MonthlySnapshotEntity.AllStandards, counts, now));
                }
            }
        }

        foreach (var region in Regions.All)
        {
            Measure(region.Slug, await loader.ForRegionAsync(region, months[^1], cancellationToken));
        }

        foreach (var group in (await peerGroups.AllAsync(cancellationToken)).Where(g => g.Kind == PeerGroup.CouncilsKind))
        {
            Measure(MonthlySnapshotEntity.GroupKey(group.Slug), await loader.ForPeerGroupAsync(group, months[^1], cancellationToken));
        }

        // Entity group transactions within a month partition; ten rows each keeps a batch well under
        // the 4 MB limit even when every row's council detail fills its four columns. Months are independent.
        await Parallel.ForEachAsync(rows.GroupBy(r => r.PartitionKey), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                foreach (var batch in partition.Chunk(10))
                {
                    await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
                }
            });

        return rows.Count;
    }
}
