using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// One region's figures as at the end of one month, for all standards or one standard. The dashboard
/// reads a few month partitions of these instead of the underlying tables. Region peer groups and the
/// nation are sums of their regions, so every stored figure is a count (shares are worked out on read).
/// A peer group made from a list of councils has rows of its own, whose <see cref="Region"/> is
/// <see cref="GroupKey"/> (never summed into the nation, whose councils its region rows already count).
/// PartitionKey: <c>yyyy-MM</c>; RowKey: <c>{region or group key}|{standard id or "all"}</c>. No personal data.
/// </summary>
public sealed class MonthlySnapshotEntity : ITableEntity
{
    public const string AllStandards = "all";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Region { get; set; } = "";
    public string Standard { get; set; } = AllStandards;
    public int Councils { get; set; }
    public int SignedUp { get; set; }
    public int WithVerifiedContact { get; set; }
    public int Assessed { get; set; }
    public int SubmittedInMonth { get; set; }
    public int SubmittedToDate { get; set; }
    public int PointsRated { get; set; }
    public int PointsPassing { get; set; }
    public int ActionsOpen { get; set; }
    public int ActionsOverdue { get; set; }

    /// <summary>JSON array of <see cref="SnapshotPoint"/>: each point's ratings and passes.</summary>
    public string PointsJson { get; set; } = "[]";

    /// <summary>
    /// JSON array of <see cref="SnapshotCouncil"/>: per-council detail (council facts only, never contacts),
    /// spread over up to eight columns because one Table string column holds at most 32K characters: room for
    /// every council in the UK in one peer group (about 440 characters each), within the entity's 1 MiB.
    /// </summary>
    public string CouncilsJson { get; set; } = "[]";
    public string? CouncilsJson2 { get; set; }
    public string? CouncilsJson3 { get; set; }
    public string? CouncilsJson4 { get; set; }
    public string? CouncilsJson5 { get; set; }
    public string? CouncilsJson6 { get; set; }
    public string? CouncilsJson7 { get; set; }
    public string? CouncilsJson8 { get; set; }

    private const int ColumnChars = 30_000;
    private const int CouncilColumns = 8;

    public DateTimeOffset RefreshedAt { get; set; }

    public static string RowKeyOf(string region, string standard) => $"{region}|{standard}";

    /// <summary>What a council-list peer group's rows carry where a region's carry its slug.</summary>
    public static string GroupKey(string slug) => GroupPrefix + slug;

    private const string GroupPrefix = "peer-group:";

    [IgnoreDataMember]
    public bool IsPeerGroupRow => Region.StartsWith(GroupPrefix, StringComparison.Ordinal);

    [IgnoreDataMember]
    public IReadOnlyList<SnapshotPoint> Points => JsonSerializer.Deserialize<List<SnapshotPoint>>(PointsJson, JsonSerializerOptions.Web) ?? [];

    [IgnoreDataMember]
    public IReadOnlyList<SnapshotCouncil> CouncilDetail =>
        JsonSerializer.Deserialize<List<SnapshotCouncil>>(
            string.Concat(CouncilsJson, CouncilsJson2, CouncilsJson3, CouncilsJson4, CouncilsJson5, CouncilsJson6, CouncilsJson7, CouncilsJson8),
            JsonSerializerOptions.Web) ?? [];

    private void SetCouncils(IEnumerable<SnapshotCouncil> councils)
    {
        var json = JsonSerializer.Serialize(councils, JsonSerializerOptions.Web);
        if (json.Length > CouncilColumns * ColumnChars)
        {
            throw new InvalidOperationException($"A region's or peer group's council detail ({json.Length} characters) does not fit in {CouncilColumns} columns.");
        }

        string? Part(int index) => json.Length > index * ColumnChars ? json.Substring(index * ColumnChars, Math.Min(ColumnChars, json.Length - index * ColumnChars)) : null;
        (CouncilsJson, CouncilsJson2, CouncilsJson3, CouncilsJson4) = (Part(0) ?? "[]", Part(1), Part(2), Part(3));
        (CouncilsJson5, CouncilsJson6, CouncilsJson7, CouncilsJson8) = (Part(4), Part(5), Part(6), Part(7));
    }

    public static MonthlySnapshotEntity From(string region, string standard, MonthCounts counts, DateTimeOffset refreshedAt)
    {
        var entity = new MonthlySnapshotEntity
        {
            PartitionKey = counts.Month.ToString(),
            RowKey = RowKeyOf(region, standard),
            Region = region,
            Standard = standard,
            Councils = counts.CouncilCount,
            SignedUp = counts.SignedUp,
            WithVerifiedContact = counts.WithVerifiedContact,
            Assessed = counts.Assessed,
            SubmittedInMonth = counts.SubmittedInMonth,
            SubmittedToDate = counts.SubmittedToDate,
            PointsRated = counts.PointsRated,
            PointsPassing = counts.PointsPassing,
            ActionsOpen = counts.ActionsOpen,
            ActionsOverdue = counts.ActionsOverdue,
            PointsJson = JsonSerializer.Serialize(counts.PointRates.Select(r => new SnapshotPoint(r.Standard.Id, r.Point.Number, r.Ratings, r.Passing)), JsonSerializerOptions.Web),
            RefreshedAt = refreshedAt,
        };
        var progress = counts.CouncilProgress.ToDictionary(p => p.GssCode, StringComparer.Ordinal);
        entity.SetCouncils(counts.Councils.Select(c => SnapshotCouncil.From(c, progress.GetValueOrDefault(c.Council.GssCode))));
        return entity;
    }
}

public sealed record SnapshotPoint(string Standard, int Point, int Rated, int Passing);

/// <param name="Listed">A verified contact consented to the council being listed publicly as an adopter.</param>
/// <param name="ActionsOpen">Open actions (zero is not stored, to keep a large region within its four columns).</param>
/// <param name="Points">
/// Only for a listed council (what its public page shows): per standard id, one array per point rated or with
/// open actions, <c>[point, met or green, not met/amber/red, actions open, actions overdue]</c>. Arrays keep a
/// region of listed, assessed councils well inside the row's columns.
/// </param>
public sealed record SnapshotCouncil(
    string GssCode,
    string Name,
    DateTimeOffset? SignedUpAt,
    int VerifiedContacts,
    int AssessmentsSubmitted,
    bool Listed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ActionsOpen = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ActionsOverdue = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int[][]>? Points = null)
{
    public static SnapshotCouncil From(CouncilRow row) => From(row, null);

    public static SnapshotCouncil From(CouncilRow row, CouncilProgress? progress)
    {
        var listed = row.SignedUpAt is not null && row.ListedContacts > 0;
        return new(
            row.Council.GssCode,
            row.Council.OfficialName,
            row.SignedUpAt,
            row.VerifiedContacts,
            row.AssessmentsSubmitted,
            listed,
            progress?.ActionsOpen ?? 0,
            progress?.ActionsOverdue ?? 0,
            listed && progress is not null
                ? progress.Points.GroupBy(p => p.Standard, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(p => new[] { p.Point, p.Passing, p.NotPassing, p.ActionsOpen, p.ActionsOverdue }).ToArray(), StringComparer.Ordinal)
                : null);
    }

    /// <summary>The stored point arrays as records (empty for a council that is not listed).</summary>
    public IReadOnlyList<CouncilPointProgress> PointProgress() =>
        Points is null ? [] : Points.SelectMany(s => s.Value.Select(p => new CouncilPointProgress(s.Key, p[0], p[1], p[2], p[3], p[4]))).ToList();
}
