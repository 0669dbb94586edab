using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Register;

namespace LocalGovStandard.PeerGroups;

/// <summary>A regional peer group. PartitionKey: "peer-group" (a handful of rows). RowKey: slug.</summary>
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

    /// <summary>JSON array of leads: personal data, never shown publicly.</summary>
    public string LeadsJson { get; set; } = "[]";
}

public sealed record PeerGroupLead(string Name, string Email);

public sealed record PeerGroup(string Slug, string Name, IReadOnlyList<Region> Regions, IReadOnlyList<PeerGroupLead> Leads)
{
    public static PeerGroup From(PeerGroupEntity entity) => new(
        entity.RowKey,
        entity.Name,
        entity.Regions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Register.Regions.FromSlug).OfType<Region>().ToList(),
        JsonSerializer.Deserialize<List<PeerGroupLead>>(entity.LeadsJson, JsonSerializerOptions.Web) ?? []);
}
