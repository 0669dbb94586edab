using System.Globalization;
using System.Text;

namespace LocalGovStandard.Summits;

/// <summary>
/// An RFC 5545 iCalendar file for a summit: one VEVENT with times in UTC, text values escaped,
/// CRLF line endings and lines folded at 75 octets (never inside a UTF-8 sequence).
/// </summary>
public static class CalendarFile
{
    public static byte[] Build(SummitEntity summit, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//LocalGov Digital//Service Standard summits//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:{summit.SummitId}@standard.localgov.digital",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(summit.StartsAt)}",
            $"DTEND:{Utc(summit.EndsAt)}",
            $"SUMMARY:{Escape(summit.Name)}",
            $"LOCATION:{Escape(summit.Venue + ", " + summit.Address.ReplaceLineEndings(", "))}",
            $"DESCRIPTION:{Escape(summit.Description)}",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        };

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(text, line);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .ReplaceLineEndings("\\n");

    /// <summary>Content lines of at most 75 octets; continuation lines start with one space (RFC 5545 3.1).</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        var enumerator = StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts towards the 75 octets
            }

            output.Append(element);
            octets += size;
        }

        output.Append("\r\n");
    }
}
