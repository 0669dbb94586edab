using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Privacy;

/// <summary>One place a value was found: "table Signups london/E09000007|abc" or "blob reports/2026-10/london.xlsx".</summary>
public sealed record Finding(string Store, string Where, string Value)
{
    public override string ToString() => $"{Value} in {Store} at {Where}";
}

/// <summary>
/// Reads every table and every blob container in the fixture's Azurite, whatever the app thinks it
/// stores, and reports where any of the values appear (case-insensitive). Zip packages (workbooks)
/// are read entry by entry, so text inside an .xlsx is found too.
/// </summary>
public static class StorageScan
{
    public static async Task<IReadOnlyList<Finding>> FindAsync(ServiceFixture fixture, IReadOnlyCollection<string> values)
    {
        var findings = new List<Finding>();
        var tables = new TableServiceClient(fixture.Storage.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            var client = tables.GetTableClient(table.Name);
            await foreach (var entity in client.QueryAsync<TableEntity>())
            {
                var text = JsonSerializer.Serialize(entity.ToDictionary(p => p.Key, p => p.Value?.ToString()));
                findings.AddRange(Matches(values, text, $"table {table.Name}", $"{entity.PartitionKey}/{entity.RowKey}"));
            }
        }

        var blobs = new BlobServiceClient(fixture.Storage.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                findings.AddRange(Matches(values, TextOf(content) + "\n" + blob.Name, $"blob {container.Name}", blob.Name));
            }
        }

        return findings;
    }

    private static IEnumerable<Finding> Matches(IEnumerable<string> values, string text, string store, string where) =>
        values.Where(v => text.Contains(v, StringComparison.OrdinalIgnoreCase)).Select(v => new Finding(store, where, v));

    private static string TextOf(byte[] content)
    {
        if (content is not [(byte)'P', (byte)'K', ..])
        {
            return Encoding.UTF8.GetString(content);
        }

        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.AppendLine(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
