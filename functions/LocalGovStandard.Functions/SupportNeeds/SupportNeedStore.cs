using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.SupportNeeds;

/// <summary>
/// Councils' support needs, one partition per region. Saving adds a version row and moves the latest row to it in one
/// entity group transaction, so the history and what counts never disagree, and two answers at once both become versions.
/// </summary>
public sealed class SupportNeedStore([FromKeyedServices(TableNames.SupportNeeds)] TableClient table, TimeProvider clock)
{
    private const int MaxAttempts = 5;

    public TableClient Table => table;

    public async Task<SupportNeedEntity> SaveAsync(CouncilScope scope, string councilName, ValidSupportNeeds answers, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var latest = await LatestAsync(scope.Region, scope.GssCode, cancellationToken);
            var version = (latest?.Version ?? 0) + 1;
            var now = clock.GetUtcNow();
            var json = SupportNeedEntity.ToJson(answers.Points);
            var row = new SupportNeedEntity
            {
                PartitionKey = scope.Region, RowKey = SupportNeedKeys.VersionRowKey(scope.GssCode, version), GssCode = scope.GssCode, CouncilName = councilName,
                StandardId = answers.Standard.Id, Version = version, AnsweredAt = now, AnswersJson = json,
                AnsweredByContactKey = scope.ContactKey, AnsweredByName = scope.ContactName, AnsweredByReference = scope.ContactReference,
            };
            var current = new SupportNeedEntity
            {
                PartitionKey = scope.Region, RowKey = SupportNeedKeys.LatestRowKey(scope.GssCode), GssCode = scope.GssCode, CouncilName = councilName,
                StandardId = answers.Standard.Id, Version = version, AnsweredAt = now, AnswersJson = json,
            };
            TableTransactionAction moveLatest = latest is null
                ? new(TableTransactionActionType.Add, current)
                : new(TableTransactionActionType.UpdateReplace, current, latest.ETag);
            try
            {
                await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, row), moveLatest], cancellationToken);
                return row;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Someone else of the council answered at the same moment: theirs is a version too; ours goes after it.
            }
        }
    }

    public async Task<SupportNeedEntity?> LatestAsync(string region, string gssCode, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<SupportNeedEntity>(region, SupportNeedKeys.LatestRowKey(gssCode), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<SupportNeedEntity?> VersionAsync(string region, string gssCode, int version, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<SupportNeedEntity>(region, SupportNeedKeys.VersionRowKey(gssCode, version), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every answer set the council gave, oldest first.</summary>
    public Task<List<SupportNeedEntity>> HistoryAsync(string region, string gssCode, CancellationToken cancellationToken) =>
        RangeAsync(region, SupportNeedKeys.VersionsOf(gssCode), cancellationToken);

    /// <summary>The answers that count, for every council of a region that has answered.</summary>
    public Task<List<SupportNeedEntity>> LatestInRegionAsync(string region, CancellationToken cancellationToken) =>
        RangeAsync(region, SupportNeedKeys.LatestPrefix, cancellationToken);

    /// <summary>Every answer set of every council of a region (for the answers as they stood at a month's end).</summary>
    public Task<List<SupportNeedEntity>> VersionsInRegionAsync(string region, CancellationToken cancellationToken) =>
        RangeAsync(region, SupportNeedKeys.VersionPrefix, cancellationToken);

    /// <summary>Clears who answered from the council's versions this contact gave; the answers stay. Safe to repeat.</summary>
    public async Task<int> ForgetAnswererAsync(string region, string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var cleared = 0;
        foreach (var row in (await HistoryAsync(region, gssCode, cancellationToken)).Where(r => r.AnsweredByContactKey == contactKey))
        {
            row.AnsweredByContactKey = null;
            row.AnsweredByName = null;
            row.AnsweredByReference = null;
            try
            {
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                throw new RequestFailedException(503, "A support-needs answer changed while its answerer was being erased; erase again.", exception);
            }

            cleared++;
        }

        return cleared;
    }

    private async Task<List<SupportNeedEntity>> RangeAsync(string region, string prefix, CancellationToken cancellationToken)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {region} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<SupportNeedEntity>();
        await foreach (var row in table.QueryAsync<SupportNeedEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
