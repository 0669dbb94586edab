using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Backups;

public enum BackupStatus
{
    Completed,
    AlreadyComplete,

    /// <summary>Another run holds the day's lease; this one wrote nothing.</summary>
    Busy,

    /// <summary>The time budget ran out; the next run carries on from the last row written.</summary>
    CutOff,
}

public sealed record BackupResult(BackupStatus Status, IReadOnlyList<string> Lines);

/// <summary>A page staged: the table, how many blocks it has, and the rows in them.</summary>
public sealed record BackupPageStaged(string Table, int Blocks, long Rows);

/// <summary>
/// Exports every table the app uses (<see cref="TableNames.BackedUp"/>) to <c>backups/{yyyy-MM-dd}/</c>: one gzip
/// JSON-lines file per table, then <c>manifest.json</c> with each file's rows and SHA-256. Each query page becomes one
/// staged block, and the key of its last row is saved in <c>backup-state/{yyyy-MM-dd}.json</c>; a run that is cut off
/// (time budget, crash) leaves the blocks staged and the next run carries on after that key. The state blob's lease
/// is the day's lock. A file is committed once and never rewritten, as the container's immutability policy requires.
/// </summary>
public sealed class TableBackup(TableServiceClient tables, BlobServiceClient blobs, IOptionsMonitor<BackupOptions> options, TimeProvider clock)
{
    public const string RetentionTag = "retention";

    /// <summary>The lease is renewed with every page; a run that dies lets the next one in a minute later.</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);

    private static readonly BlobHttpHeaders GzipHeaders = new() { ContentType = "application/gzip" };

    /// <summary>A gzip file of no bytes (header, an empty final block, CRC and length 0): GZipStream writes nothing at all when given nothing.</summary>
    private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public async Task<BackupResult> RunAsync(DateOnly date, IProgress<BackupPageStaged>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var container = blobs.GetBlobContainerClient(BlobContainerNames.Backups);
        var manifestBlob = container.GetBlobClient(BackupManifest.BlobName(date));
        if (await manifestBlob.ExistsAsync(cancellationToken))
        {
            return new BackupResult(BackupStatus.AlreadyComplete, [$"The backup for {BackupManifest.Folder(date)} is already complete."]);
        }

        var stateBlob = blobs.GetBlobContainerClient(BlobContainerNames.BackupState).GetBlobClient($"{BackupManifest.Folder(date)}.json");
        await CreateIfAbsentAsync(stateBlob, cancellationToken);
        var lease = stateBlob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return new BackupResult(BackupStatus.Busy, [$"Another run holds the lease on the backup for {BackupManifest.Folder(date)}; this one wrote nothing."]);
        }

