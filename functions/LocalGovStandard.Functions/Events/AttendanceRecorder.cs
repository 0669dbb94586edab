using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;

namespace LocalGovStandard.Events;

/// <summary>Who came, as sent: the invitation ids of those with a place who came, and anyone who came without one.</summary>
public sealed record AttendanceRequest(IReadOnlyList<string>? Attended, IReadOnlyList<WalkInRequest>? WalkIns);

public sealed record WalkInRequest(string? Name, string? Council);

/// <summary>Someone with a place at the event, and whether the saved attendance says they came.</summary>
public sealed record PlaceAttendance(string InvitationId, string Name, string CouncilName, bool Attended);

public sealed record WalkInAttendance(string Name, string GssCode, string CouncilName);

/// <summary>An event's attendance as saved: everyone with a place (ticked or not), those who came without one, and the counts per council.</summary>
public sealed record AttendanceView(
    string EventId, bool Recorded, DateTimeOffset? RecordedAt, int Attended, IReadOnlyList<PlaceAttendance> Places, IReadOnlyList<WalkInAttendance> WalkIns,
    IReadOnlyList<CouncilAttendance> Councils);

/// <summary>
/// Records who came to a meet-up, once it has started: the lead's pages, the console and the API all come here. Saving again
/// replaces the earlier attendance. A save writes a new set of attendee rows under a key of its own, then points the event's
/// state row at it in one write (under its ETag), then deletes the old set: a reader sees the old attendance or the new,
/// never a mixture, and a crash leaves only rows nothing points at, which the next save or an erasure clears.
/// </summary>
public sealed class AttendanceRecorder(EventStore store, CouncilDirectory directory, AuditLog audit, TimeProvider clock)
{
    public const int MaxWalkIns = 50;
    public const int NameMaxLength = 120;
    private const int MaxAttempts = 10;

    public async Task<AttendanceView> ViewAsync(EventEntity e, CancellationToken cancellationToken)
    {
        var places = (await store.InvitationsAsync(e.SummitId, cancellationToken)).Where(i => i.Response == InvitationEntity.Accepted).ToList();
        var attendees = await AttendeesAsync(e, cancellationToken);
        var came = attendees.Where(a => !a.IsWalkIn).Select(a => a.InvitationId).ToHashSet(StringComparer.Ordinal);
        return new AttendanceView(
            e.SummitId, e.AttendanceSet is not null, e.AttendanceRecordedAt, attendees.Count,
            places.OrderBy(p => p.CouncilName, StringComparer.Ordinal).ThenBy(p => p.ContactName, StringComparer.Ordinal)
                .Select(p => new PlaceAttendance(p.InvitationId, p.ContactName, p.CouncilName, came.Contains(p.InvitationId))).ToList(),
            attendees.Where(a => a.IsWalkIn).Select(a => new WalkInAttendance(a.WalkInName, a.GssCode, a.CouncilName)).ToList(),
            CouncilsOf(e));
    }

    /// <summary>The attendee rows of the set the event points at (none before attendance is recorded).</summary>
    public async Task<List<AttendeeEntity>> AttendeesAsync(EventEntity e, CancellationToken cancellationToken) =>
        e.AttendanceSet is { } set ? await RowsAsync(e.SummitId, EventKeys.AttendeeSetPrefix(set), cancellationToken) : [];

    public static IReadOnlyList<CouncilAttendance> CouncilsOf(EventEntity e) =>
        string.IsNullOrEmpty(e.AttendedCouncils) ? [] : JsonSerializer.Deserialize<List<CouncilAttendance>>(e.AttendedCouncils, JsonSerializerOptions.Web) ?? [];

