using LocalGovStandard.PeerAssessments.Requests;
using System.Globalization;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Reporting;

/// <summary>
/// The read model reporting uses (the workbook, the dashboard and the feed, through Progress): every request as a
/// <see cref="PeerAssessmentFact"/>, one partition query per region, with nobody's name or contact key.
/// </summary>
public sealed class PeerAssessmentQueries(PeerAssessmentRequestStore store, CouncilDirectory directory, StandardCatalogue catalogue)
{
    public async Task<IReadOnlyList<PeerAssessmentFact>> AllAsync(CancellationToken cancellationToken)
    {
        var requests = await store.AllAsync(cancellationToken);
        var regionOf = (await directory.AllAsync(cancellationToken))
            .Where(c => c.GssCode.Length > 0).DistinctBy(c => c.GssCode)
            .ToDictionary(c => c.GssCode, c => c.Region.Slug, StringComparer.Ordinal);
        return requests.Select(r => Fact(r, regionOf)).ToList();
    }

    private PeerAssessmentFact Fact(PeerAssessmentRequestEntity request, Dictionary<string, string> regionOf)
    {
        var standard = catalogue.Find(request.StandardId);
        return new PeerAssessmentFact(
            request.Reference, request.GssCode, request.CouncilName, request.PartitionKey, request.ServiceName, request.Phase,
            request.StandardId, standard,
            request.CreatedAt, request.PanelConfirmedAt, DateOnly.TryParseExact(request.PanelDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
            request.ReportPublishedAt, request.Outcome, standard?.OverallRating(request.Outcome)?.Label ?? request.Outcome, request.ReassessmentOf,
            request.Panel().Where(m => m.Status == PanelMemberStatus.Accepted).Select(s => new PanelSeatFact(s.RoleId, s.CouncilCode, s.CouncilName, regionOf.GetValueOrDefault(s.CouncilCode, ""))).ToList());
    }
}
