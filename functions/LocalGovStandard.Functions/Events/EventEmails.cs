using System.Globalization;
using System.Text.Encodings.Web;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Events;

/// <summary>
/// Summit mail. Invitations and reminders are batch templates with per-recipient tags (-name-,
/// -council-, -rsvp_link-, -unsubscribe_link-; the _html variants are HTML-encoded). What organisers
/// typed (the summit's name, venue, address and description) is never part of a template: it goes
/// in as values of its own tags, like the recipient's name, so it cannot form a tag that picks up a
/// recipient's secret link or unescaped text. Answers to an RSVP are single messages.
/// </summary>
public static class EventEmails
{
    public const string InvitationCategory = "summit-invitation";
    public const string ReminderCategory = "summit-reminder";
    public const string AnswerCategory = "summit-answer";
    public const string MovedCategory = "event-moved";
    public const string CancelledCategory = "event-cancelled";

    public static EmailBatch Invitation(EventEntity summit, IReadOnlyList<BatchRecipient> recipients) =>
        Batch(InvitationCategory, $"Invitation: {EmailBatch.TextTag("summit")}", recipients,
            summit.KindOrSummit == EventKinds.Meetup
                ? "You are invited to {0}, a meet-up of your council's peer group on points of the Local Government Digital Service Standard."
                : "You are invited to {0}, for early adopters of the Local Government Digital Service Standard.",
            "Tell us whether you can come by {1}.");

    public static EmailBatch Reminder(EventEntity summit, IReadOnlyList<BatchRecipient> recipients) =>
        Batch(ReminderCategory, $"Reminder: will you come to {EmailBatch.TextTag("summit")}?", recipients,
            "We have not yet heard whether you can come to {0}.",
            "Please answer by {1}. It takes a minute.");

    public static Dictionary<string, string> Values(EventEntity summit, InvitationEntity invitation, Uri rsvp, Uri unsubscribe, Uri? material = null) => new(StringComparer.Ordinal)
    {
        ["name"] = invitation.ContactName,
        ["council"] = invitation.CouncilName,
        ["rsvp_link"] = rsvp.AbsoluteUri,
        ["unsubscribe_link"] = unsubscribe.AbsoluteUri,
        ["summit"] = summit.Name,
        ["when"] = EmailDates.Span(summit.StartsAt, summit.EndsAt),
        ["rsvp_by"] = EmailDates.Format(summit.RsvpBy),
        ["where"] = Where(summit),
        ["description"] = About(summit, material),
    };

    /// <summary>The venue and its address, the online link, or both.</summary>
    public static string Where(EventEntity e, bool withOnlineLink = true)
    {
        var place = e.Venue.Length == 0 ? "" : $"{e.Venue}, {e.Address.ReplaceLineEndings(", ")}";
        var online = withOnlineLink ? e.OnlineLink : "a link sent to those with a place";
        return string.IsNullOrEmpty(e.OnlineLink) ? place : place.Length == 0 ? $"Online: {online}" : $"{place}; or online: {online}";
    }

