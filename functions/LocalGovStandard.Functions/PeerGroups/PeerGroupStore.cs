using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerGroups;

public sealed class PeerGroupStore([FromKeyedServices(TableNames.PeerGroups)] TableClient table)
{
    /// <summary>All peer groups (one partition query). A new installation is seeded with the defaults.</summary>
    public async Task<IReadOnlyList<PeerGroup>> AllAsync(CancellationToken cancellationToken)
    {
        var entities = await LoadAsync(cancellationToken);
        if (entities.Count == 0)
        {
            await SeedDefaultsAsync(cancellationToken);
            entities = await LoadAsync(cancellationToken);
        }

        return entities.Select(PeerGroup.From).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<PeerGroup?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(g => g.Slug == slug);

    private async Task<List<PeerGroupEntity>> LoadAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PeerGroupEntity.Partition}");
        var entities = new List<PeerGroupEntity>();
        await foreach (var entity in table.QueryAsync<PeerGroupEntity>(filter, cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        return entities;
    }

    private async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        foreach (var group in DefaultPeerGroups.All)
        {
            try
            {
                await table.AddEntityAsync(new PeerGroupEntity { RowKey = group.RowKey, Name = group.Name, Regions = group.Regions }, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Another instance seeded it first.
            }
        }
    }
}