        try
        {
            if (await manifestBlob.ExistsAsync(cancellationToken))
            {
                return new BackupResult(BackupStatus.AlreadyComplete, [$"The backup for {BackupManifest.Folder(date)} is already complete."]);
            }

            var run = new Run(tables, options.CurrentValue, clock, date, container, stateBlob, lease, started, progress);
            return await run.ExecuteAsync(manifestBlob, cancellationToken);
        }
        finally
        {
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // Lost or expired: the next run takes it anyway.
            }
        }
    }

    private static async Task CreateIfAbsentAsync(BlobClient stateBlob, CancellationToken cancellationToken)
    {
        try
        {
            await stateBlob.UploadAsync(BinaryData.FromString(""), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Already there (a leased blob answers 412 or 409).
        }
    }

    private static Dictionary<string, string> Tags(DateOnly date) =>
        new() { [RetentionTag] = date.Day == 1 ? "monthly" : "daily" };

    private static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D8", CultureInfo.InvariantCulture)));

    /// <summary>One gzip member: concatenated members are one valid gzip file, so each page is a block of it.</summary>
    private static byte[] Compress(IEnumerable<TableEntity> rows)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                using (var json = new Utf8JsonWriter(gzip))
                {
                    EntityLines.Write(json, row);
                }

                gzip.WriteByte((byte)'\n');
            }
        }

        return buffer.ToArray();
    }

    private sealed class Run(TableServiceClient tables, BackupOptions settings, TimeProvider clock, DateOnly date, BlobContainerClient container, BlobClient stateBlob, BlobLeaseClient lease, DateTimeOffset started, IProgress<BackupPageStaged>? progress)
    {
        private readonly List<string> _lines = [];
        private BackupProgress _state = new();

        public async Task<BackupResult> ExecuteAsync(BlobClient manifestBlob, CancellationToken cancellationToken)
        {
            _state = BackupProgress.Parse((await stateBlob.DownloadContentAsync(cancellationToken)).Value.Content);
            _state.StartedAt ??= started;
            foreach (var table in TableNames.BackedUp)
            {
                var tableProgress = _state.For(table);
                if (tableProgress.Done is not null)
                {
                    continue;
                }

                if (tableProgress.Blocks > 0)
                {
                    _lines.Add(string.Create(CultureInfo.InvariantCulture, $"{table}: resumed after {tableProgress.Rows} row(s)."));
                }

                if (!await ExportAsync(table, tableProgress, cancellationToken))
                {
                    _lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"Cut off after {settings.TimeBudget} in {table} at {tableProgress.Rows} row(s); the next run carries on from there."));
                    return new BackupResult(BackupStatus.CutOff, _lines);
                }

                tableProgress.Done = await CommitAsync(table, tableProgress, cancellationToken);
                await SaveAsync(cancellationToken);
            }

            var done = TableNames.BackedUp.Select(table => _state.For(table).Done!).ToList();
            var manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.Folder(date), _state.StartedAt.Value, clock.GetUtcNow(), done);
            await manifestBlob.UploadAsync(manifest.ToJson(), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Tags = Tags(date),
            }, cancellationToken);
            _lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"Backed up {done.Count} tables, {done.Sum(t => t.Rows)} rows, to {BlobContainerNames.Backups}/{BackupManifest.Folder(date)}/."));
            return new BackupResult(BackupStatus.Completed, _lines);
        }

        /// <returns>False when the time budget ran out before the table was read to its end.</returns>
        private async Task<bool> ExportAsync(string table, TableProgress tableProgress, CancellationToken cancellationToken)
        {
            var filter = tableProgress.LastPartitionKey is { } partition && tableProgress.LastRowKey is { } row
                ? TableClient.CreateQueryFilter($"(PartitionKey eq {partition} and RowKey gt {row}) or PartitionKey gt {partition}")
                : null;
            var blob = container.GetBlockBlobClient(BackupManifest.TableBlobName(date, table));
            var query = tables.GetTableClient(table).QueryAsync<TableEntity>(filter, settings.PageSize, cancellationToken: cancellationToken);
            await foreach (var page in query.AsPages())
            {
                if (page.Values.Count == 0)
                {
                    continue;
                }

                using (var block = new MemoryStream(Compress(page.Values)))
                {
                    await blob.StageBlockAsync(BlockId(tableProgress.Blocks), block, cancellationToken: cancellationToken);
                }

                tableProgress.Blocks++;
                tableProgress.Rows += page.Values.Count;
                (tableProgress.LastPartitionKey, tableProgress.LastRowKey) = (page.Values[^1].PartitionKey, page.Values[^1].RowKey);
                await SaveAsync(cancellationToken);
                progress?.Report(new BackupPageStaged(table, tableProgress.Blocks, tableProgress.Rows));
                if (clock.GetUtcNow() - started > settings.TimeBudget)
                {
                    return false;
                }
            }

            return true;
        }

        private async Task<BackedUpTable> CommitAsync(string table, TableProgress tableProgress, CancellationToken cancellationToken)
        {
            var name = BackupManifest.TableBlobName(date, table);
            var blob = container.GetBlockBlobClient(name);
            if (!await blob.ExistsAsync(cancellationToken))
            {
                if (tableProgress.Blocks == 0)
                {
                    using var empty = new MemoryStream(EmptyGzip);
                    await blob.StageBlockAsync(BlockId(0), empty, cancellationToken: cancellationToken);
                    tableProgress.Blocks = 1;
                }

                try
                {
                    await blob.CommitBlockListAsync(Enumerable.Range(0, tableProgress.Blocks).Select(BlockId), new CommitBlockListOptions
                    {
                        HttpHeaders = GzipHeaders,
                        Tags = Tags(date),
                        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    }, cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status is 409 or 412)
                {
                    // Committed by this day's run before it was cut off, from the same blocks.
                }
            }

            var (bytes, sha256) = await HashAsync(blob, cancellationToken);
            return new BackedUpTable(table, name, tableProgress.Rows, bytes, sha256);
        }

        private async Task SaveAsync(CancellationToken cancellationToken)
        {
            await lease.RenewAsync(cancellationToken: cancellationToken);
            await stateBlob.UploadAsync(_state.ToJson(), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = lease.LeaseId } }, cancellationToken);
        }
    }

    /// <summary>The file as stored, read back: what the manifest vouches for is what a restore will download.</summary>
    internal static async Task<(long Bytes, string Sha256)> HashAsync(BlobBaseClient blob, CancellationToken cancellationToken)
    {
        await using var content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            total += read;
        }

        return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
