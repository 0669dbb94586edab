using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>One peer group's workbook for the month, as an organiser sees it.</summary>
public sealed record ReportRunView(
    string PeerGroup, string Name, string Status, int Generation, int Attempts, string? LastTrigger,
    DateTimeOffset? StartedAt, DateTimeOffset? LastRunAt, DateTimeOffset? BuiltAt, DateTimeOffset? SentAt,
    string? Blob, long? SizeBytes, string? Delivery, int Leads, int LeadsSent, int LeadsFailed, string? LastError, string? Download)
{
    public const string NotRun = "not-run";

    public static ReportRunView From(ReportMonth month, PeerGroup group, ReportRunEntity? run) => run is null
        ? new(group.Slug, group.Name, NotRun, 0, 0, null, null, null, null, null, null, null, null, group.Leads.Count, 0, 0, null, null)
        : new(group.Slug, group.Name, run.Status, run.Generation, run.Attempts, run.LastTrigger, run.StartedAt, run.LastRunAt, run.BuiltAt, run.SentAt,
            run.BlobName, run.BlobName is null ? null : run.SizeBytes, run.Delivery, run.Leads, run.LeadsSent, run.LeadsFailed, run.LastError,
            run.BlobName is null ? null : $"/api/admin/reports/{month}/{group.Slug}.xlsx");
}
