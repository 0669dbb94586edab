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

    /// <summary>A lead confirmed the panel and date; its members are invited (each member's own status is on their seat).</summary>
    public const string PanelConfirmed = "panel-confirmed";

    /// <summary>The lead assessor submitted the panel's assessment; the council has its report and the panel's grants end.</summary>
    public const string ReportPublished = "report-published";

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
    /// JSON: the confirmed panel, <see cref="PanelMemberRecord"/> per seat (declined and removed seats stay, for the
    /// record); proposals count load from the seats still on it. Its names are personal data: erasure blanks the name and
    /// keeps the role.
    /// </summary>
    public string? PanelJson { get; set; }

    public DateTimeOffset? PanelConfirmedAt { get; set; }

    /// <summary>When the lead assessor submitted and the council's report was published.</summary>
    public DateTimeOffset? ReportPublishedAt { get; set; }

    /// <summary>The panel's overall result: a value of the standard's <c>overallRatings</c> (met / not met, or green / amber / red).</summary>
    public string? Outcome { get; set; }

    /// <summary>Comma-separated numbers of the points the panel's report did not pass (any of them offers a reassessment).</summary>
    public string? FailedPoints { get; set; }

    /// <summary>
    /// JSON: the council's contacts who confirmed they read the published report, a <see cref="ReportReading"/> each, once.
    /// Their contact keys are personal data: erasure removes theirs.
    /// </summary>
    public string? ReadBy { get; set; }

    /// <summary>The assessed council's feedback on the assessment (for its peer group's leads only): what helped.</summary>
    public string? FeedbackHelped { get; set; }

    /// <summary>The council's feedback: what did not help.</summary>
    public string? FeedbackDidNotHelp { get; set; }

    /// <summary>When the council last gave or changed its feedback.</summary>
    public DateTimeOffset? FeedbackAt { get; set; }

    /// <summary>The contact key of who last gave it (personal data: erasure blanks it and keeps the council's feedback).</summary>
    public string? FeedbackBy { get; set; }

    /// <summary>The reference of the earlier request this one reassesses, if any.</summary>
    public string? ReassessmentOf { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The requesting contact's reference (personal data: erasure blanks it).</summary>
    public string CreatedBy { get; set; } = "";

    public IReadOnlyList<DateOnly> Dates() =>
        PreferredDates.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();

    public IReadOnlyList<PanelMemberRecord> Panel() =>
        PanelJson is null ? [] : JsonSerializer.Deserialize<List<PanelMemberRecord>>(PanelJson, JsonSerializerOptions.Web) ?? [];

    /// <summary>The seats still on the panel: invited or accepted.</summary>
    public IReadOnlyList<PanelMemberRecord> SeatedPanel() => Panel().Where(m => m.IsSeated).ToList();

    public void SetPanel(IEnumerable<PanelMemberRecord> panel) => PanelJson = JsonSerializer.Serialize(panel.ToList(), JsonSerializerOptions.Web);

    public IReadOnlyList<ReportReading> Readings() =>
        ReadBy is null ? [] : JsonSerializer.Deserialize<List<ReportReading>>(ReadBy, JsonSerializerOptions.Web) ?? [];

    /// <returns>False when this contact had already confirmed (nothing changes).</returns>
    public bool MarkRead(string contactKey, DateTimeOffset at)
    {
        var readings = Readings();
        if (readings.Any(r => r.ContactKey == contactKey))
        {
            return false;
        }

        SetReadings([.. readings, new ReportReading(contactKey, at)]);
        return true;
    }

    public void SetReadings(IEnumerable<ReportReading> readings)
    {
        var list = readings.ToList();
        ReadBy = list.Count == 0 ? null : JsonSerializer.Serialize(list, JsonSerializerOptions.Web);
    }

    public IReadOnlyList<int> FailedPointNumbers() =>
        (FailedPoints ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();

    public IReadOnlyList<string> ConflictCodes() => Conflicts.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>One place on a confirmed panel, as stored with its request.</summary>
/// <param name="ContactKey">The assessor's contact key: what a panel member's session is matched on for their grant.</param>
/// <param name="Status">A <see cref="PanelMemberStatus"/> value.</param>
/// <param name="Round">0 the first time this person is asked for this role; 1, 2, ... when a lead asks them again after a decline or removal.</param>
public sealed record PanelMemberRecord(
    string RoleId,
    string AssessorId,
    string Name,
    string CouncilCode,
    string CouncilName,
    string ContactKey = "",
    string Status = PanelMemberStatus.Invited,
    DateTimeOffset? RespondedAt = null,
    int Round = 0)
{
    public bool IsSeated => Status is PanelMemberStatus.Invited or PanelMemberStatus.Accepted;
}

/// <summary>A council contact's confirmation that they read the panel's report.</summary>
public sealed record ReportReading(string ContactKey, DateTimeOffset ReadAt);

public static class PanelMemberStatus
{
    public const string Invited = "invited";
    public const string Accepted = "accepted";
    public const string Declined = "declined";

    /// <summary>A lead took them off the panel: their grant ends.</summary>
    public const string Removed = "removed";
}
