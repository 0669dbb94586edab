using System.Globalization;
using System.Text;

namespace LocalGovStandard.Platform.Email;

/// <summary>Writes a message as RFC 5322 / MIME text that mail programs open (.eml).</summary>
public static class EmlWriter
{
    public static string Write(EmailMessage message, EmailAddress from, DateTimeOffset date)
    {
        var boundary = "alt-" + Guid.NewGuid().ToString("N");
        var mixed = "mix-" + Guid.NewGuid().ToString("N");
        var text = new StringBuilder();
        text.Append("From: ").Append(Address(from)).Append("\r\n");
        text.Append("To: ").Append(Address(message.To)).Append("\r\n");
        text.Append("Subject: ").Append(EncodeHeader(message.Subject)).Append("\r\n");
        text.Append("Date: ").Append(date.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        if (!message.Headers.Keys.Contains(MessageIdHeader.Name, StringComparer.OrdinalIgnoreCase))
        {
            text.Append("Message-ID: <").Append(message.MessageId).Append("@localgovstandard.local>\r\n");
        }

        text.Append("X-LocalGov-Message-Id: ").Append(message.MessageId).Append("\r\n");
        foreach (var (name, value) in message.Headers)
        {
            text.Append(name).Append(": ").Append(EncodeHeader(value)).Append("\r\n");
        }

        text.Append("MIME-Version: 1.0\r\n");
        text.Append("Content-Type: multipart/mixed; boundary=\"").Append(mixed).Append("\"\r\n\r\n");

        text.Append("--").Append(mixed).Append("\r\n");
        text.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        AppendPart(text, boundary, "text/plain", message.TextBody);
        AppendPart(text, boundary, "text/html", message.HtmlBody);
        text.Append("--").Append(boundary).Append("--\r\n");

        foreach (var attachment in message.Attachments)
        {
            text.Append("--").Append(mixed).Append("\r\n");
            text.Append("Content-Type: ").Append(attachment.ContentType).Append("; name=\"").Append(attachment.FileName).Append("\"\r\n");
            text.Append("Content-Disposition: attachment; filename=\"").Append(attachment.FileName).Append("\"\r\n");
            text.Append("Content-Transfer-Encoding: base64\r\n\r\n");
            text.Append(Convert.ToBase64String(attachment.Content, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        }

        text.Append("--").Append(mixed).Append("--\r\n");
        return text.ToString();
    }

    private static void AppendPart(StringBuilder text, string boundary, string contentType, string body)
    {
        text.Append("--").Append(boundary).Append("\r\n");
        text.Append("Content-Type: ").Append(contentType).Append("; charset=utf-8\r\n");
        text.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        text.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
    }

    /// <summary>A plain ASCII display name is quoted (so "Smith, Jo" stays one name); any other is RFC 2047 encoded.</summary>
    private static string Address(EmailAddress address) => address.Name switch
    {
        null or "" => address.Email,
        var name when name.All(c => c is >= ' ' and <= '~') =>
            $"\"{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\" <{address.Email}>",
        var name => $"{EncodeHeader(name)} <{address.Email}>",
    };

    /// <summary>RFC 2047 encoding; also stops CR/LF in a name or subject from adding headers.</summary>
    private static string EncodeHeader(string value) =>
        value.All(c => c is >= ' ' and <= '~')
            ? value
            : "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "?=";
}
