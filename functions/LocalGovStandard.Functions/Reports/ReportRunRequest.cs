using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>A request to run a month's workbooks, for one peer group or every group: validated once, for the API and the console.</summary>
public sealed record ReportRunRequest(ReportMonth Month, IReadOnlyList<PeerGroup> Groups)
{
    public static (ReportRunRequest? Request, FieldErrors Errors) Validate(string? month, string? peerGroup, IReadOnlyList<PeerGroup> groups, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (!ReportMonth.TryParse(month?.Trim(), out var reportMonth))
        {
            errors.Add("month", MonthMessage);
        }
        else if (!reportMonth.HasEndedBy(now))
        {
            errors.Add("month", $"{reportMonth.DisplayName} has not ended yet. A month can be run from 00:00 UTC on the first day of the next month, so that its workbook is complete");
        }

        var chosen = groups;
        if (!string.IsNullOrWhiteSpace(peerGroup))
        {
            chosen = groups.Where(g => g.Slug == peerGroup.Trim()).ToList();
            if (chosen.Count == 0)
            {
                errors.Add("peerGroup", $"Choose a peer group from the list ({string.Join(", ", groups.Select(g => g.Slug))})");
            }
        }

        return (errors.IsValid ? new ReportRunRequest(reportMonth, chosen) : null, errors);
    }

    public const string MonthMessage = "Enter the month as year and month, like 2026-10";
}
