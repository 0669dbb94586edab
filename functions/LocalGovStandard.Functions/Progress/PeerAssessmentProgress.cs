using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerGroups;

namespace LocalGovStandard.Progress;

/// <summary>
/// Peer-assessment figures for the workbooks, the dashboard and the feed, from PeerAssessments' read model: a peer
/// group (of regions or of listed councils alike, by <see cref="PeerGroup.Contains"/>), a region, or every council.
/// </summary>
public sealed class PeerAssessmentProgress(PeerAssessmentQueries queries)
{
    public async Task<PeerAssessmentFigures> ForPeerGroupAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken) =>
        PeerAssessmentFigures.Of(await queries.AllAsync(cancellationToken), group.Contains, month.End);

    /// <summary>The figures for whatever <paramref name="inScope"/> picks, as at <paramref name="asOf"/>; of one standard's assessments when <paramref name="standardId"/> is given.</summary>
    public async Task<PeerAssessmentFigures> ForAsync(Func<string, string, bool> inScope, DateTimeOffset asOf, string? standardId, CancellationToken cancellationToken)
    {
        var all = await queries.AllAsync(cancellationToken);
        return PeerAssessmentFigures.Of(standardId is null ? all : all.Where(f => f.StandardId == standardId).ToList(), inScope, asOf);
    }

    public Task<PeerAssessmentFigures> EveryCouncilAsync(DateTimeOffset asOf, CancellationToken cancellationToken) =>
        ForAsync(static (_, _) => true, asOf, null, cancellationToken);
}
