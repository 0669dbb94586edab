using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Backups;

public sealed record RestoredTable(string Table, long Rows);

/// <param name="Refusal">Why nothing was restored; null when it was.</param>
public sealed record RestoreOutcome(string? Refusal, IReadOnlyList<RestoredTable> Tables, int ErasedAgain)
{
    public static RestoreOutcome Refused(string reason) => new(reason, [], 0);
}

/// <summary>
/// Restores a day's backup into empty tables (or, told to, over rows with the same keys). Every file is checked against
/// the manifest (SHA-256, then every line read and counted) and every target table is checked before one row is written,
/// so a refusal changes nothing. Then the erasure list is applied.
/// </summary>
public sealed class BackupRestore(TableServiceClient tables, BlobServiceClient blobs, ErasuresOnRestore erasures, TimeProvider clock)
{
    /// <summary>A transaction holds at most 100 rows and 4 MiB; rows are sent in batches under both.</summary>
    private const int BatchRows = 100;
    private const int BatchBytes = 2 * 1024 * 1024;

    public async Task<RestoreOutcome> RestoreAsync(DateOnly date, IReadOnlyCollection<string>? only, bool overwrite, Action<string> report, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(BlobContainerNames.Backups);
        var manifestName = BackupManifest.BlobName(date);
        var manifestBlob = container.GetBlobClient(manifestName);
        BinaryData content;
        try
        {
            content = (await manifestBlob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            var dates = await CompleteDatesAsync(container, cancellationToken);
            return RestoreOutcome.Refused($"There is no finished backup for {BackupManifest.Folder(date)}: {BlobContainerNames.Backups}/{manifestName} is missing. " +
                (dates.Count == 0 ? "There are no finished backups." : $"Finished backups: {string.Join(", ", dates)}."));
        }

        if (BackupManifest.Parse(content) is not { } manifest || manifest.Date != BackupManifest.Folder(date))
        {
            return RestoreOutcome.Refused($"{BlobContainerNames.Backups}/{manifestName} is not a backup manifest this version can read. Nothing was restored.");
        }

        var selected = only is null ? manifest.Tables : manifest.Tables.Where(t => only.Contains(t.Table, StringComparer.Ordinal)).ToList();
        var unknown = only?.Where(name => manifest.Tables.All(t => t.Table != name)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            return RestoreOutcome.Refused($"Not in the backup for {manifest.Date}: {string.Join(", ", unknown)}. It holds {string.Join(", ", manifest.Tables.Select(t => t.Table))}.");
        }

        var erased = await erasures.EntriesAsync(cancellationToken);
        var names = selected.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);
        if (erased.Count > 0 && !names.Contains(TableNames.Signups) && ErasuresOnRestore.NeedTheContactRow.FirstOrDefault(names.Contains) is { } risky)
        {
            return RestoreOutcome.Refused($"Restoring {risky} without {TableNames.Signups} could bring back an erased person's name, which only their contact row leads to. Add {TableNames.Signups} to --tables. Nothing was restored.");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var table in selected)
            {
                report($"Checking {table.Blob} ...");
                var (path, problem) = await DownloadAndCheckAsync(container, table, cancellationToken);
                files[table.Table] = path;
                if (problem is not null)
                {
                    return RestoreOutcome.Refused($"{BlobContainerNames.Backups}/{table.Blob} is corrupted: {problem} Nothing was restored.");
                }
            }

            var occupied = new List<string>();
            foreach (var table in selected)
            {
                if (await HasRowsAsync(table.Table, cancellationToken))
                {
                    occupied.Add(table.Table);
                }
            }

            if (occupied.Count > 0 && !overwrite)
            {
                return RestoreOutcome.Refused($"These tables are not empty: {string.Join(", ", occupied)}. Nothing was restored. Restore into an empty account, " +
                    "name empty tables with --tables, or add --overwrite to replace the rows the backup holds (rows it does not hold stay).");
            }

            var restored = new List<RestoredTable>();
            foreach (var table in selected)
            {
                var rows = await WriteAsync(table, files[table.Table], report, cancellationToken);
                report(string.Create(CultureInfo.InvariantCulture, $"{table.Table}: {rows} of {table.Rows} row(s) restored."));
                restored.Add(new RestoredTable(table.Table, rows));
            }

            var again = await erasures.ApplyAsync(erased, cancellationToken);
            report(string.Create(CultureInfo.InvariantCulture, $"Erasure list: {erased.Count} erased contact(s); {again} brought back by the backup and erased again."));
            return new RestoreOutcome(null, restored, again);
        }
        finally
        {
            foreach (var path in files.Values)
            {
                File.Delete(path);
            }
        }
    }

    private static async Task<IReadOnlyList<string>> CompleteDatesAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var dates = new List<string>();
        if (!await container.ExistsAsync(cancellationToken))
        {
            return dates;
        }

        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (blob.Name.EndsWith("/manifest.json", StringComparison.Ordinal))
            {
                dates.Add(blob.Name[..blob.Name.IndexOf('/', StringComparison.Ordinal)]);
            }
        }

        return dates;
    }

    /// <returns>The downloaded file, and what is wrong with it, if anything.</returns>
    private static async Task<(string Path, string? Problem)> DownloadAndCheckAsync(BlobContainerClient container, BackedUpTable table, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        var blob = container.GetBlobClient(table.Blob);
        try
        {
            await blob.DownloadToAsync(path, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return (path, "the file is missing.");
        }

        string sha256;
        await using (var file = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
        }

        if (!string.Equals(sha256, table.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return (path, $"its SHA-256 is {sha256}, but the manifest says {table.Sha256}.");
        }

        long rows = 0;
        try
        {
            await foreach (var _ in ReadAsync(path, cancellationToken))
            {
                rows++;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException)
        {
            return (path, string.Create(CultureInfo.InvariantCulture, $"row {rows + 1} cannot be read ({exception.Message})."));
        }

        return rows == table.Rows
            ? (path, null)
            : (path, string.Create(CultureInfo.InvariantCulture, $"it holds {rows} row(s), but the manifest says {table.Rows}."));
    }

    private static async IAsyncEnumerable<(TableEntity Row, int Length)> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return (EntityLines.Read(line), line.Length);
            }
        }
    }

    private async Task<bool> HasRowsAsync(string table, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1, cancellationToken: cancellationToken).AsPages())
            {
                if (page.Values.Count > 0)
                {
                    return true;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table: empty.
        }

        return false;
    }

    private async Task<long> WriteAsync(BackedUpTable table, string path, Action<string> report, CancellationToken cancellationToken)
    {
        var client = await CreateTableAsync(table.Table, report, cancellationToken);
        var batch = new List<TableTransactionAction>();
        var (bytes, rows, nextReport) = (0, 0L, 1000L);
        await foreach (var (row, length) in ReadAsync(path, cancellationToken))
        {
            if (batch.Count > 0 && (batch.Count == BatchRows || bytes + length > BatchBytes || batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                rows += await SubmitAsync(client, batch, cancellationToken);
                (bytes, batch) = (0, []);
                if (rows >= nextReport)
                {
                    report(string.Create(CultureInfo.InvariantCulture, $"  {table.Table}: {rows}/{table.Rows}"));
                    nextReport += 1000;
                }
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            bytes += length;
        }

        return batch.Count > 0 ? rows + await SubmitAsync(client, batch, cancellationToken) : rows;
    }

    private static async Task<int> SubmitAsync(TableClient client, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        await client.SubmitTransactionAsync(batch, cancellationToken);
        return batch.Count;
    }

    /// <summary>A table deleted a moment ago cannot be created again for about 40 seconds ("TableBeingDeleted").</summary>
    private async Task<TableClient> CreateTableAsync(string table, Action<string> report, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
                return tables.GetTableClient(table);
            }
            catch (RequestFailedException exception) when (exception.Status == 409 && attempt < 24)
            {
                report($"  {table} is still being deleted; trying again in 5 seconds.");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, cancellationToken);
            }
        }
    }
}
