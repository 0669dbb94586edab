using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Progress;

/// <summary>One council's answer for one point (scale values), for the workbook and the feed: no one's name, only the council's.</summary>
public sealed record SupportNeedRow(string CouncilName, string GssCode, int Version, DateTimeOffset AnsweredAt, int Point, string PointTitle, string Understanding, string Support)
{
    public string UnderstandingLabel => NeedCells.UnderstandingLabel(Understanding);

    public string SupportLabel => NeedCells.SupportLabel(Support);
}

/// <summary>
/// Councils' support needs for the reports, the dashboard and the feed, read through SupportNeeds' queries (which own the
/// table), so no reporting feature opens it. A month's workbook shows the answers as they stood at the month's end.
/// </summary>
public sealed class SupportNeedsProgress(SupportNeedQueries queries)
{
    public string StandardId => queries.Standard.Id;

    public async Task<IReadOnlyList<SupportNeedRow>> ForPeerGroupAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken) =>
        Rows(group.Members(await queries.AsAtInRegionsAsync(group.PartitionSlugs, month.End, cancellationToken), c => c.GssCode).ToList());

    /// <summary>The public dashboard's view: per group and point, counts only, small groups suppressed.</summary>
    public async Task<PublicSupportNeeds> PublicAsync(IEnumerable<PeerGroup> groups, CancellationToken cancellationToken) =>
        PublicSupportNeedsView.Of(await queries.ForGroupsAsync(groups, cancellationToken), queries.Standard);

    /// <summary>Every council's answers that count now, in every region.</summary>
    public async Task<IReadOnlyList<SupportNeedRow>> LatestAsync(CancellationToken cancellationToken) =>
        Rows(await queries.LatestInRegionsAsync(Regions.AllPartitions.Select(r => r.Slug), cancellationToken));

    private List<SupportNeedRow> Rows(IReadOnlyList<CouncilNeeds> councils)
    {
        var standard = queries.Standard;
        return councils.SelectMany(c => c.Points.Select(p => new SupportNeedRow(
                c.CouncilName, c.GssCode, c.Version, c.AnsweredAt, p.Point, standard.Point(p.Point)?.Title ?? "", p.Understanding, p.Support)))
            .ToList();
    }
}

/// <summary>A row of the public view: a peer group (or all councils), how many councils answered, and the tallies unless suppressed.</summary>
public sealed record PublicNeedsRow(string Name, int Answered, IReadOnlyList<PointTally>? Tallies)
{
    public bool Suppressed => Tallies is null;
}

/// <param name="AllCouncils">Every council that answered, in any group; null when showing it would let the suppressed groups be worked out.</param>
public sealed record PublicSupportNeeds(IReadOnlyList<StandardPoint> Points, IReadOnlyList<PublicNeedsRow> Groups, PublicNeedsRow? AllCouncils);

/// <summary>
/// Support needs for the public dashboard: counts per group and point, never a council. A group where fewer than
/// <see cref="MinimumCouncils"/> councils answered is not shown (its councils could tell each other's answers apart), and
/// the all-councils row is left out when the suppressed groups together hold between 1 and <see cref="MinimumCouncils"/> - 1
/// councils, since subtracting the shown groups from it would give their figures.
/// </summary>
public static class PublicSupportNeedsView
{
    public const int MinimumCouncils = 3;

    public static PublicSupportNeeds Of(IReadOnlyList<GroupNeeds> groups, Standard standard)
    {
        var rows = groups.Select(g => Row(g.Group.Name, g.Councils, standard)).ToList();
        var all = groups.SelectMany(g => g.Councils).DistinctBy(c => c.GssCode).ToList();
        var hidden = groups.Where(g => g.Councils.Count < MinimumCouncils).SelectMany(g => g.Councils).DistinctBy(c => c.GssCode).Count();
        var total = hidden is 0 or >= MinimumCouncils ? Row("All councils", all, standard) : null;
        return new PublicSupportNeeds(standard.Points, rows, total);
    }

    private static PublicNeedsRow Row(string name, IReadOnlyCollection<CouncilNeeds> councils, Standard standard) =>
        new(name, councils.Count, councils.Count < MinimumCouncils ? null : PointTally.Of(councils, standard));
}
