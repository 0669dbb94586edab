using LocalGovStandard.Events;
using LocalGovStandard.PeerGroups;

namespace LocalGovStandard.Progress;

/// <summary>How many from one council came to one meet-up: a row of the workbook's attendance sheet (councils only, no one's name).</summary>
public sealed record AttendanceRow(string EventId, string Title, DateTimeOffset StartsAt, string Points, string CouncilName, string GssCode, int Attended);

/// <summary>A meet-up a council's people came to, for its public page: how many, never who.</summary>
public sealed record CouncilMeetupAttendance(string Title, DateTimeOffset StartsAt, string PeerGroup, int Attended);

/// <summary>Meet-up attendance for the workbooks and the council pages, read through Events' queries (which own the table).</summary>
public sealed class AttendanceProgress(AttendanceQueries queries)
{
    /// <summary>The group's meet-ups that started before the month ended, a row per council that came.</summary>
    public async Task<IReadOnlyList<AttendanceRow>> ForPeerGroupAsync(PeerGroup group, ReportMonth month, CancellationToken cancellationToken) =>
        (await queries.ForGroupAsync(group.Slug, cancellationToken))
            .Where(e => e.StartsAt < month.End)
            .SelectMany(e => e.Councils.Select(c => new AttendanceRow(e.EventId, e.Title, e.StartsAt, string.Join(", ", e.Points), c.CouncilName, c.GssCode, c.Attended)))
            .ToList();

    public async Task<IReadOnlyList<CouncilMeetupAttendance>> ForCouncilAsync(string gssCode, IReadOnlyDictionary<string, string> groupNames, CancellationToken cancellationToken) =>
        (await queries.AllAsync(cancellationToken))
            .SelectMany(e => e.Councils.Where(c => c.GssCode == gssCode)
                .Select(c => new CouncilMeetupAttendance(e.Title, e.StartsAt, groupNames.GetValueOrDefault(e.PeerGroup, e.PeerGroup), c.Attended)))
            .OrderByDescending(m => m.StartsAt)
            .ToList();
}
