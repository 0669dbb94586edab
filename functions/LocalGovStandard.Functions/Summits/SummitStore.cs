using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Summits;

/// <summary>Summits and their invitations: always one partition (the summit's, or the index).</summary>
public sealed class SummitStore([FromKeyedServices(TableNames.Summits)] TableClient table, TimeProvider clock)
{
    public TableClient Table => table;

    public async Task<SummitEntity> CreateAsync(ValidSummit summit, CancellationToken cancellationToken)
    {
        var id = "smt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var state = new SummitEntity
        {
            PartitionKey = id, RowKey = SummitKeys.StateRow, SummitId = id, Name = summit.Name, StartsAt = summit.StartsAt, EndsAt = summit.EndsAt,
            Venue = summit.Venue, Address = summit.Address, Capacity = summit.Capacity, RsvpBy = summit.RsvpBy,
            Description = summit.Description, CreatedAt = clock.GetUtcNow(),
        };
        await table.AddEntityAsync(state, cancellationToken);

        // The index row is written second: a summit is listed only once its partition exists.
        var index = new SummitEntity
        {
            PartitionKey = SummitKeys.IndexPartition, RowKey = id, SummitId = id, Name = state.Name, StartsAt = state.StartsAt, EndsAt = state.EndsAt,
            Venue = state.Venue, Address = state.Address, Capacity = state.Capacity, RsvpBy = state.RsvpBy,
            Description = state.Description, CreatedAt = state.CreatedAt,
        };
        await table.AddEntityAsync(index, cancellationToken);
        return state;
    }

    public async Task<IReadOnlyList<SummitEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SummitKeys.IndexPartition}");
        var summits = new List<SummitEntity>();
        await foreach (var summit in table.QueryAsync<SummitEntity>(filter, cancellationToken: cancellationToken))
        {
            summits.Add(summit);
        }

        return summits.OrderBy(s => s.StartsAt).ToList();
    }

    public async Task<SummitEntity?> FindAsync(string? summitId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(summitId) || summitId.Length > 40 || !summitId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<SummitEntity>(summitId, SummitKeys.StateRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<InvitationEntity?> FindInvitationAsync(string summitId, string invitationId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<InvitationEntity>(summitId, SummitKeys.InvitationRowKey(invitationId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The invitation's place on the waiting list, counted from the people waiting now; null when it is not waiting.</summary>
    public async Task<int?> WaitingPlaceAsync(InvitationEntity invitation, CancellationToken cancellationToken) =>
        invitation.Response == InvitationEntity.Waitlisted
            ? WaitingList.PlaceOf(invitation, await InvitationsAsync(invitation.PartitionKey, cancellationToken))
            : null;

    public async Task<List<InvitationEntity>> InvitationsAsync(string summitId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {summitId} and RowKey ge {SummitKeys.InvitationPrefix} and RowKey lt {"inv}"}");
        var invitations = new List<InvitationEntity>();
        await foreach (var invitation in table.QueryAsync<InvitationEntity>(filter, cancellationToken: cancellationToken))
        {
            invitations.Add(invitation);
        }

        return invitations;
    }

    /// <summary>
    /// Records the invitees (insert-if-absent, in transactions of 100, a few at a time): an invitee already recorded
    /// keeps their row and answer, also when a later send selects the same person for another of their
    /// councils. Rows are written before any mail, so a resumed send finds everyone. Returns every invitation
    /// the summit now has, read again only when another send recorded some of the same people meanwhile.
    /// </summary>
    public async Task<List<InvitationEntity>> AddInvitationsAsync(string summitId, IReadOnlyList<InvitationEntity> invitations, CancellationToken cancellationToken)
    {
        var recorded = await InvitationsAsync(summitId, cancellationToken);
        var existing = recorded.Select(i => i.RowKey).ToHashSet(StringComparer.Ordinal);
        var people = recorded.Select(i => i.ContactKey).ToHashSet(StringComparer.Ordinal);
        var added = invitations.Where(i => !existing.Contains(i.RowKey) && !people.Contains(i.ContactKey)).DistinctBy(i => i.ContactKey).ToList();
        var raced = 0;
        var inFlight = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(added.Chunk(100), inFlight, async (group, token) =>
        {
            try
            {
                await table.SubmitTransactionAsync(group.Select(i => new TableTransactionAction(TableTransactionActionType.Add, i)), token);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 409)
            {
                // Another send recorded some of them first: add the rest one by one.
                Interlocked.Increment(ref raced);
                foreach (var invitation in group)
                {
                    try
                    {
                        await table.AddEntityAsync(invitation, token);
                    }
                    catch (RequestFailedException conflict) when (conflict.Status == 409)
                    {
                    }
                }
            }
        });

        return raced == 0 ? [.. recorded, .. added] : await InvitationsAsync(summitId, cancellationToken);
    }
}
