using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Platform.Email;

/// <summary>The request rows of batch streams as a person's export and erasure see them (ADR 0026).</summary>
public sealed partial class MailLedger
{
    /// <summary>
    /// The recipients listed in request rows of the streams from <paramref name="fromPartition"/> to <paramref name="toPartition"/>
    /// (exclusive) whose message id <paramref name="matches"/>, each as their state in that stream.
    /// </summary>
    public async Task<List<MailLedgerEntry>> BatchedAsync(string fromPartition, string toPartition, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        var found = new List<MailLedgerEntry>();
        foreach (var rows in (await RequestEntitiesAsync(fromPartition, toPartition, cancellationToken)).GroupBy(r => r.PartitionKey))
        {
            var stream = new MailStreamView(rows.Key, rows);
            found.AddRange(stream.Recipients.Values.Where(r => matches(r.RowKey) && stream.RequestHolding(r.RowKey) is not null));
        }

        return found;
    }

    /// <summary>Takes a message id out of every request row of the stream that lists it, each under its ETag; how many rows it was in.</summary>
    public async Task<int> ForgetAsync(string partition, string messageId, CancellationToken cancellationToken)
    {
        var rows = 0;
        foreach (var entity in await RequestEntitiesAsync(partition, partition, cancellationToken))
        {
            var row = MailRequestRow.FromEntity(entity);
            while (row.Ids.Remove(messageId))
            {
                try
                {
                    await table.UpdateEntityAsync(row.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
                    rows++;
                    break;
                }
                catch (RequestFailedException exception) when (exception.Status == 412)
                {
                    row = MailRequestRow.FromEntity((await table.GetEntityAsync<TableEntity>(row.Partition, row.RowKey, cancellationToken: cancellationToken)).Value);
                }
            }
        }

        return rows;
    }

    private async Task<List<TableEntity>> RequestEntitiesAsync(string fromPartition, string toPartition, CancellationToken cancellationToken)
    {
        var partitions = fromPartition == toPartition
            ? TableClient.CreateQueryFilter($"PartitionKey eq {fromPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {fromPartition} and PartitionKey lt {toPartition}");
        var filter = partitions + TableClient.CreateQueryFilter($" and RowKey ge {MailRequestRow.KeyPrefix} and RowKey lt {MailRequestRow.KeyPrefix + "~"}");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
