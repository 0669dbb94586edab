using System.Text.Encodings.Web;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Signups;

public static class VerificationEmail
{
    public const string LedgerPartition = "verification";

    /// <summary>One message per link: the contact's row and the link's expiry.</summary>
    public static string MessageId(ContactEntity contact, DateTimeOffset expiresAt) => $"verify-{contact.RowKey.Replace('|', '-')}-{expiresAt.UtcTicks}";

    public static EmailMessage Build(ContactEntity contact, Uri link, DateTimeOffset expiresAt, TimeSpan unverifiedRetention)
    {
        var expires = EmailDates.Format(expiresAt);
        var retention = Durations.Describe(unverifiedRetention);
        var subject = "Confirm your email address to sign up to the Local Government Digital Service Standard";
        var text = $"""
            Dear {contact.ContactName},

            You asked to sign {contact.CouncilName} up to the Local Government Digital Service Standard.

            Confirm your email address by opening this link:
            {link}

            The link works once and expires at {expires}.

            Your reference is {contact.Reference}.

            If you did not ask for this, ignore this email and nothing will happen. We delete unconfirmed sign-ups after {retention}.

            LocalGov Digital
            """;

        var html = HtmlEncoder.Default;
        var body = $"""
            <p>Dear {html.Encode(contact.ContactName)},</p>
            <p>You asked to sign {html.Encode(contact.CouncilName)} up to the Local Government Digital Service Standard.</p>
            <p><a href="{html.Encode(link.AbsoluteUri)}">Confirm your email address</a></p>
            <p>The link works once and expires at {html.Encode(expires)}.</p>
            <p>Your reference is <strong>{html.Encode(contact.Reference)}</strong>.</p>
            <p>If you did not ask for this, ignore this email and nothing will happen. We delete unconfirmed sign-ups after {retention}.</p>
            <p>LocalGov Digital</p>
            """;

        return new EmailMessage(MessageId(contact, expiresAt), "verification", new EmailAddress(contact.ContactEmail, contact.ContactName), subject, text, body);
    }
}
