using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Reports;

/// <summary>
/// One peer group's workbook for one month. PartitionKey: yyyy-MM. RowKey: peer group slug.
/// Every change is ETag-guarded; the mail ledger, not this row, is what stops duplicate email.
/// </summary>
public sealed class ReportRunEntity : ITableEntity
{
    public const string Building = "building";
    public const string BuildFailed = "build-failed";
    public const string Sending = "sending";
    public const string SendFailed = "send-failed";
    public const string Sent = "sent";

    /// <summary>Built and stored; the group has no leads to send it to.</summary>
    public const string Stored = "stored";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = Building;

    /// <summary>0 for the first send; each resend adds one and sends every lead a message with a new id.</summary>
    public int Generation { get; set; }

    /// <summary>The generation the stored workbook was built for; a resend rebuilds it.</summary>
    public int BuiltGeneration { get; set; } = -1;

    public int Attempts { get; set; }
    public string LastTrigger { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastRunAt { get; set; }
    public DateTimeOffset? BuiltAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public string? BlobName { get; set; }
    public long SizeBytes { get; set; }

    /// <summary>"attachment" or "link".</summary>
    public string? Delivery { get; set; }

    public int Leads { get; set; }
    public int LeadsSent { get; set; }
    public int LeadsFailed { get; set; }

    /// <summary>The workbook's headline figures, so a later run can email leads it missed without rebuilding.</summary>
    public string HeadlinesJson { get; set; } = "[]";

    /// <summary>Why the last build or send failed; never personal data.</summary>
    public string? LastError { get; set; }
}
