using System.Text.Encodings.Web;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Events;

/// <summary>The one email a registration sends: the link that proves the address and asks for the place.</summary>
public static class RegistrationEmail
{
    public const string Category = "event-registration";

    /// <summary>One message id per address per event, so the mail ledger sends it once however often the form is posted.</summary>
    public static string MessageId(string eventId, string contactKey) => $"registration-{eventId}-{contactKey}";

    public static EmailMessage Build(EventEntity meetup, RegistrationEntity registration, Uri link, DateTimeOffset expiresAt)
    {
        var when = EmailDates.Span(meetup.StartsAt, meetup.EndsAt);
        var expires = EmailDates.Format(expiresAt);
        var subject = $"Confirm your place: {meetup.Name}";
        var text = $"""
            Dear {registration.Name},

            You asked for a place at {meetup.Name} ({when}), a peer-group meet-up on the Local Government Digital Service Standard.

            To confirm your email address and ask for your place, open this link and press the button:
            {link.AbsoluteUri}

            The link works once and expires at {expires}. If the meet-up is full, you will join the waiting list.

            If you did not ask for a place, ignore this email: nothing happens without the link.

            LocalGov Digital
            """;
        var html = HtmlEncoder.Default;
        var body = $"""
            <p>Dear {html.Encode(registration.Name)},</p>
            <p>You asked for a place at {html.Encode(meetup.Name)} ({html.Encode(when)}), a peer-group meet-up on the Local Government Digital Service Standard.</p>
            <p><a href="{html.Encode(link.AbsoluteUri)}">Confirm your email address and ask for your place</a></p>
            <p>The link works once and expires at {html.Encode(expires)}. If the meet-up is full, you will join the waiting list.</p>
            <p>If you did not ask for a place, ignore this email: nothing happens without the link.</p>
            <p>LocalGov Digital</p>
            """;
        return new EmailMessage(MessageId(meetup.SummitId, registration.ContactKey), Category, new EmailAddress(registration.Email, registration.Name), subject, text, body);
    }
}
