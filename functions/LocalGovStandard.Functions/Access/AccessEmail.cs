using System.Text.Encodings.Web;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Access;

public static class AccessEmail
{
    public static EmailMessage Build(ContactEntity contact, Uri link, DateTimeOffset expiresAt, DateTimeOffset issuedAt)
    {
        var expires = EmailDates.Format(expiresAt);
        var subject = $"Sign in to record {contact.CouncilName}'s service assessments";
        var text = $"""
            Dear {contact.ContactName},

            Use this link to sign in and work on {contact.CouncilName}'s service assessments against the Standard:
            {link}

            The link works once and expires at {expires}. If it has expired, ask for a new one.

            If you did not ask to sign in, ignore this email. Nobody can sign in without the link.

            LocalGov Digital
            """;
        var html = HtmlEncoder.Default;
        var body = $"""
            <p>Dear {html.Encode(contact.ContactName)},</p>
            <p><a href="{html.Encode(link.AbsoluteUri)}">Sign in to work on {html.Encode(contact.CouncilName)}'s service assessments</a></p>
            <p>The link works once and expires at {html.Encode(expires)}. If it has expired, ask for a new one.</p>
            <p>If you did not ask to sign in, ignore this email. Nobody can sign in without the link.</p>
            <p>LocalGov Digital</p>
            """;
        var messageId = $"access-{contact.RowKey.Replace('|', '-')}-{issuedAt.UtcTicks}";
        return new EmailMessage(messageId, "access", new EmailAddress(contact.ContactEmail, contact.ContactName), subject, text, body);
    }
}