    /// <summary>A summit's description; a meet-up's points, speakers and agenda.</summary>
    public static string About(EventEntity e, Uri? material = null)
    {
        if (e.KindOrSummit != EventKinds.Meetup)
        {
            return e.Description;
        }

        var lines = new List<string> { $"Points of the Standard: {e.Points?.Replace(",", ", ", StringComparison.Ordinal)}" };
        lines.AddRange(MeetupView.SpeakersOf(e).Select(s => $"{s.Name} ({s.Organisation}): {s.TalkTitle}"));
        if (!string.IsNullOrEmpty(e.Agenda))
        {
            lines.Add("Agenda:");
            lines.Add(e.Agenda);
        }

        if (material is not null)
        {
            lines.Add($"The session uses the content pack \"{e.PackTitle}\": {material.AbsoluteUri}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Only fixed text and tags: every value, the organiser's text included, arrives by substitution.</summary>
    private static EmailBatch Batch(string category, string subject, IReadOnlyList<BatchRecipient> recipients, string opening, string ask)
    {
        string Text(string format) => string.Format(CultureInfo.InvariantCulture, format, EmailBatch.TextTag("summit"), EmailBatch.TextTag("rsvp_by"));
        string Html(string format) => string.Format(CultureInfo.InvariantCulture, format, EmailBatch.HtmlTag("summit"), EmailBatch.HtmlTag("rsvp_by"));
        var text = $"""
            Dear -name-,

            {Text(opening)}

            When: -when-
            Where: -where-

            -description-

            You were chosen as a contact for -council-. {Text(ask)}
            Accept or decline here (places are limited; if the summit is full you will join the waiting list):
            -rsvp_link-

            LocalGov Digital

            To stop getting emails about Standard Summits, unsubscribe: -unsubscribe_link-
            """;
        var body = $"""
            <p>Dear -name_html-,</p>
            <p>{Html(opening)}</p>
            <p><strong>When:</strong> -when_html-<br><strong>Where:</strong> -where_html-</p>
            <p style="white-space: pre-line">-description_html-</p>
            <p>You were chosen as a contact for -council_html-. {Html(ask)}</p>
            <p><a href="-rsvp_link_html-">Accept or decline</a>. Places are limited; if the summit is full you will join the waiting list.</p>
            <p>LocalGov Digital</p>
            <p><a href="-unsubscribe_link_html-">Unsubscribe from emails about Standard Summits</a></p>
            """;
        return new EmailBatch(category, subject, text, body, recipients);
    }

    public enum AnswerKind
    {
        Accepted,
        Waitlisted,
        PromotedFromWaitlist,
    }

    public static EmailMessage Answer(AnswerKind kind, EventEntity summit, InvitationEntity invitation, int? waitingPlace, Uri rsvp, Uri unsubscribe, DateTimeOffset now)
    {
        var html = HtmlEncoder.Default;
        var when = EmailDates.Span(summit.StartsAt, summit.EndsAt);
        var (subject, lead) = kind switch
        {
            AnswerKind.Accepted => ($"You are coming to {summit.Name}", $"Thank you: your place at {summit.Name} is confirmed."),
            AnswerKind.PromotedFromWaitlist => ($"A place is now yours at {summit.Name}",
                $"A place has become free at {summit.Name} and it is now yours: you are off the waiting list and your place is confirmed."),
            _ => ($"You are on the waiting list for {summit.Name}",
                $"{summit.Name} is full, so you are on the waiting list (number {waitingPlace} in the queue). If a place becomes free, it goes to the first person on the list and we will email you."),
        };
        var calendar = kind == AnswerKind.Waitlisted ? "" : "The calendar file attached adds it to your calendar.";
        // The online link is for people with a place: someone waiting hears it when a place becomes theirs.
        var where = kind == AnswerKind.Waitlisted ? Where(summit, withOnlineLink: false) : Where(summit);
        var text = $"""
            Dear {invitation.ContactName},

            {lead}

            When: {when}
            Where: {where}
            {calendar}

            You can change your answer until {EmailDates.Format(summit.RsvpBy)}:
            {rsvp.AbsoluteUri}

            LocalGov Digital

            To stop getting emails about Standard Summits, unsubscribe: {unsubscribe.AbsoluteUri}
            """;
        var body = $"""
            <p>Dear {html.Encode(invitation.ContactName)},</p>
            <p>{html.Encode(lead)}</p>
            <p><strong>When:</strong> {html.Encode(when)}<br><strong>Where:</strong> {html.Encode(where)}</p>
            <p>{html.Encode(calendar)}</p>
            <p><a href="{html.Encode(rsvp.AbsoluteUri)}">Change your answer</a> until {html.Encode(EmailDates.Format(summit.RsvpBy))}.</p>
            <p>LocalGov Digital</p>
            <p><a href="{html.Encode(unsubscribe.AbsoluteUri)}">Unsubscribe from emails about Standard Summits</a></p>
            """;
        var messageId = kind == AnswerKind.Waitlisted
            ? $"{invitation.InvitationId}-waitlisted-{invitation.WaitlistPosition}"
            : $"{invitation.InvitationId}-accepted-{invitation.AcceptanceCount}";
        return new EmailMessage(messageId, AnswerCategory, new EmailAddress(invitation.ContactEmail, invitation.ContactName), subject, text, body)
        {
            Headers = EventLinks.UnsubscribeHeaders(unsubscribe),
            Attachments = kind == AnswerKind.Waitlisted
                ? []
                : [new EmailAttachment(CalendarName(summit), CalendarFile.ContentType(summit), CalendarFile.Build(summit, now))],
        };
    }

    private static string CalendarName(EventEntity e) => e.KindOrSummit == EventKinds.Meetup ? "meetup.ics" : "summit.ics";

    public enum NoticeKind
    {
        Moved,
        Cancelled,
    }

    /// <summary>To someone with a place: the event moved (with its new calendar file) or was cancelled (with a file that removes it).</summary>
    public static EmailMessage Notice(NoticeKind kind, EventEntity e, InvitationEntity invitation, Uri rsvp, Uri unsubscribe, DateTimeOffset now)
    {
        var html = HtmlEncoder.Default;
        var when = EmailDates.Span(e.StartsAt, e.EndsAt);
        var (subject, lead, next) = kind == NoticeKind.Cancelled
            ? ($"Cancelled: {e.Name}", $"{e.Name} on {when} is cancelled{(string.IsNullOrEmpty(e.CancelReason) ? "" : $": {e.CancelReason}")}. We are sorry.",
                "The calendar file attached removes it from your calendar.")
            : ($"New date: {e.Name}", $"{e.Name} has moved. It is now on {when}, and your place is kept. Check where it is below.",
                $"The calendar file attached updates your calendar. If you can no longer come, tell us: {rsvp.AbsoluteUri}");
        var text = $"""
            Dear {invitation.ContactName},

            {lead}

            Where: {Where(e)}
            {next}

            LocalGov Digital

            To stop getting emails about Standard Summits, unsubscribe: {unsubscribe.AbsoluteUri}
            """;
        var body = $"""
            <p>Dear {html.Encode(invitation.ContactName)},</p>
            <p>{html.Encode(lead)}</p>
            <p><strong>Where:</strong> {html.Encode(Where(e))}</p>
            <p>{html.Encode(next)}</p>
            <p>LocalGov Digital</p>
            <p><a href="{html.Encode(unsubscribe.AbsoluteUri)}">Unsubscribe from emails about Standard Summits</a></p>
            """;
        return new EmailMessage(invitation.InvitationId, kind == NoticeKind.Cancelled ? CancelledCategory : MovedCategory,
            new EmailAddress(invitation.ContactEmail, invitation.ContactName), subject, text, body)
        {
            Headers = EventLinks.UnsubscribeHeaders(unsubscribe),
            Attachments = [new EmailAttachment(CalendarName(e), CalendarFile.ContentType(e), CalendarFile.Build(e, now))],
        };
    }

    /// <summary>After the event, to someone who came: the lead's message, and the pack's page when the event used one.</summary>
    public static EmailMessage FollowUp(EventEntity e, InvitationEntity invitation, string message, Uri? material, Uri unsubscribe)
    {
        var html = HtmlEncoder.Default;
        var pack = material is null ? "" : $"The material from the session, the content pack \"{e.PackTitle}\", is here: {material.AbsoluteUri}";
        var text = $"""
            Dear {invitation.ContactName},

            Thank you for coming to {e.Name} on {EmailDates.Span(e.StartsAt, e.EndsAt)}.

            {message}

            {pack}

            LocalGov Digital

            To stop getting emails about Standard Summits and meet-ups, unsubscribe: {unsubscribe.AbsoluteUri}
            """;
        var packHtml = material is null ? "" : $"""<p>The material from the session: <a href="{html.Encode(material.AbsoluteUri)}">{html.Encode(e.PackTitle ?? "")}</a>.</p>""";
        var body = $"""
            <p>Dear {html.Encode(invitation.ContactName)},</p>
            <p>Thank you for coming to {html.Encode(e.Name)} on {html.Encode(EmailDates.Span(e.StartsAt, e.EndsAt))}.</p>
            <p style="white-space: pre-line">{html.Encode(message)}</p>
            {packHtml}
            <p>LocalGov Digital</p>
            <p><a href="{html.Encode(unsubscribe.AbsoluteUri)}">Unsubscribe from emails about Standard Summits and meet-ups</a></p>
            """;
        return new EmailMessage(invitation.InvitationId, FollowUpSender.Category, new EmailAddress(invitation.ContactEmail, invitation.ContactName),
            $"Thank you for coming to {e.Name}", text, body)
        {
            Headers = EventLinks.UnsubscribeHeaders(unsubscribe),
        };
    }
}
