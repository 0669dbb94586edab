using System.Security.Cryptography;
using System.Text;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// The RFC 5322 Message-ID of one ledger row. Our message ids are only unique within a mail stream (an invitation and its
/// reminders share the invitation's id; a lead's workbook id is the same each month), so the header is made from the
/// stream and the id together: unique per message, and the same when a failed message is sent again.
/// </summary>
public static class MessageIdHeader
{
    public const string Name = "Message-ID";

    public static string For(string partition, string messageId, string fromEmail)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition + "\n" + messageId)))[..32];
        var domain = fromEmail[(fromEmail.LastIndexOf('@') + 1)..];
        return $"<{hash}@{domain}>";
    }

    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> headers, string partition, string messageId, string fromEmail) =>
        new(headers, StringComparer.Ordinal) { [Name] = For(partition, messageId, fromEmail) };
}
