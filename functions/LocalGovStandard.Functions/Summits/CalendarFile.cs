using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace LocalGovStandard.Summits;

/// <summary>
/// An RFC 5545 iCalendar file for a summit: one VEVENT with times in UTC. Ical.Net escapes the text,
/// ends lines with CRLF and folds them at 75 octets.
/// </summary>
public static class CalendarFile
{
    public static byte[] Build(SummitEntity summit, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//LocalGov Digital//Service Standard summits//EN", Method = "PUBLISH" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{summit.SummitId}@standard.localgov.digital",
            DtStamp = Utc(now),
            DtStart = Utc(summit.StartsAt),
            DtEnd = Utc(summit.EndsAt),
            Summary = summit.Name,
            Location = summit.Venue + ", " + summit.Address.ReplaceLineEndings(", "),
            Description = summit.Description,
            Status = EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        });

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    private static CalDateTime Utc(DateTimeOffset value) => new(value.UtcDateTime, CalDateTime.UtcTzId);
}
