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
    public static Dictionary<int, PointAnswer> Points(this AssessmentEntity entity) =>
        JsonSerializer.Deserialize<Dictionary<int, PointAnswer>>(entity.PointsJson, JsonSerializerOptions.Web) ?? [];

    public static void SetPoints(this AssessmentEntity entity, IReadOnlyDictionary<int, PointAnswer> points) =>
        entity.PointsJson = JsonSerializer.Serialize(points, JsonSerializerOptions.Web);

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
