using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace LocalGovStandard.Events;

/// <summary>
/// An RFC 5545 iCalendar file for an event: one VEVENT with times in UTC. Ical.Net escapes the text,
/// ends lines with CRLF and folds them at 75 octets. The UID never changes and SEQUENCE rises with each move or
/// cancellation, so a calendar replaces its copy; a cancelled event's file says CANCEL.
/// </summary>
public static class CalendarFile
{
    public static byte[] Build(EventEntity summit, DateTimeOffset now)
    {
        var cancelled = summit.CancelledAt is not null;
        var calendar = new Calendar { ProductId = "-//LocalGov Digital//Service Standard summits//EN", Method = cancelled ? "CANCEL" : "PUBLISH" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{summit.SummitId}@standard.localgov.digital",
            DtStamp = Utc(now),
            DtStart = Utc(summit.StartsAt),
            DtEnd = Utc(summit.EndsAt),
            Summary = summit.Name,
            Sequence = summit.Sequence,
            Location = EventEmails.Where(summit),
            Description = EventEmails.About(summit),
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        });

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    public static string ContentType(EventEntity e) => $"text/calendar; charset=utf-8; method={(e.CancelledAt is null ? "PUBLISH" : "CANCEL")}";

    private static CalDateTime Utc(DateTimeOffset value) => new(value.UtcDateTime, CalDateTime.UtcTzId);
}
