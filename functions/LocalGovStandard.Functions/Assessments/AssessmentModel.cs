using System.Text.Json;

namespace LocalGovStandard.Assessments;

public sealed record PanelMember(string Name, string CouncilCode, string CouncilName, string Role);

public sealed record EvidenceFile(string Id, string FileName, string ContentType, long Size, DateTimeOffset UploadedAt);

/// <param name="CarriedFrom">Set when the point passed in the predecessor and was carried over, not reassessed.</param>
public sealed record PointAnswer(string? Rating, string? Notes, IReadOnlyList<EvidenceFile> Evidence, CarriedPoint? CarriedFrom = null);

public sealed record CarriedPoint(string Reference, string AssessmentDate);

/// <summary>Reads and writes the JSON columns of <see cref="AssessmentEntity"/>.</summary>
public static class AssessmentJson
{
    /// <summary>Characters per column: under Table Storage's 64 KiB (32K UTF-16 characters) per string property.</summary>
    public const int ColumnCharacters = 30_000;

    public const int PointsCapacity = ColumnCharacters * 8;

    public static Dictionary<int, PointAnswer> Points(this AssessmentEntity entity) =>
        JsonSerializer.Deserialize<Dictionary<int, PointAnswer>>(
            string.Concat(entity.PointsJson, entity.PointsJson2, entity.PointsJson3, entity.PointsJson4,
                entity.PointsJson5, entity.PointsJson6, entity.PointsJson7, entity.PointsJson8),
            JsonSerializerOptions.Web) ?? [];

    /// <returns>False, changing nothing, when the answers are too large to store.</returns>
    public static bool TrySetPoints(this AssessmentEntity entity, IReadOnlyDictionary<int, PointAnswer> points)
    {
        var json = JsonSerializer.Serialize(points, JsonSerializerOptions.Web);
        if (json.Length > PointsCapacity)
        {
            return false;
        }

        string? Part(int index) => json.Length > index * ColumnCharacters
            ? json.Substring(index * ColumnCharacters, Math.Min(ColumnCharacters, json.Length - (index * ColumnCharacters)))
            : null;
        entity.PointsJson = Part(0) ?? "{}";
        entity.PointsJson2 = Part(1);
        entity.PointsJson3 = Part(2);
        entity.PointsJson4 = Part(3);
        entity.PointsJson5 = Part(4);
        entity.PointsJson6 = Part(5);
        entity.PointsJson7 = Part(6);
        entity.PointsJson8 = Part(7);
        return true;
    }

    public static void SetPoints(this AssessmentEntity entity, IReadOnlyDictionary<int, PointAnswer> points)
    {
        if (!entity.TrySetPoints(points))
        {
            throw new InvalidOperationException("The assessment's answers are too large to store.");
        }
    }

    public static List<PanelMember> Panel(this AssessmentEntity entity) =>
        JsonSerializer.Deserialize<List<PanelMember>>(entity.PanelJson, JsonSerializerOptions.Web) ?? [];

    public static void SetPanel(this AssessmentEntity entity, IReadOnlyList<PanelMember> panel) =>
        entity.PanelJson = JsonSerializer.Serialize(panel, JsonSerializerOptions.Web);
}

public static class AssessmentChoices
{
    public static readonly IReadOnlyList<string> Phases = ["discovery", "alpha", "beta", "live"];
    public static readonly IReadOnlyList<string> Types = ["self", "peer"];
    public static readonly IReadOnlyList<string> PanelRoles = ["lead-assessor", "user-researcher", "designer", "technical"];
}
