using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Register;

/// <summary>
/// The register, read as one partition query per region and cached briefly: it changes only when an
/// organiser imports, and this instance forgets its copy then. Other instances catch up within the TTL.
/// </summary>
public sealed class CouncilDirectory([FromKeyedServices(TableNames.Councils)] TableClient table, TimeProvider clock)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);
    private volatile Snapshot? _snapshot;

    public async Task<IReadOnlyList<Council>> AllAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Councils;

    /// <summary>The council with that <see cref="Council.Code"/>: a GSS code, or the register's code of a council without one.</summary>
    public async Task<Council?> FindByCodeAsync(string code, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).ByCode.GetValueOrDefault(code.Trim().ToUpperInvariant());

    public async Task<IReadOnlyList<Council>> InRegionsAsync(IEnumerable<string> regionSlugs, CancellationToken cancellationToken)
    {
        var slugs = regionSlugs.ToHashSet(StringComparer.Ordinal);
        return (await GetSnapshotAsync(cancellationToken)).Councils.Where(c => slugs.Contains(c.Region.Slug)).ToList();
    }

    public void Invalidate() => _snapshot = null;

    /// <summary>Reads every partition afresh (uncached), as stored entities.</summary>
    public async Task<IReadOnlyList<CouncilEntity>> LoadEntitiesAsync(CancellationToken cancellationToken)
    {
        var partitions = await Task.WhenAll(Regions.AllPartitions.Select(region => LoadPartitionAsync(region.Slug, cancellationToken)));
        return partitions.SelectMany(p => p).ToList();
    }

    private async Task<List<CouncilEntity>> LoadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var entities = new List<CouncilEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var entity in table.QueryAsync<CouncilEntity>(filter, cancellationToken: cancellationToken))
        {
            entities.Add(entity);
        }

        return entities;
    }

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } current && current.LoadedAt + TimeToLive > now)
        {
            return current;
        }

        var councils = (await LoadEntitiesAsync(cancellationToken))
            .Select(Council.From)
            .OrderBy(c => c.OfficialName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var byCode = councils
            .GroupBy(c => c.Code.ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.CanSignUp).First(), StringComparer.Ordinal);
        var snapshot = new Snapshot(councils, byCode, now);
        _snapshot = snapshot;
        return snapshot;
    }

    private sealed record Snapshot(IReadOnlyList<Council> Councils, IReadOnlyDictionary<string, Council> ByCode, DateTimeOffset LoadedAt);
}
