using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Essentials;

/// <summary>
/// Facts the accessibility statement and privacy notice state, bound from <c>LocalGovStandard:Essentials</c>
/// (env: <c>LocalGovStandard__Essentials__Name</c>). The contact address is <see cref="Platform.Pages.ServiceContactOptions"/>.
/// </summary>
public sealed class EssentialsOptions
{
    public const string Section = "LocalGovStandard:Essentials";

    /// <summary>The date the accessibility statement was last reviewed; whoever reviews it again moves this date.</summary>
    public static readonly DateOnly AccessibilityReviewedDefault = new(2026, 12, 4);

    /// <summary>The data controller named in the privacy notice.</summary>
    [Required]
    public string DataController { get; set; } = "LocalGov Digital";

    public DateOnly AccessibilityReviewed { get; set; } = AccessibilityReviewedDefault;

    /// <summary>
    /// Days the lifecycle rule keeps a nightly backup and the one made on the 1st of the month. Bicep sets both from
    /// the storage module's own rule (infra/bicep/modules/storage.bicep), so the notice states what Azure does.
    /// </summary>
    [Range(1, 3650)]
    public int BackupDailyRetentionDays { get; set; } = 35;

    [Range(1, 3650)]
    public int BackupMonthlyRetentionDays { get; set; } = 365;
}
