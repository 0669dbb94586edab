using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.SupportNeeds;

/// <summary>
/// A council's answers share its region's partition (PartitionKey: the region slug), so a peer group's heat map is one
/// partition query per region. RowKeys: "latest|{gss}" (which version counts, and its answers) and
/// "version|{gss}|{version:000000}" (every answer set, kept; the only rows that say who answered).
/// </summary>
public static class SupportNeedKeys
{
    public const string LatestPrefix = "latest|";
    public const string VersionPrefix = "version|";

    public static string LatestRowKey(string gssCode) => LatestPrefix + gssCode;

    public static string VersionRowKey(string gssCode, int version) => $"{VersionPrefix}{gssCode}|{version.ToString("D6", CultureInfo.InvariantCulture)}";

    public static string VersionsOf(string gssCode) => $"{VersionPrefix}{gssCode}|";
}

/// <summary>One answer set of a council (a version row), or the copy of the one that counts (the latest row).</summary>
public sealed class SupportNeedEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string StandardId { get; set; } = "";
    public int Version { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }

    /// <summary>JSON array of <see cref="PointNeed"/>, in point order.</summary>
    public string AnswersJson { get; set; } = "[]";

    /// <summary>Who answered (version rows only): personal data, cleared by erasure while the answers stay.</summary>
    public string? AnsweredByContactKey { get; set; }

    public string? AnsweredByName { get; set; }

    public string? AnsweredByReference { get; set; }

    public IReadOnlyList<PointNeed> Answers() => JsonSerializer.Deserialize<List<PointNeed>>(AnswersJson, JsonOptions) ?? [];

    public static string ToJson(IReadOnlyList<PointNeed> answers) => JsonSerializer.Serialize(answers, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary>A council's answer for one point: how well it understands it and how much support it needs (scale values).</summary>
public sealed record PointNeed(int Point, string Understanding, string Support);
