using LocalGovStandard.PeerGroups;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Progress;

/// <summary>One council's answer for one point, for the workbook: no one's name, only the council's.</summary>
public sealed record SupportNeedRow(string CouncilName, string GssCode, int Version, DateTimeOffset AnsweredAt, int Point, string PointTitle, string Understanding, string Support);

/// <summary>
/// Councils' support needs for the reports, the dashboard and the feed, read through SupportNeeds' queries (which own the
/// table), so no reporting feature opens it. A month's workbook shows the answers as they stood at the month's end.
/// </summary>
public sealed class SupportNeedsProgress(SupportNeedQueries queries)
{
    public async Task<IReadOnlyList<SupportNeedRow>> ForPeerGroupAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken)
    {
        var councils = await queries.AsAtInRegionsAsync(group.Regions.Select(r => r.Slug), month.End, cancellationToken);
        var standard = queries.Standard;
        return councils.SelectMany(c => c.Points.Select(p => new SupportNeedRow(
                c.CouncilName, c.GssCode, c.Version, c.AnsweredAt, p.Point, standard.Point(p.Point)?.Title ?? "",
                NeedCells.UnderstandingLabel(p.Understanding), NeedCells.SupportLabel(p.Support))))
            .ToList();
    }
}
