using System.Globalization;
using LocalGovStandard.Events.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Events;

/// <summary>What a meet-up's page shows again after a post: the banner, or the form as posted with its errors.</summary>
/// <param name="Attendance">The attendance form as posted (ticks and walk-in rows), when that form failed; null otherwise.</param>
public sealed record MeetupDetailState(string? Banner, IReadOnlyDictionary<string, string> Values, PostedAttendance? Attendance, FormErrors Errors)
{
    public static MeetupDetailState Saved(string? banner) => new(banner, new Dictionary<string, string>(), null, new FormErrors());
}

public sealed record PostedAttendance(IReadOnlyCollection<string> Ticked, int WalkInRows);

/// <summary>
/// One meet-up's page for its lead or an organiser: the pack it uses, the attendance checklist once it has started, and the
/// follow-up email once attendance is recorded. Both doors read their forms here and call the same services as the API.
/// </summary>
public sealed class MeetupDetailForm(MeetupScheduler scheduler, AttendanceRecorder attendance, FollowUpSender followUps)
{
    public const int BlankWalkInRows = 3;

    /// <summary>The page's forms: each posts to the meet-up's path plus its name, and is declared as a function of its own.</summary>
    public static readonly IReadOnlyList<(string Form, string FunctionSuffix)> Forms = [("pack", "Pack"), ("attendance", "Attendance"), ("follow-up", "FollowUp")];

    public async Task<IResult> PageAsync(MeetupDoor door, EventEntity meetup, MeetupDetailState state, CancellationToken cancellationToken)
    {
        var view = await attendance.ViewAsync(meetup, cancellationToken);
        var followUp = await followUps.FindAsync(meetup, cancellationToken);
        var group = door.Group;
        return new ComponentParameters<MeetupDetailPage>()
            .Set(p => p.Group, group)
            .Set(p => p.Meetup, meetup)
            .Set(p => p.Action, $"{door.EventsPath}/{meetup.SummitId}")
            .Set(p => p.ForOrganiser, door.ForOrganiser)
            .Set(p => p.UsablePacks, (await scheduler.PublishedPacksAsync(cancellationToken)).Where(p => p.Points.Intersect(MeetupView.PointsOf(meetup)).Any()).ToList())
            .Set(p => p.Attendance, view)
            .Set(p => p.Councils, (await attendance.GroupCouncilsAsync(group, cancellationToken)).Select(c => new Choice(c.GssCode, c.NiceName)).ToList())
            .Set(p => p.Started, meetup.StartsAt <= scheduler.Now && meetup.CancelledAt is null)
            .Set(p => p.FollowUp, followUp)
            .Set(p => p.State, state)
            .Result(state.Errors.Any ? StatusCodes.Status400BadRequest : null);
    }

    /// <summary>Reads one of the page's forms (<c>pack</c>, <c>attendance</c>, <c>follow-up</c>) and shows the page again with its outcome; null for any other form.</summary>
    public async Task<IResult?> PostAsync(MeetupDoor door, EventEntity meetup, string form, HttpRequest request, CancellationToken cancellationToken)
    {
        Func<MeetupDoor, EventEntity, IFormCollection, CancellationToken, Task<(string? Banner, MeetupDetailState? Failed)>>? handle = form switch
        {
            "pack" => UsePackAsync,
            "attendance" => RecordAsync,
            "follow-up" => FollowUpAsync,
            _ => null,
        };
        if (handle is null)
        {
            return null;
        }

        var (banner, failed) = await handle(door, meetup, await request.ReadFormAsync(cancellationToken), cancellationToken);
        var current = await scheduler.FindAsync(door.Group, meetup.SummitId, cancellationToken) ?? meetup;
        return await PageAsync(door, current, failed ?? MeetupDetailState.Saved(banner), cancellationToken);
    }

    public async Task<(string? Banner, MeetupDetailState? Failed)> UsePackAsync(MeetupDoor door, EventEntity meetup, IFormCollection form, CancellationToken cancellationToken)
    {
        var (changed, errors) = await scheduler.UsePackAsync(meetup, form["packId"].ToString(), door.Actor, cancellationToken);
        return changed is not null
            ? (changed.PackId is null ? "The meet-up no longer uses a pack" : $"The meet-up uses {changed.PackTitle}", null)
            : (null, Failed(form, null, FormErrors.From(errors.ToDictionary(), ["packId"])));
    }

    public async Task<(string? Banner, MeetupDetailState? Failed)> RecordAsync(MeetupDoor door, EventEntity meetup, IFormCollection form, CancellationToken cancellationToken)
    {
        var ticked = form["attended"].Where(v => v is not null).Select(v => v!).ToList();
        var rows = int.TryParse(form["walkInRows"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, AttendanceRecorder.MaxWalkIns + BlankWalkInRows) : 0;
        var filled = Enumerable.Range(1, rows)
            .Select(row => (Row: row, WalkIn: new WalkInRequest(form[$"walkIn{row}Name"].ToString(), form[$"walkIn{row}Council"].ToString())))
            .Where(w => !string.IsNullOrWhiteSpace(w.WalkIn.Name) || !string.IsNullOrWhiteSpace(w.WalkIn.Council))
            .ToList();
        var (saved, errors) = await attendance.RecordAsync(meetup, new AttendanceRequest(ticked, filled.Select(w => w.WalkIn).ToList()), door.Actor, cancellationToken);
        if (saved is not null)
        {
            return ($"Attendance is saved: {saved.Attended} came", null);
        }

        string InputId(string key) => key.StartsWith("walkIns[", StringComparison.Ordinal) && key.Contains('.', StringComparison.Ordinal)
            ? WalkInInput(key, filled.Select(w => w.Row).ToList())
            : key is "walkIns" ? "walkIn1Name" : "attended";
        var fields = new List<string> { "attended" };
        fields.AddRange(Enumerable.Range(1, rows).SelectMany(row => new[] { $"walkIn{row}Name", $"walkIn{row}Council" }));
        return (null, Failed(form, new PostedAttendance(ticked, rows), FormErrors.From(errors.ToDictionary().Select(e => KeyValuePair.Create(InputId(e.Key), e.Value)), fields)));
    }

    public async Task<(string? Banner, MeetupDetailState? Failed)> FollowUpAsync(MeetupDoor door, EventEntity meetup, IFormCollection form, CancellationToken cancellationToken)
    {
        var (run, errors) = await followUps.SendAsync(meetup, form["message"].ToString(), door.Actor, cancellationToken);
        if (run is null)
        {
            return (null, Failed(form, null, FormErrors.From(errors.ToDictionary(), ["message"])));
        }

        var pending = run.InProgress + run.Failed;
        return (pending == 0
            ? $"The follow-up is sent: {run.Sent + run.AlreadySent} {(run.Sent + run.AlreadySent == 1 ? "person has" : "people have")} it"
            : $"The follow-up is sent to {run.Sent + run.AlreadySent}; {pending} could not be sent yet, so send it again later", null);
    }

    private static MeetupDetailState Failed(IFormCollection form, PostedAttendance? attendance, FormErrors errors) =>
        new(null, form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal), attendance, errors);

    /// <summary>"walkIns[0].council" is the first filled-in row's council choice.</summary>
    private static string WalkInInput(string key, List<int> rows)
    {
        var index = int.Parse(key["walkIns[".Length..key.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        var part = key.EndsWith(".council", StringComparison.Ordinal) ? "Council" : "Name";
        return $"walkIn{(index < rows.Count ? rows[index] : 1)}{part}";
    }
}