    public async Task<(AttendanceView? Saved, FieldErrors Errors)> RecordAsync(EventEntity e, AttendanceRequest request, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (e.CancelledAt is not null)
        {
            errors.Add("attended", "This meet-up was cancelled, so there is no attendance to record");
            return (null, errors);
        }

        if (clock.GetUtcNow() < e.StartsAt)
        {
            errors.Add("attended", "You can record attendance once the meet-up has started");
            return (null, errors);
        }

        var places = (await store.InvitationsAsync(e.SummitId, cancellationToken))
            .Where(i => i.Response == InvitationEntity.Accepted).ToDictionary(i => i.InvitationId, StringComparer.Ordinal);
        var attended = (request.Attended ?? []).Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
        if (attended.Any(id => !places.ContainsKey(id)))
        {
            errors.Add("attended", "Tick only people who have a place at this meet-up");
        }

        var walkIns = await WalkInsAsync(request.WalkIns ?? [], errors, cancellationToken);
        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var set = $"{clock.GetUtcNow().UtcTicks:D19}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant()}";
        var rows = attended.Select(id => new AttendeeEntity
            {
                PartitionKey = e.SummitId, RowKey = EventKeys.AttendeeRowKey(set, id), InvitationId = id, GssCode = places[id].GssCode, CouncilName = places[id].CouncilName,
            })
            .Concat(walkIns.Select((w, n) => new AttendeeEntity
            {
                PartitionKey = e.SummitId, RowKey = EventKeys.AttendeeRowKey(set, $"walkin-{n:D3}"), GssCode = w.GssCode, CouncilName = w.CouncilName, WalkInName = w.Name,
            }))
            .ToList();
        foreach (var chunk in rows.Chunk(100))
        {
            await store.Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }

        var councils = rows.GroupBy(r => r.GssCode, StringComparer.Ordinal)
            .Select(g => new CouncilAttendance(g.Key, g.First().CouncilName, g.Count()))
            .OrderBy(c => c.CouncilName, StringComparer.Ordinal).ToList();
        var saved = await PointAtAsync(e.SummitId, set, rows.Count, councils, cancellationToken);
        await audit.WriteAsync(actor, "meetup.attendance", e.SummitId, $"{attended.Count} with a place, {walkIns.Count} without", CancellationToken.None);
        return (await ViewAsync(saved, cancellationToken), errors);
    }

    /// <summary>Points the state row (then its list row) at the new set; the set it replaced is deleted afterwards.</summary>
    private async Task<EventEntity> PointAtAsync(string eventId, string set, int attended, IReadOnlyList<CouncilAttendance> councils, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.FindAsync(eventId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
            var replaced = current.AttendanceSet;
            current.AttendanceSet = set;
            current.Attended = attended;
            current.AttendedCouncils = JsonSerializer.Serialize(councils, JsonSerializerOptions.Web);
            current.AttendanceRecordedAt = clock.GetUtcNow();
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await DeleteOtherSetsAsync(eventId, set, cancellationToken);
                return current;
            }
        }

        throw new RequestFailedException(503, "The meet-up kept changing while its attendance was being saved.");
    }

    /// <summary>Every attendee row not in <paramref name="keep"/>: the replaced set, and any a crashed save left behind.</summary>
    private async Task DeleteOtherSetsAsync(string eventId, string keep, CancellationToken cancellationToken)
    {
        var stale = (await RowsAsync(eventId, EventKeys.AttendeePrefix, cancellationToken))
            .Where(r => !r.RowKey.StartsWith(EventKeys.AttendeeSetPrefix(keep), StringComparison.Ordinal)).ToList();
        foreach (var chunk in stale.Chunk(100))
        {
            await store.Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
        }
    }

    public async Task<List<AttendeeEntity>> RowsAsync(string eventId, string prefix, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
        var rows = new List<AttendeeEntity>();
        await foreach (var row in store.Table.QueryAsync<AttendeeEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<WalkInAttendance>> WalkInsAsync(IReadOnlyList<WalkInRequest> requests, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (requests.Count > MaxWalkIns)
        {
            errors.Add("walkIns", $"Add at most {MaxWalkIns} people who came without a place");
            return [];
        }

        var walkIns = new List<WalkInAttendance>();
        for (var i = 0; i < requests.Count; i++)
        {
            var name = errors.RequiredText($"walkIns[{i}].name", requests[i]?.Name, "Name", NameMaxLength, "Enter the name of the person who came without a place");
            var code = requests[i]?.Council?.Trim() ?? "";
            Council? council = null;
            if (code.Length == 0)
            {
                errors.Add($"walkIns[{i}].council", "Choose the council the person works for");
            }
            else if (code.Length > CouncilCodeMaxLength || (council = await directory.FindByCodeAsync(code, cancellationToken)) is not { CanSignUp: true })
            {
                errors.Add($"walkIns[{i}].council", "Choose a council from the list");
            }

            if (name is not null && council is { CanSignUp: true })
            {
                walkIns.Add(new WalkInAttendance(name, council.GssCode, council.NiceName));
            }
        }

        return walkIns;
    }

    private const int CouncilCodeMaxLength = 16;

    /// <summary>The councils of the group, for the "came without a place" choice on the form.</summary>
    public async Task<IReadOnlyList<Council>> GroupCouncilsAsync(PeerGroup group, CancellationToken cancellationToken) =>
        group.Members(await directory.InRegionsAsync(group.PartitionSlugs, cancellationToken), c => c.GssCode)
            .Where(c => c.CanSignUp).OrderBy(c => c.NiceName, StringComparer.CurrentCulture).ToList();
}
