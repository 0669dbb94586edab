using Azure.Data.Tables;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;

namespace LocalGovStandard.Signups;

public sealed record CouncilSignups(Council Council, CouncilSignupEntity? SignedUp, IReadOnlyList<ContactEntity> Contacts);

/// <summary>One region partition's rows: each signed-up council's row (keyed by GSS code) and every contact.</summary>
public sealed record RegionSignups(IReadOnlyDictionary<string, CouncilSignupEntity> SignedUp, IReadOnlyList<ContactEntity> Contacts);

/// <summary>Reads sign-ups: always by region partition, or by a council's RowKey range within one.</summary>
public sealed class SignupQueries([FromKeyedServices(TableNames.Signups)] TableClient table, CouncilDirectory directory)
{
    /// <summary>A contact as the organiser names them, by their council's code and their sign-up reference; null when either is unknown.</summary>
    public async Task<ContactEntity?> FindAsync(string councilCode, string reference, CancellationToken cancellationToken) =>
        HumanReference.IsWellFormed(reference) && await directory.FindByCodeAsync(councilCode, cancellationToken) is { } council
            ? await FindByReferenceAsync(council, reference, cancellationToken)
            : null;

    public async Task<ContactEntity?> FindByReferenceAsync(Council council, string reference, CancellationToken cancellationToken)
    {
        var (from, to) = SignupKeys.ContactRange(council.GssCode);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {council.Region.Slug} and RowKey ge {from} and RowKey lt {to} and Reference eq {reference}");
        await foreach (var contact in table.QueryAsync<ContactEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return contact;
        }

        return null;
    }

    /// <summary>Every council of the peer group (every council when null) with at least one contact, with its contacts.</summary>
    public async Task<IReadOnlyList<CouncilSignups>> InGroupAsync(PeerGroup? group, CancellationToken cancellationToken) =>
        group is null
            ? await ForRegionsAsync(Regions.All.ToList(), cancellationToken)
            : (await ForRegionsAsync(group.Partitions, cancellationToken)).Where(c => group.Contains(c.Council.GssCode, c.Council.Region.Slug)).ToList();

    /// <summary>Every council in the regions with at least one contact, with its contacts.</summary>
    public async Task<IReadOnlyList<CouncilSignups>> ForRegionsAsync(IReadOnlyCollection<Region> regions, CancellationToken cancellationToken)
    {
        var councils = (await directory.InRegionsAsync(regions.Select(r => r.Slug), cancellationToken))
            .GroupBy(c => c.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var perRegion = await Task.WhenAll(regions.Select(region => InRegionAsync(region, cancellationToken)));
        var result = new List<CouncilSignups>();
        foreach (var (signedUp, contacts) in perRegion)
        {
            foreach (var group in contacts.GroupBy(c => c.GssCode, StringComparer.Ordinal))
            {
                if (councils.TryGetValue(group.Key, out var council))
                {
                    result.Add(new CouncilSignups(council, signedUp.GetValueOrDefault(group.Key), group.OrderBy(c => c.CreatedAt).ToList()));
                }
            }
        }

        return result.OrderBy(c => c.Council.OfficialName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A region's signed-up rows and contacts, whether or not the register still lists their council there.</summary>
    public async Task<RegionSignups> InRegionAsync(Region region, CancellationToken cancellationToken)
    {
        var partition = region.Slug;
        var signedUp = new Dictionary<string, CouncilSignupEntity>(StringComparer.Ordinal);
        var councilFilter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Kind eq {SignupKeys.CouncilKind}");
        await foreach (var row in table.QueryAsync<CouncilSignupEntity>(councilFilter, cancellationToken: cancellationToken))
        {
            signedUp[row.RowKey] = row;
        }

        var contacts = new List<ContactEntity>();
        var contactFilter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Kind eq {SignupKeys.ContactKind}");
        await foreach (var row in table.QueryAsync<ContactEntity>(contactFilter, cancellationToken: cancellationToken))
        {
            contacts.Add(row);
        }

        return new RegionSignups(signedUp, contacts);
    }
}
