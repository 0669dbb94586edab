using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Register;

namespace LocalGovStandard.PeerGroups;

/// <summary>A peer group: a set of regions, or a list of councils. PartitionKey: "peer-group" (a handful of rows). RowKey: slug.</summary>
public sealed class PeerGroupEntity : ITableEntity
{
    public const string Partition = "peer-group";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Comma-separated region slugs.</summary>
    public string Regions { get; set; } = "";

    /// <summary>
    /// JSON array of <see cref="PeerGroupCouncil"/> for a group made from a list of councils; null (rows written before
    /// council lists existed) or empty for a group made from regions.
    /// </summary>
    public string? CouncilsJson { get; set; }

    /// <summary>JSON array of leads: personal data, never shown publicly.</summary>
    public string LeadsJson { get; set; } = "[]";
}

public sealed record PeerGroupLead(string Name, string Email);

/// <summary>A council in a council-list group, with the region its facts are kept under.</summary>
public sealed record PeerGroupCouncil(string GssCode, string Name, string Region);

/// <param name="Regions">The regions a region group is made of; empty for a council-list group.</param>
public sealed record PeerGroup(string Slug, string Name, IReadOnlyList<Region> Regions, IReadOnlyList<PeerGroupLead> Leads)
{
    /// <summary>The councils a council-list group is made of; empty for a region group.</summary>
    public IReadOnlyList<PeerGroupCouncil> Councils { get; init; } = [];

    public const string RegionsKind = "regions";
    public const string CouncilsKind = "councils";

    public string Kind => Councils.Count > 0 ? CouncilsKind : RegionsKind;

    /// <summary>Whether a council belongs to the group: every user of group membership asks this, never the regions directly.</summary>
    public bool Contains(string gssCode, string region) =>
        Councils.Count > 0
            ? Councils.Any(c => string.Equals(c.GssCode, gssCode, StringComparison.OrdinalIgnoreCase))
            : Regions.Any(r => r.Slug == region);

    /// <summary>The region partitions the group's councils' facts are kept in (a council list reads its councils' regions).</summary>
    [JsonIgnore]
    public IReadOnlyList<Region> Partitions =>
        Councils.Count > 0
            ? Councils.Select(c => Register.Regions.FromSlug(c.Region)).OfType<Region>().DistinctBy(r => r.Slug).ToList()
            : Regions;

    /// <summary>The slugs of <see cref="Partitions"/>: where a feature keyed by region reads the group's rows.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PartitionSlugs => Partitions.Select(r => r.Slug).ToList();

    /// <summary>Of rows read from the group's partitions, those of its councils (a region group keeps them all).</summary>
    public IEnumerable<T> Members<T>(IEnumerable<T> inPartitions, Func<T, string> gssCode) =>
        Councils.Count == 0 ? inPartitions : inPartitions.Where(row => Councils.Any(c => string.Equals(c.GssCode, gssCode(row), StringComparison.OrdinalIgnoreCase)));

    public static PeerGroup From(PeerGroupEntity entity) => new(
        entity.RowKey,
        entity.Name,
        entity.Regions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Register.Regions.FromSlug).OfType<Region>().ToList(),
        JsonSerializer.Deserialize<List<PeerGroupLead>>(entity.LeadsJson, JsonSerializerOptions.Web) ?? [])
    {
        Councils = string.IsNullOrEmpty(entity.CouncilsJson) ? [] : JsonSerializer.Deserialize<List<PeerGroupCouncil>>(entity.CouncilsJson, JsonSerializerOptions.Web) ?? [],
    };
}
