using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>
/// A council's request for a peer assessment. PartitionKey: the council's region (so a peer group's leads read their
/// regions' partitions, and a council its own); RowKey: the reference. The contact is kept as a key into the Signups
/// table, not copied, so their name and address stay in one place.
/// </summary>
public sealed class PeerAssessmentRequestEntity : ITableEntity
{
    public const string Requested = "requested";
    public const string PanelConfirmed = "panel-confirmed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Reference { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public string? ServiceUrl { get; set; }
    public string Phase { get; set; } = "";
    public string StandardId { get; set; } = "";

    /// <summary>Comma-separated yyyy-MM-dd, earliest first.</summary>
    public string PreferredDates { get; set; } = "";

    /// <summary>The council's contact for the assessment: their contact key (personal data: erasure blanks it).</summary>
    public string ContactKey { get; set; } = "";

    /// <summary>Comma-separated council codes the panel must not come from.</summary>
    public string Conflicts { get; set; } = "";

    public string Status { get; set; } = Requested;

    /// <summary>The confirmed panel's date (yyyy-MM-dd), once a lead confirms one.</summary>
    public string? PanelDate { get; set; }

    /// <summary>
    /// JSON: the confirmed panel, <see cref="PanelMemberRecord"/> per role; proposals count load from it. Nothing writes it
    /// yet: the step where a lead confirms a panel does, and must then extend <see cref="PeerAssessmentRequestPersonalData"/>
    /// to the names it holds.
    /// </summary>
    public string? PanelJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The requesting contact's reference (personal data: erasure blanks it).</summary>
    public string CreatedBy { get; set; } = "";

    public IReadOnlyList<DateOnly> Dates() =>
        PreferredDates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

    public IReadOnlyList<PanelMemberRecord> Panel() =>
        PanelJson is null ? [] : JsonSerializer.Deserialize<List<PanelMemberRecord>>(PanelJson, JsonSerializerOptions.Web) ?? [];

    public IReadOnlyList<string> ConflictCodes() => Conflicts.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One place on a confirmed panel, as stored with its request.</summary>
public sealed record PanelMemberRecord(string RoleId, string AssessorId, string Name, string CouncilCode, string CouncilName);
