using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using LocalGovStandard.PeerAssessments.Requests;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// An all-day RFC 5545 event for the panel's date (the time of day is the panel's to agree). The UID is the request's
/// and the seat's, and SEQUENCE rises with time, so a moved date replaces the calendar's copy.
/// </summary>
public static class PanelCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";

    public static byte[] Build(PeerAssessmentRequestEntity request, PanelMemberRecord member, DateOnly date, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//LocalGov Digital//Service Standard peer assessments//EN", Method = "PUBLISH" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"{request.Reference}-{member.RoleId}-{member.AssessorId}@standard.localgov.digital",
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(date.Year, date.Month, date.Day),
            DtEnd = new CalDateTime(date.AddDays(1).Year, date.AddDays(1).Month, date.AddDays(1).Day),
            Sequence = (int)(now.ToUnixTimeSeconds() / 60),
            Summary = $"Peer assessment: {request.CouncilName}, {request.ServiceName}",
            Description = $"The peer-assessment panel for {request.ServiceName} ({request.CouncilName}), reference {request.Reference}.",
            Status = EventStatus.Confirmed,
            Transparency = TransparencyType.Opaque,
        });

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }
}
