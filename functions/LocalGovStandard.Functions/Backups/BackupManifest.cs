using System.Globalization;
using System.Text.Json;

namespace LocalGovStandard.Backups;

/// <summary>What one table's file holds: its name in the container, its rows, its length and its SHA-256 (lower-case hex).</summary>
public sealed record BackedUpTable(string Table, string Blob, long Rows, long Bytes, string Sha256);

/// <summary>
/// <c>backups/{yyyy-MM-dd}/manifest.json</c>, written last: a backup without one is not finished and is never restored.
/// </summary>
public sealed record BackupManifest(int Format, string Date, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, IReadOnlyList<BackedUpTable> Tables)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Folder(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string BlobName(DateOnly date) => $"{Folder(date)}/manifest.json";

    public static string TableBlobName(DateOnly date, string table) => $"{Folder(date)}/{table}.jsonl.gz";

    public BinaryData ToJson() => BinaryData.FromObjectAsJson(this, Json);

    /// <returns>Null when the text is not a manifest this version can read.</returns>
    public static BackupManifest? Parse(BinaryData content)
    {
        try
        {
            var manifest = content.ToObjectFromJson<BackupManifest>(Json);
            return manifest is { Format: CurrentFormat, Tables: not null } ? manifest : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// A backup's progress, in <c>backup-state/{yyyy-MM-dd}.json</c> under the run's lease: for each table, how many
/// blocks are staged and the key of the last row in them, so a run that was cut off carries on after that row.
/// </summary>
public sealed class BackupProgress
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DateTimeOffset? StartedAt { get; set; }
    public Dictionary<string, TableProgress> Tables { get; set; } = new(StringComparer.Ordinal);

    public TableProgress For(string table) => Tables.TryGetValue(table, out var progress) ? progress : Tables[table] = new TableProgress();

    public BinaryData ToJson() => BinaryData.FromObjectAsJson(this, Json);

    public static BackupProgress Parse(BinaryData content) =>
        content.ToMemory().IsEmpty ? new BackupProgress() : content.ToObjectFromJson<BackupProgress>(Json) ?? new BackupProgress();
}

public sealed class TableProgress
{
    public int Blocks { get; set; }
    public long Rows { get; set; }
    public string? LastPartitionKey { get; set; }
    public string? LastRowKey { get; set; }

    /// <summary>Set once the file is committed and hashed.</summary>
    public BackedUpTable? Done { get; set; }
}
