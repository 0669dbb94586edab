using System.Text.Json;
using Azure.Data.Tables;
using LocalGovStandard.Assessments;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Reports;

/// <summary>
/// Reads one peer group's activity up to the end of a month, with partition queries only: sign-ups
/// per region partition, submitted assessments per region over a range of month partitions, and
/// actions per assessed council's partition.
/// </summary>
public sealed class ReportDataLoader(
    CouncilDirectory directory,
    [FromKeyedServices(TableNames.Signups)] TableClient signups,
    [FromKeyedServices(TableNames.SubmittedAssessments)] TableClient submitted,
    [FromKeyedServices(TableNames.Assessments)] TableClient assessments)
{
    private static readonly string[] CouncilSignupColumns = ["RowKey", nameof(CouncilSignupEntity.SignedUpAt)];

    private static readonly string[] ContactColumns =
        [nameof(ContactEntity.GssCode), nameof(ContactEntity.ContactName), nameof(ContactEntity.ContactEmail), nameof(ContactEntity.ConsentToContact), nameof(ContactEntity.ConsentToPublish), nameof(ContactEntity.Status), nameof(ContactEntity.VerifiedAt)];

    public async Task<PeerGroupActivity> LoadAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken)
    {
        var councils = (await directory.InRegionsAsync(group.Regions.Select(r => r.Slug), cancellationToken)).Where(c => c.CanSignUp).ToList();
        var perRegion = await Task.WhenAll(group.Regions.Select(region => LoadRegionAsync(region, month, cancellationToken)));
        var submittedFacts = perRegion.SelectMany(r => r.Assessments).ToList();

        var inGroup = councils.Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
        var assessed = submittedFacts.Select(a => a.GssCode).Where(inGroup.Contains).Distinct(StringComparer.Ordinal).ToList();
        var actions = new List<ActionFact>();
        foreach (var chunk in assessed.Chunk(8))
        {
            foreach (var councilActions in await Task.WhenAll(chunk.Select(gss => LoadActionsAsync(gss, cancellationToken))))
            {
                actions.AddRange(councilActions);
            }
        }

        return new PeerGroupActivity(
            group,
            month,
            councils,
            perRegion.SelectMany(r => r.Signups).ToList(),
            perRegion.SelectMany(r => r.Contacts).ToList(),
            submittedFacts,
            actions);
    }

    private async Task<(List<CouncilSignupFact> Signups, List<ContactFact> Contacts, List<SubmittedAssessmentFact> Assessments)> LoadRegionAsync(
        Region region, ReportMonth month, CancellationToken cancellationToken)
    {
        var councilRows = new List<CouncilSignupFact>();
        var councilFilter = TableClient.CreateQueryFilter($"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.CouncilKind}");
        await foreach (var row in signups.QueryAsync<CouncilSignupEntity>(councilFilter, select: CouncilSignupColumns, cancellationToken: cancellationToken))
        {
            councilRows.Add(new CouncilSignupFact(row.RowKey, row.SignedUpAt));
        }

        var contacts = new List<ContactFact>();
        var contactFilter = TableClient.CreateQueryFilter($"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind}");
        await foreach (var row in signups.QueryAsync<ContactEntity>(contactFilter, select: ContactColumns, cancellationToken: cancellationToken))
        {
            contacts.Add(new ContactFact(row.GssCode, row.ContactName, row.ContactEmail, row.ConsentToContact, row.Status == ContactEntity.Verified, row.VerifiedAt, row.ConsentToPublish));
        }

        // Month partitions "{region}|yyyy-MM" sort by date, so "to date" is one range over this region's partitions.
        var assessmentRows = new List<SubmittedAssessmentFact>();
        var from = $"{region.Slug}|";
        var to = $"{region.Slug}|{month.Next}";
        var end = month.End;
        var submittedFilter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and SubmittedAt lt {end}");
        await foreach (var row in submitted.QueryAsync<SubmittedAssessmentEntity>(submittedFilter, cancellationToken: cancellationToken))
        {
            assessmentRows.Add(ToFact(row));
        }

        return (councilRows, contacts, assessmentRows);
    }

    private async Task<List<ActionFact>> LoadActionsAsync(string gssCode, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {gssCode} and RowKey ge {AssessmentKeys.ActionPrefix} and RowKey lt {"action}"}");
        var actions = new List<ActionFact>();
        await foreach (var row in assessments.QueryAsync<ActionEntity>(filter, cancellationToken: cancellationToken))
        {
            actions.Add(new ActionFact(gssCode, row.AssessmentReference, row.ServiceName, row.StandardId, row.PointNumber, row.PointTitle,
                row.Rating, row.Status, row.CreatedAt, row.DueAt, row.DoneAt, row.ClosedByReference, row.ClosingRating, row.ClosedAt, row.ReassessedRating));
        }

        return actions;
    }

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
