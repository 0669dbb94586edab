using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// Every row (table, keys, ETag) and every blob (container, name, ETag) in the app's storage, so a
/// test can show a request stored nothing: equal snapshots before and after mean no row or blob
/// was added, changed or removed.
/// </summary>
public static class StorageSnapshot
{
    public static async Task<IReadOnlySet<string>> TakeAsync(IServiceProvider services)
    {
        var tables = services.GetRequiredService<TableServiceClient>();
        var blobs = services.GetRequiredService<BlobServiceClient>();
        var items = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in TableNames.All)
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                items.Add($"{table}/{row.PartitionKey}/{row.RowKey}@{row.ETag}");
            }
        }

        foreach (var container in BlobContainerNames.All.Where(c => c != BlobContainerNames.DataProtection))
        {
            var client = blobs.GetBlobContainerClient(container);
            if (!await client.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in client.GetBlobsAsync())
            {
                items.Add($"{container}/{blob.Name}@{blob.Properties.ETag}");
            }
        }

        return items;
    }

    /// <summary>What differs, for a failure message: "+" added or changed now, "-" gone or changed.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlySet<string> before, IReadOnlySet<string> after) =>
        after.Except(before).Select(item => "+ " + item).Concat(before.Except(after).Select(item => "- " + item)).ToList();
}
