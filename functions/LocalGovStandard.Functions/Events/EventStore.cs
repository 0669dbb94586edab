using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Events;

/// <summary>Summits and their invitations: always one partition (the summit's, or the index).</summary>
public sealed class EventStore([FromKeyedServices(TableNames.Summits)] TableClient table, TimeProvider clock)
{
    public TableClient Table => table;

    public async Task<EventEntity> CreateAsync(ValidSummit summit, CancellationToken cancellationToken)
    {
        var id = "smt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var state = new EventEntity
        {
            PartitionKey = id, RowKey = EventKeys.StateRow, SummitId = id, Kind = EventKinds.Summit, Name = summit.Name, StartsAt = summit.StartsAt, EndsAt = summit.EndsAt,
            Venue = summit.Venue, Address = summit.Address, Capacity = summit.Capacity, RsvpBy = summit.RsvpBy,
            Description = summit.Description, CreatedAt = clock.GetUtcNow(),
        };
        await table.AddEntityAsync(state, cancellationToken);

        // The index row is written second: a summit is listed only once its partition exists.
        var index = new EventEntity
        {
            PartitionKey = EventKeys.IndexPartition, RowKey = id, SummitId = id, Kind = EventKinds.Summit, Name = state.Name, StartsAt = state.StartsAt, EndsAt = state.EndsAt,
            Venue = state.Venue, Address = state.Address, Capacity = state.Capacity, RsvpBy = state.RsvpBy,
            Description = state.Description, CreatedAt = state.CreatedAt,
        };
        await table.AddEntityAsync(index, cancellationToken);
        return state;
    }

    /// <summary>
    /// Each meeting's partition first, then the group's list rows in one entity group transaction: a crash in between leaves
    /// meetings nobody can find, never part of a series on the list.
    /// </summary>
    public async Task<IReadOnlyList<EventEntity>> CreateMeetupsAsync(string peerGroup, ValidMeetup meetup, EventPack? pack, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var seriesId = meetup.Meetings > 1 ? NewId("ser-") : null;
        var speakers = System.Text.Json.JsonSerializer.Serialize(meetup.Speakers, System.Text.Json.JsonSerializerOptions.Web);
        var created = new List<EventEntity>();
        foreach (var (startsAt, endsAt) in meetup.Dates())
        {
            var id = NewId("evt-");
            var state = new EventEntity
            {
                PartitionKey = id, RowKey = EventKeys.StateRow, SummitId = id, Kind = EventKinds.Meetup, PeerGroup = peerGroup, Name = meetup.Title,
                Points = string.Join(',', meetup.Points), StartsAt = startsAt, EndsAt = endsAt, Venue = meetup.Venue, Address = meetup.Address,
                OnlineLink = meetup.OnlineLink, Capacity = meetup.Capacity, RsvpBy = startsAt, Description = "", Speakers = speakers, Agenda = meetup.Agenda,
                SeriesId = seriesId, OpenForRegistration = meetup.OpenForRegistration, CreatedAt = now, PackId = pack?.Id, PackTitle = pack?.Title, PackPath = pack?.PagePath,
            };
            await table.AddEntityAsync(state, cancellationToken);
            created.Add(state);
        }

        await table.SubmitTransactionAsync(created.Select(e => new TableTransactionAction(TableTransactionActionType.Add, ListRow(e))), cancellationToken);
        return created;
    }

