using System.Globalization;
using LocalGovStandard.Events.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Events;

/// <summary>
/// The schedule-a-meet-up form, which the organiser's console and the lead's pages both show and both read into a
/// <see cref="MeetupRequest"/> for <see cref="MeetupScheduler"/>. Validator keys become the inputs' ids, so the error summary links to them.
/// </summary>
public static class MeetupForm
{
    public const int SpeakerRows = 3;

    public static readonly IReadOnlyList<string> Fields =
    [
        "title", "points", .. UkDateTimeField.InputIds("startsAt"), .. UkDateTimeField.InputIds("endsAt"), "venue", "address", "onlineLink", "capacity",
        .. Enumerable.Range(1, SpeakerRows).SelectMany(i => new[] { $"speaker{i}Name", $"speaker{i}Organisation", $"speaker{i}Talk" }),
        "agenda", "everyWeeks", "meetings", "openForRegistration", "packId",
    ];

    public sealed record Submitted(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Points);

    /// <summary>Reads the form and schedules; the new meet-ups, or the form's errors keyed by input id.</summary>
    public static async Task<(IReadOnlyList<EventEntity>? Meetups, Submitted Form, FormErrors Errors)> ScheduleAsync(
        IFormCollection form, PeerGroup group, MeetupScheduler scheduler, string actor, CancellationToken cancellationToken)
    {
        var values = Fields.ToDictionary(f => f, f => form[f].ToString());
        var submitted = new Submitted(values, form["points"].Where(p => p is not null).Select(p => p!).ToList());
        var formErrors = new FormErrors();
        var starts = UkDateTimeField.FromForm(form, "startsAt");
        var ends = UkDateTimeField.FromForm(form, "endsAt");
        var points = new List<int>();
        foreach (var point in submitted.Points)
        {
            if (int.TryParse(point, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                points.Add(number);
            }
            else
            {
                formErrors.Add("points", "Choose points from the list");
            }
        }

        var speakers = Enumerable.Range(1, SpeakerRows)
            .Select(i => (Row: i, Speaker: new SpeakerRequest(values[$"speaker{i}Name"], values[$"speaker{i}Organisation"], values[$"speaker{i}Talk"])))
            .Where(s => !string.IsNullOrWhiteSpace(s.Speaker.Name) || !string.IsNullOrWhiteSpace(s.Speaker.Organisation) || !string.IsNullOrWhiteSpace(s.Speaker.TalkTitle))
            .ToList();
        var request = new MeetupRequest(
            values["title"], points, starts.Read("date", "start time", formErrors), ends.IsEmpty ? null : ends.Read("end date", "end time", formErrors),
            values["venue"], values["address"], values["onlineLink"], Number("capacity", values, formErrors), speakers.Select(s => s.Speaker).ToList(), values["agenda"],
            Number("everyWeeks", values, formErrors), Number("meetings", values, formErrors), values["openForRegistration"] == "true", values["packId"]);
        if (formErrors.Any)
        {
            return (null, submitted, formErrors);
        }

        var (meetups, errors) = await scheduler.ScheduleAsync(group, request, actor, cancellationToken);
        if (meetups is not null)
        {
            return (meetups, submitted, formErrors);
        }

        string InputId(string key) => key switch
        {
            "startsAt" => starts.DateInputId,
            "endsAt" => ends.DateInputId,
            _ when key.StartsWith("speakers[", StringComparison.Ordinal) => SpeakerInput(key, speakers.Select(s => s.Row).ToList()),
            _ => key,
        };
        return (null, submitted, FormErrors.From(errors.ToDictionary().Select(e => KeyValuePair.Create(InputId(e.Key), e.Value)), Fields));
    }

    /// <summary>The open/close button on a meet-up's row: the group's meet-up it changed, or null when the group has no such meet-up.</summary>
    public static async Task<(EventEntity? Meetup, FormErrors Errors)> SetRegistrationAsync(
        IFormCollection form, PeerGroup group, string eventId, MeetupScheduler scheduler, EventRegistrations registrations, string actor,
        CancellationToken cancellationToken)
    {
        if (await scheduler.FindAsync(group, eventId, cancellationToken) is not { } meetup)
        {
            return (null, new FormErrors());
        }

        var errors = new FormErrors();
        if (form["open"].ToString() is not ("true" or "false"))
        {
            errors.Add(RegistrationButton(meetup), "Choose to open or close registration with the meet-up's button");
            return (meetup, errors);
        }

        var (changed, problems) = await registrations.SetOpenAsync(meetup, form["open"] == "true", actor, cancellationToken);
        foreach (var (_, messages) in problems.ToDictionary())
        {
            errors.Add(RegistrationButton(meetup), messages[0]);
        }

        return (changed ?? meetup, errors);
    }

    /// <summary>The id of a meet-up's open/close button, which an error about it links to.</summary>
    public static string RegistrationButton(EventEntity meetup) => "registration-" + meetup.SummitId;

    /// <summary>The group's meet-ups page for either door, with the form as posted and its errors when <paramref name="errors"/> has any.</summary>
    public static async Task<IResult> PageAsync(
        PeerGroup group, bool forOrganiser, EventStore store, MeetupScheduler scheduler, SupportNeedQueries needs, int? scheduled, Submitted? submitted, FormErrors? errors,
        CancellationToken cancellationToken, string? registration = null) =>
        new ComponentParameters<MeetupsPage>()
            .Set(p => p.Programme, (await needs.ForGroupAsync(group, cancellationToken)).Programme)
            .Set(p => p.Group, group)
            .Set(p => p.Standard, scheduler.Standard)
            .Set(p => p.UsablePacks, await scheduler.PublishedPacksAsync(cancellationToken))
            .Set(p => p.Meetups, await store.ListGroupWithPlacesAsync(group.Slug, cancellationToken))
            .Set(p => p.Action, (forOrganiser ? "/organiser" : "") + $"/peer-groups/{group.Slug}/events")
            .Set(p => p.ForOrganiser, forOrganiser)
            .Set(p => p.Scheduled, scheduled)
            .Set(p => p.Registration, registration)
            .Set(p => p.Now, scheduler.Now)
            .Set(p => p.Values, submitted?.Values ?? new Dictionary<string, string>())
            .Set(p => p.Points, submitted?.Points ?? [])
            .Set(p => p.Errors, errors ?? new FormErrors())
            .Result(errors is { Any: true } ? StatusCodes.Status400BadRequest : null);

    /// <summary>
    /// The form filled in from a suggested programme's link: a title, a point and its pack; null when the link gives none.
    /// The pack is only preselected: scheduling checks it as if it had been chosen.
    /// </summary>
    public static Submitted? Prefill(string? title, int? point, string? pack = null) =>
        title is null && point is null && pack is null
            ? null
            : new Submitted(
                new Dictionary<string, string>
                {
                    ["title"] = (title ?? "").Trim() is var t && t.Length <= MeetupValidator.TitleMaxLength ? t : "",
                    ["packId"] = pack is { Length: <= 40 } ? pack : "",
                },
                point is { } p ? [p.ToString(CultureInfo.InvariantCulture)] : []);

    /// <summary>"speakers[0].talkTitle" is the first filled-in row's talk input.</summary>
    private static string SpeakerInput(string key, List<int> rows)
    {
        var index = int.Parse(key["speakers[".Length..key.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        var part = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..] switch
        {
            "name" => "Name",
            "organisation" => "Organisation",
            _ => "Talk",
        };
        return $"speaker{(index < rows.Count ? rows[index] : 1)}{part}";
    }

    private static int? Number(string field, Dictionary<string, string> values, FormErrors errors)
    {
        var text = values[field].Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(field, "Enter a whole number, like 6");
        return null;
    }
}
