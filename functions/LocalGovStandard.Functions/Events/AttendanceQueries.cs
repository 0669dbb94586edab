namespace LocalGovStandard.Events;

/// <summary>A meet-up whose attendance is recorded: when, which group, and how many came from each council (no names).</summary>
public sealed record MeetupAttendance(string EventId, string Title, DateTimeOffset StartsAt, string PeerGroup, IReadOnlyList<int> Points, IReadOnlyList<CouncilAttendance> Councils);

/// <summary>
/// What reporting asks of attendance (through Progress): counts per council, read from the groups' meet-up lists, whose rows
/// carry each meet-up's counts, so no attendee row is read.
/// </summary>
public sealed class AttendanceQueries(EventStore store)
{
    public async Task<IReadOnlyList<MeetupAttendance>> ForGroupAsync(string peerGroup, CancellationToken cancellationToken) =>
        Recorded(await store.ListGroupAsync(peerGroup, cancellationToken));

    public async Task<IReadOnlyList<MeetupAttendance>> AllAsync(CancellationToken cancellationToken) =>
        Recorded(await store.AllAsync(cancellationToken));

    private static List<MeetupAttendance> Recorded(IEnumerable<EventEntity> events) =>
        events.Where(e => e.KindOrSummit == EventKinds.Meetup && e.AttendanceSet is not null && e.CancelledAt is null)
            .Select(e => new MeetupAttendance(e.SummitId, e.Name, e.StartsAt, e.PeerGroup ?? "", MeetupView.PointsOf(e), AttendanceRecorder.CouncilsOf(e)))
            .OrderBy(e => e.StartsAt)
            .ToList();
}
