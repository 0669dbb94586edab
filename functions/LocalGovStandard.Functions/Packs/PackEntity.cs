using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Packs;

/// <summary>
/// A content pack. PartitionKey: "pack" (a library of at most a few hundred, listed whole); RowKey: the pack's id.
/// The origin columns are a snapshot of the pack it was adopted from, so the lineage reads true even if that pack changes.
/// </summary>
public sealed class PackEntity : ITableEntity
{
    public const string Partition = "pack";
    public const string Draft = "draft";
    public const string Published = "published";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string GroupSlug { get; set; } = "";
    public string GroupName { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>Comma-separated point numbers of <see cref="PackRules.StandardId"/>.</summary>
    public string Points { get; set; } = "";

    public string Agenda { get; set; } = "";
    public string Exercises { get; set; } = "";
    public string Status { get; set; } = Draft;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    public string? OriginId { get; set; }
    public string? OriginGroupName { get; set; }
    public string? OriginTitle { get; set; }

    /// <summary>When the pack it came from was published (or last changed, for a draft adopted by its own group).</summary>
    public DateTimeOffset? OriginAt { get; set; }

    /// <summary>JSON array of <see cref="PackFile"/>.</summary>
    public string FilesJson { get; set; } = "[]";

    /// <summary>JSON array of <see cref="PackUse"/>: the events that used the pack.</summary>
    public string UsesJson { get; set; } = "[]";

    public IReadOnlyList<PackFile> Files() => JsonSerializer.Deserialize<List<PackFile>>(FilesJson, JsonSerializerOptions.Web) ?? [];

    public void SetFiles(IEnumerable<PackFile> files) => FilesJson = JsonSerializer.Serialize(files, JsonSerializerOptions.Web);

    public IReadOnlyList<PackUse> Uses() => JsonSerializer.Deserialize<List<PackUse>>(UsesJson, JsonSerializerOptions.Web) ?? [];

    public void SetUses(IEnumerable<PackUse> uses) => UsesJson = JsonSerializer.Serialize(uses, JsonSerializerOptions.Web);

    public IReadOnlyList<int> PointNumbers() =>
        Points.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

/// <summary>A slide deck or handout, stored at "{pack id}/{file id}" in the packs container.</summary>
public sealed record PackFile(string Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

/// <summary>An event that used the pack, recorded by the events feature through <see cref="PackQueries.RecordUseAsync"/>.</summary>
public sealed record PackUse(string EventId, string Title, DateTimeOffset On);
