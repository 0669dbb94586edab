using System.Text.Json;
using LocalGovStandard.Assessments;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Progress;

/// <summary>
/// Reads a scope's activity up to the end of a month through the owning features' queries, which use
/// partition queries only: sign-ups per region partition, submitted assessments per region over a range
/// of month partitions, and actions per assessed council's partition.
/// </summary>
public sealed class ProgressLoader(CouncilDirectory directory, SignupQueries signups, SubmittedAssessmentQueries assessments)
{
    public async Task<ProgressActivity> ForRegionAsync(Region region, ReportMonth month, CancellationToken cancellationToken) =>
        await LoadAsync(new RegionScope(region), await CouncilsInAsync([region], cancellationToken), month, cancellationToken);

    /// <summary>The group's councils (as <see cref="PeerGroup.Contains"/> says), read from the regions they are kept in.</summary>
    public async Task<ProgressActivity> ForPeerGroupAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken)
    {
        var councils = (await CouncilsInAsync(group.Partitions, cancellationToken)).Where(c => group.Contains(c.GssCode, c.Region.Slug)).ToList();
        return await LoadAsync(new PeerGroupScope(group), councils, month, cancellationToken, group.Contains);
    }

    /// <summary>The listed councils that can sign up; codes the register does not know are left out.</summary>
    public async Task<ProgressActivity> ForCouncilListAsync(CouncilListGroup group, ReportMonth month, CancellationToken cancellationToken)
    {
        var listed = group.CouncilCodes.ToHashSet(StringComparer.Ordinal);
        var councils = (await directory.AllAsync(cancellationToken)).Where(c => c.CanSignUp && listed.Contains(c.Code)).DistinctBy(c => c.Code).ToList();

        // A region's partitions hold its other councils too.
        var codes = councils.Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
        return await LoadAsync(new CouncilListScope(group, councils), councils, month, cancellationToken, (gss, _) => codes.Contains(gss));
    }

    private async Task<List<Council>> CouncilsInAsync(IEnumerable<Region> regions, CancellationToken cancellationToken) =>
        (await directory.InRegionsAsync(regions.Select(r => r.Slug), cancellationToken)).Where(c => c.CanSignUp).ToList();

    /// <param name="member">Which facts of a region's partitions belong to the scope (gss code, region); all of them when null.</param>
    private async Task<ProgressActivity> LoadAsync(
        ProgressScope scope, IReadOnlyList<Council> councils, ReportMonth month, CancellationToken cancellationToken, Func<string, string, bool>? member = null)
    {
        var perRegion = await Task.WhenAll(scope.Regions.Select(region => LoadRegionAsync(region, month, member ?? ((_, _) => true), cancellationToken)));
        var submittedFacts = perRegion.SelectMany(r => r.Assessments).ToList();

        var inScope = councils.Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
        var assessed = submittedFacts.Select(a => a.GssCode).Where(inScope.Contains).Distinct(StringComparer.Ordinal).ToList();
        var actions = new List<ActionFact>();
        foreach (var chunk in assessed.Chunk(8))
        {
            foreach (var councilActions in await Task.WhenAll(chunk.Select(gss => assessments.ActionsOfAsync(gss, cancellationToken))))
            {
                actions.AddRange(councilActions.Select(ToFact));
            }
        }

        return new ProgressActivity(
            scope,
            month,
            councils,
            perRegion.SelectMany(r => r.Signups).ToList(),
            perRegion.SelectMany(r => r.Contacts).ToList(),
            submittedFacts,
            actions);
    }

    private async Task<(List<CouncilSignupFact> Signups, List<ContactFact> Contacts, List<SubmittedAssessmentFact> Assessments)> LoadRegionAsync(
        Region region, ReportMonth month, Func<string, string, bool> member, CancellationToken cancellationToken)
    {
        var signupsTask = signups.InRegionAsync(region, cancellationToken);
        var submitted = (await assessments.InRegionBeforeAsync(region.Slug, month.End, cancellationToken)).Where(row => member(row.GssCode, region.Slug));
        var (signedUp, contacts) = await signupsTask;
        return (
            signedUp.Values.Where(row => member(row.RowKey, region.Slug)).Select(row => new CouncilSignupFact(row.RowKey, row.SignedUpAt)).ToList(),
            contacts.Where(row => member(row.GssCode, region.Slug)).Select(row => new ContactFact(row.GssCode, row.ContactName, row.ContactEmail, row.ConsentToContact, row.Status == ContactEntity.Verified, row.VerifiedAt, row.ConsentToPublish)).ToList(),
            submitted.Select(ToFact).ToList());
    }

    private static ActionFact ToFact(ActionEntity row) =>
        new(row.PartitionKey, row.AssessmentReference, row.ServiceName, row.StandardId, row.PointNumber, row.PointTitle,
            row.Rating, row.Status, row.CreatedAt, row.DueAt, row.DoneAt, row.ClosedByReference, row.ClosingRating, row.ClosedAt, row.ReassessedRating);

    private static SubmittedAssessmentFact ToFact(SubmittedAssessmentEntity row)
    {
        var ratings = JsonSerializer.Deserialize<Dictionary<string, string?>>(row.PointRatingsJson) ?? [];
        var points = new Dictionary<int, string>();
        foreach (var (key, value) in ratings)
        {
            if (int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var number) && value is not null)
            {
                points[number] = value;
            }
        }

        return new SubmittedAssessmentFact(row.GssCode, row.Reference, row.CouncilName, row.ServiceName, row.Phase, row.Type, row.StandardId,
            row.OverallResult, row.OverallPasses, points, row.SubmittedAt, row.PredecessorReference);
    }
}
