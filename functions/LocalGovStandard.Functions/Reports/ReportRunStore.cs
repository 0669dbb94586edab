using Azure;
using Azure.Data.Tables;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>Reads and changes report runs: a month is one partition, and every change is an ETag-guarded read-modify-write.</summary>
public sealed class ReportRunStore([FromKeyedServices(TableNames.ReportRuns)] TableClient table)
{
    public async Task<IReadOnlyList<ReportRunEntity>> ForMonthAsync(ReportMonth month, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month.ToString()}");
        var runs = new List<ReportRunEntity>();
        await foreach (var run in table.QueryAsync<ReportRunEntity>(filter, cancellationToken: cancellationToken))
        {
            runs.Add(run);
        }

        return runs;
    }

    /// <summary>Every group's run for the month, in slug order; a group that has not run shows as not run.</summary>
    public async Task<IReadOnlyList<ReportRunView>> ViewsAsync(ReportMonth month, IReadOnlyList<PeerGroup> groups, CancellationToken cancellationToken)
    {
        var stored = (await ForMonthAsync(month, cancellationToken)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        return groups.OrderBy(g => g.Slug, StringComparer.Ordinal).Select(g => ReportRunView.From(month, g, stored.GetValueOrDefault(g.Slug))).ToList();
    }

    public async Task<ReportRunEntity?> FindAsync(ReportMonth month, string peerGroup, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<ReportRunEntity>(month.ToString(), peerGroup, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current row (a new one if there is none) and saves it
    /// only if nobody else saved in between; otherwise reads again and reapplies.
    /// </summary>
    public Task<ReportRunEntity> UpdateAsync(ReportMonth month, string peerGroup, Action<ReportRunEntity> change, CancellationToken cancellationToken) =>
        UpdateAsync(month, peerGroup, run =>
        {
            change(run);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <inheritdoc cref="UpdateAsync(ReportMonth, string, Action{ReportRunEntity}, CancellationToken)"/>
    public async Task<ReportRunEntity> UpdateAsync(ReportMonth month, string peerGroup, Func<ReportRunEntity, Task> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await FindAsync(month, peerGroup, cancellationToken);
            var run = existing ?? new ReportRunEntity { PartitionKey = month.ToString(), RowKey = peerGroup };
            await change(run);
            try
            {
                var response = existing is null
                    ? await table.AddEntityAsync(run, cancellationToken)
                    : await table.UpdateEntityAsync(run, run.ETag, TableUpdateMode.Replace, cancellationToken);
                run.ETag = response.Headers.ETag ?? default;
                return run;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another run changed the row since we read it: read it again.
            }
        }
    }
}
