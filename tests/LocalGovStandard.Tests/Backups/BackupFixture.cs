using System.Globalization;
using System.IO.Compression;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LocalGovStandard.Backups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Backups;

/// <summary>A registered service whose backups read three rows a page, so every table of a few rows takes several pages.</summary>
public sealed class BackupFixture : RegisteredServiceFixture
{
    public const int PageSize = 3;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:Backups:PageSize"] = PageSize.ToString(CultureInfo.InvariantCulture),
    };

    public TableServiceClient Tables => new(Storage.ConnectionString);

    public BlobContainerClient Backups => new BlobServiceClient(Storage.ConnectionString).GetBlobContainerClient(BlobContainerNames.Backups);

    /// <summary>
    /// Every row of every backed-up table (none of a table that does not exist), keyed "table/partition/row", as its properties with their stored types
    /// (Int32 and Int64 differ, a DateTimeOffset to the tick); the ETag and Timestamp are the service's and left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> RowsAsync()
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var table in Tables.QueryAsync())
        {
            existing.Add(table.Name);
        }

        foreach (var table in TableNames.BackedUp.Where(existing.Contains))
        {
            await foreach (var row in Tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                rows[$"{table}/{row.PartitionKey}/{row.RowKey}"] = string.Join("; ", row
                    .Where(p => p.Key is not ("Timestamp" or "odata.etag"))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={p.Value?.GetType().Name}:{Text(p.Value)}"));
            }
        }

        return rows;
    }

    /// <summary>Every backed-up table deleted, as after an accident.</summary>
    public async Task WipeAsync()
    {
        foreach (var table in TableNames.BackedUp)
        {
            await Tables.DeleteTableAsync(table);
        }
    }

    public async Task<IReadOnlyList<TableEntity>> BackedUpRowsAsync(DateOnly date, string table)
    {
        var content = await Backups.GetBlobClient(BackupManifest.TableBlobName(date, table)).DownloadContentAsync();
        using var gzip = new GZipStream(content.Value.Content.ToStream(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<TableEntity>();
        while (await reader.ReadLineAsync() is { } line)
        {
            rows.Add(EntityLines.Read(line));
        }

        return rows;
    }

    private static string? Text(object? value) => value switch
    {
        DateTimeOffset instant => instant.UtcTicks.ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        BinaryData bytes => Convert.ToBase64String(bytes.ToArray()),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
