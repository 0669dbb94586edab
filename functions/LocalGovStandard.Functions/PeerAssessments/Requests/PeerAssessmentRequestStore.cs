using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>Reads of the PeerAssessmentRequests table: every one a point read or a query of one region's partition.</summary>
public sealed class PeerAssessmentRequestStore([FromKeyedServices(TableNames.PeerAssessmentRequests)] TableClient table)
{
    public async Task<PeerAssessmentRequestEntity?> FindAsync(string region, string reference, CancellationToken cancellationToken) =>
        HumanReference.IsWellFormed(reference)
        && await table.GetEntityIfExistsAsync<PeerAssessmentRequestEntity>(region, reference, cancellationToken: cancellationToken) is { HasValue: true } found
            ? found.Value
            : null;

    /// <summary>The request with this reference in any of <paramref name="regions"/>.</summary>
    public async Task<PeerAssessmentRequestEntity?> FindInAsync(IEnumerable<string> regions, string reference, CancellationToken cancellationToken)
    {
        foreach (var region in regions)
        {
            if (await FindAsync(region, reference, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    public Task<PeerAssessmentRequestEntity?> FindAnywhereAsync(string reference, CancellationToken cancellationToken) =>
        FindInAsync(Regions.All.Select(r => r.Slug), reference, cancellationToken);

    public async Task<IReadOnlyList<PeerAssessmentRequestEntity>> ForCouncilAsync(string region, string gssCode, CancellationToken cancellationToken) =>
        await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {region} and GssCode eq {gssCode}"), cancellationToken);

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<PeerAssessmentRequestEntity>> InRegionsAsync(IEnumerable<string> regions, CancellationToken cancellationToken)
    {
        var all = new List<PeerAssessmentRequestEntity>();
        foreach (var region in regions.Distinct(StringComparer.Ordinal))
        {
            all.AddRange(await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {region}"), cancellationToken));
        }

        return all.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Reference, StringComparer.Ordinal).ToList();
    }

    public Task<IReadOnlyList<PeerAssessmentRequestEntity>> AllAsync(CancellationToken cancellationToken) =>
        InRegionsAsync(Regions.All.Select(r => r.Slug), cancellationToken);

    public async Task AddAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        entity.ETag = (await table.AddEntityAsync(entity, cancellationToken)).Headers.ETag ?? default;

    public Task DeleteAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, Azure.ETag.All, cancellationToken);

    /// <summary>ETag-guarded (412 when the row changed since it was read); the entity takes the new ETag.</summary>
    public async Task UpdateAsync(PeerAssessmentRequestEntity entity, CancellationToken cancellationToken) =>
        entity.ETag = (await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;

    private async Task<List<PeerAssessmentRequestEntity>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<PeerAssessmentRequestEntity>();
        await foreach (var row in table.QueryAsync<PeerAssessmentRequestEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows.OrderByDescending(r => r.CreatedAt).ToList();
    }
}
