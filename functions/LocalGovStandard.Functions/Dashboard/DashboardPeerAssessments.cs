using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// The dashboard's peer-assessment figures for the view's scope (every council, a region or a peer group) and standard, as at the
/// end of the view's last month (now, while that month runs). Read live from the requests, not from the snapshots.
/// </summary>
public sealed class DashboardPeerAssessments(PeerAssessmentProgress progress, TimeProvider clock)
{
    public async Task<PeerAssessmentFigures> ForAsync(DashboardFilter filter, IReadOnlyList<PeerGroup> groups, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var asOf = filter.To.HasEndedBy(now) ? filter.To.End : now;
        return await progress.ForAsync(InScope(filter, groups), asOf, filter.Standard, cancellationToken);
    }

    private static Func<string, string, bool> InScope(DashboardFilter filter, IReadOnlyList<PeerGroup> groups) =>
        filter.PeerGroup is { } slug && groups.FirstOrDefault(g => g.Slug == slug) is { } group ? group.Contains
        : filter.Region is { } region ? (_, r) => r == region
        : static (_, _) => true;

    /// <summary>The caption: the figures in a sentence or three.</summary>
    /// <param name="monthEnded">The month the view ends with, when it has ended; null while it runs (the figures are now's).</param>
    public static string Caption(PeerAssessmentFigures figures, string scope, ReportMonth? monthEnded)
    {
        var within = scope == DashboardQuery.AllCouncils ? "" : $" in {scope}";
        var (when, asked) = monthEnded is { } month ? ($"By the end of {month.DisplayName}", "had asked") : ("So far", "have asked");
        if (figures.Requested == 0 && figures.CouncilsGivingBack == 0)
        {
            return $"{when}, no council{within} {asked} for a peer assessment.";
        }

        var median = figures.MedianDaysToAssessment is { } days
            ? $" From request to assessment took a median of {DashboardFormat.Count(Math.Round(days, 1))} days."
            : "";
        var givers = figures.CouncilsGivingBack == 1 ? "1 council gives back: its assessors sat" : $"{DashboardFormat.Count(figures.CouncilsGivingBack)} councils give back: their assessors sat";
        return $"{when}, councils{within} {asked} for {Plural(figures.Requested, "peer assessment")}: {DashboardFormat.Count(figures.Held)} held and {DashboardFormat.Count(figures.Outstanding)} still to be held.{median} {givers} on other councils' panels.";
    }

    private static string Plural(int count, string noun) => $"{DashboardFormat.Count(count)} {noun}{(count == 1 ? "" : "s")}";
}
