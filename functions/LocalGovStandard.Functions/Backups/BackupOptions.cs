using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Backups;

/// <summary>Settings for the nightly backup, bound from <c>LocalGovStandard:Backups</c> (env: <c>LocalGovStandard__Backups__Name</c>).</summary>
public sealed class BackupOptions
{
    public const string Section = "LocalGovStandard:Backups";

    /// <summary>Rows read per query page; each page is one gzip member, staged as one block of the table's file.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// A run stops starting pages after this long and leaves the rest to the next hourly run, well inside the
    /// host's <c>functionTimeout</c> (10 minutes in host.json).
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromMinutes(7);
}
