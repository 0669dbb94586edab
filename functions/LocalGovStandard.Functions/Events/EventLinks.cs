using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Events;

/// <summary>The signed links in summit mail: RSVP (expires when the summit ends) and unsubscribe.</summary>
public sealed class EventLinks(SignedTokens tokens, SuppressionList suppressions, IOptionsMonitor<ServiceOptions> options)
{
    public const string RsvpPurpose = "summit-rsvp";

    public const string RegistrationPurpose = "event-registration";

    public sealed record RsvpPayload(string SummitId, string InvitationId, DateTimeOffset ExpiresAt);

    public sealed record RegistrationPayload(string EventId, string ContactKey, DateTimeOffset ExpiresAt);

    public Uri Rsvp(EventEntity summit, InvitationEntity invitation) =>
        options.CurrentValue.Link("events/rsvp?token=" + RsvpToken(summit, invitation));

    public Uri Unsubscribe(EventEntity summit, InvitationEntity invitation) =>
        options.CurrentValue.Link("events/unsubscribe?token=" + suppressions.Token(invitation.ContactKey, summit.SummitId));

    /// <summary>The link in a registration's email (see <see cref="PublicEventPages"/>): it names the registration, never the person.</summary>
    public Uri Registration(EventEntity meetup, RegistrationEntity registration, DateTimeOffset expiresAt) =>
        options.CurrentValue.Link(PublicEventPages.ConfirmPath.TrimStart('/') + "?token="
            + tokens.Sign(RegistrationPurpose, new RegistrationPayload(meetup.SummitId, registration.ContactKey, expiresAt)));

    public RegistrationPayload? ReadRegistration(string? token) =>
        tokens.Verify<RegistrationPayload>(RegistrationPurpose, token) is { } payload && payload.EventId.Length > 0 && payload.ContactKey.Length > 0 ? payload : null;

    /// <summary>The RSVP token alone, for the page that shows a registrant their place and where to change it.</summary>
    public string RsvpToken(EventEntity summit, InvitationEntity invitation) =>
        tokens.Sign(RsvpPurpose, new RsvpPayload(summit.SummitId, invitation.InvitationId, summit.EndsAt));
    /// <summary>The public page of the pack the event uses; null when it uses none.</summary>
    public Uri? Material(EventEntity e) => string.IsNullOrEmpty(e.PackPath) ? null : options.CurrentValue.Link(e.PackPath);

    public RsvpPayload? ReadRsvp(string? token) =>
        tokens.Verify<RsvpPayload>(RsvpPurpose, token) is { } payload && payload.SummitId.Length > 0 && payload.InvitationId.Length > 0 ? payload : null;

    /// <summary>RFC 2369 and RFC 8058 one-click unsubscribe headers.</summary>
    public static Dictionary<string, string> UnsubscribeHeaders(Uri unsubscribe) => new(StringComparer.Ordinal)
    {
        ["List-Unsubscribe"] = $"<{unsubscribe.AbsoluteUri}>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };
}
