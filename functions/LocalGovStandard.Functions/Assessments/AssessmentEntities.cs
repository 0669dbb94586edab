using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Assessments;

/// <summary>
/// A council's assessments and their actions share one partition (PartitionKey: the council's GSS
/// code), so a council's list is one partition query and submitting (assessment + actions) is one
/// entity group transaction. RowKeys: "assessment|{reference}" and "action|{reference}|{point:00}".
/// </summary>
public static class AssessmentKeys
{
    public const string AssessmentPrefix = "assessment|";
    public const string ActionPrefix = "action|";

    public static string AssessmentRowKey(string reference) => AssessmentPrefix + reference;

    public static string ActionRowKey(string reference, int point) => $"{ActionPrefix}{reference}|{point:00}";

    /// <summary>Submitted assessments for one region and month, for reports: "{region}|{yyyy-MM}".</summary>
    public static string SubmittedPartition(string region, DateTimeOffset submittedAt) =>
        $"{region}|{submittedAt.UtcDateTime:yyyy-MM}";
}

public sealed class AssessmentEntity : ITableEntity
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Reference { get; set; } = "";
    public string Region { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string? ServiceUrl { get; set; }
    public string Phase { get; set; } = "";
    public string Type { get; set; } = "";
    public string StandardId { get; set; } = "";
    public string AssessmentDate { get; set; } = "";

    /// <summary>JSON: the peer panel (names are personal data, kept only on the assessment).</summary>
    public string PanelJson { get; set; } = "[]";

    /// <summary>
    /// JSON of point number to rating, notes, evidence and carried-over origin, spread over up to
    /// eight columns because one Table string column holds at most 32K characters.
    /// Read and write it through <see cref="AssessmentJson.Points"/> and <see cref="AssessmentJson.SetPoints"/>.
    /// </summary>
    public string PointsJson { get; set; } = "{}";
    public string? PointsJson2 { get; set; }
    public string? PointsJson3 { get; set; }
    public string? PointsJson4 { get; set; }
    public string? PointsJson5 { get; set; }
    public string? PointsJson6 { get; set; }
    public string? PointsJson7 { get; set; }
    public string? PointsJson8 { get; set; }

    public string? OverallRating { get; set; }
    public string Status { get; set; } = Draft;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public string? PredecessorReference { get; set; }

    /// <summary>Set on a peer-assessment panel's draft: the request it assesses. Only that panel's grant edits it; the council sees it once submitted.</summary>
    public string? PanelRequest { get; set; }
}

public sealed class ActionEntity : ITableEntity
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Closed = "closed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AssessmentReference { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string StandardId { get; set; } = "";
    public int PointNumber { get; set; }
    public string PointTitle { get; set; } = "";

    /// <summary>The rating that raised the action. It never changes: a reassessment's result goes in the fields below.</summary>
    public string Rating { get; set; } = "";

    public string Status { get; set; } = Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? DoneNote { get; set; }

    /// <summary>The reassessment whose passing rating closed this action.</summary>
    public string? ClosedByReference { get; set; }

    /// <summary>The passing rating that closed it, and when that reassessment was submitted.</summary>
    public string? ClosingRating { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The latest reassessment that rated the point again and left this action open, and the rating it gave.</summary>
    public string? ReassessedBy { get; set; }

    public string? ReassessedRating { get; set; }

    /// <summary>Whether the assessment <paramref name="reference"/> raised this action, kept it open or closed it.</summary>
    public bool ConcernsAssessment(string reference) => AssessmentReference == reference || ReassessedBy == reference || ClosedByReference == reference;

    public bool IsOverdue(DateTimeOffset now) => Status == Open && now > DueAt;
}

/// <summary>A submitted assessment, indexed by region and month for the peer groups' reports.</summary>
public sealed class SubmittedAssessmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string GssCode { get; set; } = "";
    public string Reference { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string Phase { get; set; } = "";
    public string Type { get; set; } = "";
    public string StandardId { get; set; } = "";
    public string OverallResult { get; set; } = "";
    public bool OverallPasses { get; set; }

    /// <summary>JSON: point number to rating.</summary>
    public string PointRatingsJson { get; set; } = "{}";

    public DateTimeOffset SubmittedAt { get; set; }
    public string? PredecessorReference { get; set; }
}
