using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Events;

/// <summary>A meet-up, or a series of them ("every <see cref="EveryWeeks"/> weeks, for <see cref="Meetings"/> meetings"), as sent.</summary>
public sealed record MeetupRequest(
    string? Title, IReadOnlyList<int>? Points, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Venue, string? Address, string? OnlineLink,
    int? Capacity, IReadOnlyList<SpeakerRequest>? Speakers, string? Agenda, int? EveryWeeks = null, int? Meetings = null, bool? OpenForRegistration = null, string? PackId = null);

/// <summary>The pack a meet-up uses; an empty id for none.</summary>
public sealed record MeetupPackRequest(string? PackId);

public sealed record SpeakerRequest(string? Name, string? Organisation, string? TalkTitle);

public sealed record ValidMeetup(
    string Title, IReadOnlyList<int> Points, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Venue, string Address, string OnlineLink,
    int Capacity, IReadOnlyList<Speaker> Speakers, string Agenda, int EveryWeeks, int Meetings, bool OpenForRegistration = false)
{
    /// <summary>Each meeting's start and end: the same UK clock time every <see cref="EveryWeeks"/> weeks, across changes to and from summer time.</summary>
    public IEnumerable<(DateTimeOffset StartsAt, DateTimeOffset EndsAt)> Dates()
    {
        var length = EndsAt - StartsAt;
        var first = UkTime.ToUk(StartsAt).DateTime;
        for (var meeting = 0; meeting < Meetings; meeting++)
        {
            var clock = first.AddDays(7 * EveryWeeks * meeting);
            // A start in the hour the clocks skip moves an hour on, as a UK clock does.
            var start = UkTime.FromUkClock(clock) ?? UkTime.FromUkClock(clock.AddHours(1))!.Value;
            yield return (start.ToUniversalTime(), start.ToUniversalTime() + length);
        }
    }
}

public static class MeetupValidator
{
    /// <summary>Meet-ups are on points of the Standard the peer groups were set up around.</summary>
    public const string StandardId = "lgdss-2016";
    public const int TitleMaxLength = 120;
    public const int VenueMaxLength = 120;
    public const int AddressMaxLength = 300;
    public const int LinkMaxLength = 300;
    public const int AgendaMaxLength = 4000;
    public const int SpeakerTextMaxLength = 120;
    public const int MaxSpeakers = 10;
    public const int MaxCapacity = 1000;
    public const int MaxEveryWeeks = 26;
    public const int MaxMeetings = 26;

    /// <summary>Without an end time, a meet-up lasts this long.</summary>
    public static readonly TimeSpan DefaultLength = TimeSpan.FromHours(2);

    public static (ValidMeetup? Meetup, FieldErrors Errors) Validate(MeetupRequest request, Standard standard, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var title = errors.RequiredText("title", request.Title, "Title", TitleMaxLength, "Enter the meet-up's title");
        var points = (request.Points ?? []).Distinct().Order().ToList();
        if (points.Count == 0)
        {
            errors.Add("points", "Choose the point or points of the Standard the meet-up covers");
        }
        else if (points.Any(p => standard.Point(p) is null))
        {
            errors.Add("points", $"Points must be numbers of the Standard's points, from 1 to {standard.Points.Count}");
        }

        if (request.StartsAt is not { } startsAt)
        {
            errors.Add("startsAt", "Enter when the meet-up starts");
        }
        else if (startsAt <= now)
        {
            errors.Add("startsAt", "The meet-up must start in the future");
        }

        var endsAt = request.EndsAt ?? request.StartsAt?.Add(DefaultLength);
        if (request.EndsAt is { } end && request.StartsAt is { } start && (end <= start || end - start > TimeSpan.FromHours(12)))
        {
            errors.Add("endsAt", "The meet-up must end after it starts, on the same day");
        }

        var venue = errors.OptionalText("venue", request.Venue, "Venue", VenueMaxLength) ?? "";
        var address = errors.OptionalMultilineText("address", request.Address, "Address", AddressMaxLength) ?? "";
        var link = errors.OptionalText("onlineLink", request.OnlineLink, "Online link", LinkMaxLength) ?? "";
        if (link.Length > 0 && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0))
        {
            errors.Add("onlineLink", "Enter the online link as a full web address starting https://");
        }

        if (venue.Length == 0 && link.Length == 0 && !errors.Has("venue") && !errors.Has("onlineLink"))
        {
            errors.Add("venue", "Enter the venue, or an online link, or both");
        }
        else if (venue.Length > 0 && address.Length == 0 && !errors.Has("address"))
        {
            errors.Add("address", "Enter the venue's address");
        }

        if (request.Capacity is not { } capacity)
        {
            errors.Add("capacity", "Enter the number of places");
        }
        else if (capacity is < 1 or > MaxCapacity)
        {
            errors.Add("capacity", $"The number of places must be between 1 and {MaxCapacity}");
        }

        var speakers = Speakers(request.Speakers ?? [], errors);
        var agenda = errors.OptionalMultilineText("agenda", request.Agenda, "Agenda", AgendaMaxLength) ?? "";
        var everyWeeks = request.EveryWeeks ?? 1;
        var meetings = request.Meetings ?? 1;
        if (everyWeeks is < 1 or > MaxEveryWeeks)
        {
            errors.Add("everyWeeks", $"Meetings must be from 1 to {MaxEveryWeeks} weeks apart");
        }

        if (meetings is < 1 or > MaxMeetings)
        {
            errors.Add("meetings", $"A series has from 1 to {MaxMeetings} meetings");
        }

        return errors.IsValid
            ? (new ValidMeetup(title!, points, request.StartsAt!.Value.ToUniversalTime(), endsAt!.Value.ToUniversalTime(), venue, address, link,
                request.Capacity!.Value, speakers, agenda, everyWeeks, meetings, request.OpenForRegistration == true), errors)
            : (null, errors);
    }

    private static List<Speaker> Speakers(IReadOnlyList<SpeakerRequest> requests, FieldErrors errors)
    {
        if (requests.Count > MaxSpeakers)
        {
            errors.Add("speakers", $"A meet-up has at most {MaxSpeakers} speakers");
            return [];
        }

        var speakers = new List<Speaker>();
        for (var i = 0; i < requests.Count; i++)
        {
            var field = $"speakers[{i}]";
            var name = errors.RequiredText($"{field}.name", requests[i]?.Name, "Speaker's name", SpeakerTextMaxLength, "Enter the speaker's name");
            var organisation = errors.RequiredText($"{field}.organisation", requests[i]?.Organisation, "Speaker's organisation", SpeakerTextMaxLength, "Enter the speaker's organisation");
            var talk = errors.RequiredText($"{field}.talkTitle", requests[i]?.TalkTitle, "Talk title", SpeakerTextMaxLength, "Enter the title of the speaker's talk");
            if (name is not null && organisation is not null && talk is not null)
            {
                speakers.Add(new Speaker(name, organisation, talk));
            }
        }

        return speakers;
    }
}