    /// <summary>Saves a changed definition (move, cancel): the state row under its ETag, then its list row.</summary>
    public async Task<bool> SaveDefinitionAsync(EventEntity state, CancellationToken cancellationToken)
    {
        try
        {
            var saved = await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = saved.Headers.ETag ?? state.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }

        await table.UpsertEntityAsync(ListRow(state), TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<EventEntity>> ListGroupAsync(string peerGroup, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventKeys.GroupIndexPartition(peerGroup)}");
        var events = new List<EventEntity>();
        await foreach (var listed in table.QueryAsync<EventEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(listed);
        }

        return events.OrderBy(e => e.StartsAt).ToList();
    }

    /// <summary>The group's meet-ups with the places taken, which the list rows leave out (the counter changes with every answer): a point read of each one's state row.</summary>
    public async Task<IReadOnlyList<EventEntity>> ListGroupWithPlacesAsync(string peerGroup, CancellationToken cancellationToken)
    {
        var listed = await ListGroupAsync(peerGroup, cancellationToken);
        var states = await Task.WhenAll(listed.Select(e => FindAsync(e.SummitId, cancellationToken)));
        return listed.Select((e, i) => states[i] ?? e).ToList();
    }

    /// <summary>Every event: the summits' list, and the groups' lists (one range of list partitions).</summary>
    public async Task<IReadOnlyList<EventEntity>> AllAsync(CancellationToken cancellationToken)
    {
        var events = new List<EventEntity>(await ListAsync(cancellationToken));
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {EventKeys.GroupIndexPartition("")} and PartitionKey lt {"group}"}");
        await foreach (var listed in table.QueryAsync<EventEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(listed);
        }

        return events.OrderBy(e => e.StartsAt).ToList();
    }

    /// <summary>An event's row on its list: the definition without the seat counter.</summary>
    private static EventEntity ListRow(EventEntity e) => new()
    {
        PartitionKey = e.KindOrSummit == EventKinds.Meetup ? EventKeys.GroupIndexPartition(e.PeerGroup!) : EventKeys.IndexPartition, RowKey = e.SummitId, SummitId = e.SummitId, Kind = e.Kind, PeerGroup = e.PeerGroup,
        Name = e.Name, Points = e.Points, StartsAt = e.StartsAt, EndsAt = e.EndsAt, Venue = e.Venue, Address = e.Address, OnlineLink = e.OnlineLink,
        Capacity = e.Capacity, RsvpBy = e.RsvpBy, Description = e.Description, Speakers = e.Speakers, Agenda = e.Agenda, SeriesId = e.SeriesId,
        Sequence = e.Sequence, CancelledAt = e.CancelledAt, OpenForRegistration = e.OpenForRegistration, CreatedAt = e.CreatedAt, PackId = e.PackId, PackTitle = e.PackTitle, PackPath = e.PackPath,
        AttendanceSet = e.AttendanceSet, AttendedCouncils = e.AttendedCouncils, Attended = e.Attended, AttendanceRecordedAt = e.AttendanceRecordedAt,
    };

    private static string NewId(string prefix) => prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public async Task<IReadOnlyList<EventEntity>> ListAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventKeys.IndexPartition}");
        var summits = new List<EventEntity>();
        await foreach (var summit in table.QueryAsync<EventEntity>(filter, cancellationToken: cancellationToken))
        {
            summits.Add(summit);
        }

        return summits.OrderBy(s => s.StartsAt).ToList();
    }

    public async Task<EventEntity?> FindAsync(string? summitId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(summitId) || summitId.Length > 40 || !summitId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }

        var found = await table.GetEntityIfExistsAsync<EventEntity>(summitId, EventKeys.StateRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<InvitationEntity?> FindInvitationAsync(string summitId, string invitationId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<InvitationEntity>(summitId, EventKeys.InvitationRowKey(invitationId), cancellationToken: cancellationToken);
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
            $"PartitionKey eq {summitId} and RowKey ge {EventKeys.InvitationPrefix} and RowKey lt {"inv}"}");
        var invitations = new List<InvitationEntity>();
        await foreach (var invitation in table.QueryAsync<InvitationEntity>(filter, cancellationToken: cancellationToken))
        {
            invitations.Add(invitation);
        }

        return invitations;
    }

    /// <summary>
    /// Records the invitees (insert-if-absent, in transactions of 100, a few at a time) and waits until all are stored:
    /// an invitee already recorded keeps their row and answer, also when a later send selects the same person for another
    /// of their councils. Returns every invitation the summit now has, read again only when another send recorded some
    /// of the same people meanwhile.
    /// </summary>
    public async Task<List<InvitationEntity>> AddInvitationsAsync(string summitId, IReadOnlyList<InvitationEntity> invitations, CancellationToken cancellationToken)
    {
        var recording = StartRecording(await InvitationsAsync(summitId, cancellationToken), invitations, cancellationToken);
        await recording.Completion;
        return recording.Raced ? await InvitationsAsync(summitId, cancellationToken) : [.. recording.All];
    }

    /// <summary>
    /// Starts writing the invitations not among <paramref name="recorded"/> (the summit's rows as just read), each person
    /// once, and returns at once: see <see cref="InvitationRecording"/>.
    /// </summary>
    public InvitationRecording StartRecording(IReadOnlyList<InvitationEntity> recorded, IReadOnlyList<InvitationEntity> invitations, CancellationToken cancellationToken)
    {
        var existing = recorded.Select(i => i.RowKey).ToHashSet(StringComparer.Ordinal);
        var people = recorded.Select(i => i.ContactKey).ToHashSet(StringComparer.Ordinal);
        var added = invitations.Where(i => !existing.Contains(i.RowKey) && !people.Contains(i.ContactKey)).DistinctBy(i => i.ContactKey).ToList();
        return new InvitationRecording(table, recorded, added, cancellationToken);
    }
}
