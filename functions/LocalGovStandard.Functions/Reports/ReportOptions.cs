using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Reports;

/// <summary>Settings for the monthly workbooks, bound from <c>LocalGovStandard:Reports</c> (env: <c>LocalGovStandard__Reports__Name</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "LocalGovStandard:Reports";

    /// <summary>Workbooks larger than this are not attached; the email carries a time-limited download link instead.</summary>
    [Range(0, 30 * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long an emailed download link works.</summary>
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromDays(14);
}
