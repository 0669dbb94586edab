using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>Reads monthly snapshots: a range of month partitions, never the activity tables.</summary>
public sealed class SnapshotStore([FromKeyedServices(TableNames.MonthlySnapshots)] TableClient table)
{
    private static readonly string[] FigureColumns =
    [
        "PartitionKey", "RowKey", nameof(MonthlySnapshotEntity.Region), nameof(MonthlySnapshotEntity.Standard),
        nameof(MonthlySnapshotEntity.Councils), nameof(MonthlySnapshotEntity.SignedUp), nameof(MonthlySnapshotEntity.WithVerifiedContact),
        nameof(MonthlySnapshotEntity.Assessed), nameof(MonthlySnapshotEntity.SubmittedInMonth), nameof(MonthlySnapshotEntity.SubmittedToDate),
        nameof(MonthlySnapshotEntity.PointsRated), nameof(MonthlySnapshotEntity.PointsPassing),
        nameof(MonthlySnapshotEntity.ActionsOpen), nameof(MonthlySnapshotEntity.ActionsOverdue), nameof(MonthlySnapshotEntity.PointsJson),
        nameof(MonthlySnapshotEntity.RefreshedAt),
    ];

    /// <summary>Every region's figures for one standard (or "all") in the months from <paramref name="from"/> to <paramref name="to"/>, without per-council detail.</summary>
    public Task<List<MonthlySnapshotEntity>> FiguresAsync(ReportMonth from, ReportMonth to, string standard, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey ge {from.ToString()} and PartitionKey le {to.ToString()} and Standard eq {standard}"), FigureColumns, cancellationToken);

    /// <summary>Every region's row for one month and standard, with per-council detail.</summary>
    public Task<List<MonthlySnapshotEntity>> WithCouncilsAsync(ReportMonth month, string standard, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()} and Standard eq {standard}"), null, cancellationToken);

    /// <summary>One region's row for one month and standard, with per-council detail (a point read), or null before the first refresh.</summary>
    public async Task<MonthlySnapshotEntity?> RegionAsync(ReportMonth month, string region, string standard, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<MonthlySnapshotEntity>(month.ToString(), MonthlySnapshotEntity.RowKeyOf(region, standard), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every stored snapshot in the months from <paramref name="from"/> to <paramref name="to"/>, for the feed.</summary>
    public Task<List<MonthlySnapshotEntity>> AllAsync(ReportMonth from, ReportMonth to, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey ge {from.ToString()} and PartitionKey le {to.ToString()}"), FigureColumns, cancellationToken);

    /// <summary>Whether any snapshot has been stored yet (one row's keys, not the table).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return page.Values.Count > 0;
        }

        return false;
    }

    private async Task<List<MonthlySnapshotEntity>> QueryAsync(string filter, string[]? select, CancellationToken cancellationToken)
    {
        var rows = new List<MonthlySnapshotEntity>();
        await foreach (var row in table.QueryAsync<MonthlySnapshotEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
