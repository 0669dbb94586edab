using System.Text.Encodings.Web;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Signups;

/// <summary>The emails of the approval journey: the request to a council's contact, and the answers to the person waiting.</summary>
public static class ApprovalEmails
{
    public const string LedgerPartition = "approval";

    public static EmailMessage Request(ContactEntity approver, ContactEntity waiting, Uri link, DateTimeOffset expiresAt, DateTimeOffset now) =>
        Build($"approval-request-{waiting.RowKey.Replace('|', '-')}-{approver.ContactKey}-{now.UtcTicks}", approver,
            $"Does {waiting.ContactName} work for {waiting.CouncilName}?",
            [
                $"{waiting.ContactName} ({waiting.JobTitle}, {waiting.ContactEmail}) has signed up to act for {waiting.CouncilName} on the Local Government Digital Service Standard.",
                $"Their address is not on one of {waiting.CouncilName}'s email domains, so someone who already acts for the council must say whether they work for it.",
                "Until then they cannot sign in, and they are not counted or invited anywhere.",
            ],
            ("Approve or decline this person", link),
            [
                $"The link works until {EmailDates.Format(expiresAt)}. If you do not know this person, decline: an organiser can still approve them later.",
                "You get this email because you act for the council on the Standard.",
            ]);

    public static EmailMessage Waiting(ContactEntity contact, DateTimeOffset now) =>
        Build($"approval-waiting-{contact.RowKey.Replace('|', '-')}-{now.UtcTicks}", contact,
            $"We need to check that you work for {contact.CouncilName}",
            [
                "Thank you for confirming your email address.",
                $"Your address is not on one of {contact.CouncilName}'s email domains that we know, so someone must approve you before you can act for the council: one of its existing contacts, or an organiser at LocalGov Digital.",
                "Until then you cannot sign in to record assessments, and you are not counted or invited anywhere.",
                $"We will email you when you are approved. Your reference is {contact.Reference}.",
            ],
            null, []);

    public static EmailMessage Approved(ContactEntity contact, Uri signInLink, DateTimeOffset now) =>
        Build($"approval-approved-{contact.RowKey.Replace('|', '-')}-{now.UtcTicks}", contact,
            $"You can now act for {contact.CouncilName} on the Standard",
            [
                $"You have been approved to act for {contact.CouncilName} on the Local Government Digital Service Standard.",
                "You can now sign in to record the council's service assessments.",
            ],
            ("Sign in", signInLink),
            [$"Your reference is {contact.Reference}."]);

    public static EmailMessage Declined(ContactEntity contact, TimeSpan retention, DateTimeOffset now) =>
        Build($"approval-declined-{contact.RowKey.Replace('|', '-')}-{now.UtcTicks}", contact,
            $"You cannot act for {contact.CouncilName} on the Standard",
            [
                $"Your request to act for {contact.CouncilName} on the Local Government Digital Service Standard was declined, or your approval was withdrawn.",
                "You cannot sign in to record the council's assessments, and any session you had has ended.",
                $"If you think this is a mistake, ask your council's digital lead or LocalGov Digital. We delete your details after {Platform.Durations.Describe(retention)}.",
            ],
            null, []);

    public static EmailMessage AlreadySignedUp(ContactEntity contact, Uri signInLink, DateTimeOffset now) =>
        Build($"already-signed-up-{contact.RowKey.Replace('|', '-')}-{now.UtcTicks}", contact,
            "You are already signed up to the Local Government Digital Service Standard",
            [
                "Someone, probably you, asked to sign up with this email address again.",
                contact.Status switch
                {
                    ContactEntity.Verified => $"Your address is already confirmed and you act for {contact.CouncilName}. You do not need to sign up again.",
                    ContactEntity.AwaitingApproval => $"Your address is already confirmed. You are waiting for approval to act for {contact.CouncilName}: we will email you when you are approved.",
                    _ => $"Your request to act for {contact.CouncilName} was declined. Ask your council's digital lead or LocalGov Digital if you think this is a mistake.",
                },
                $"Your reference is {contact.Reference}.",
            ],
            contact.Status == ContactEntity.Verified ? ("Sign in to record assessments", signInLink) : null,
            ["If you did not ask for this, you can ignore this email."]);

    private static EmailMessage Build(
        string messageId, ContactEntity to, string subject, IReadOnlyList<string> before, (string Text, Uri Url)? link, IReadOnlyList<string> after)
    {
        var html = HtmlEncoder.Default;
        var linkText = link is { } l ? $"{l.Text}:\n{l.Url}\n\n" : "";
        var text = $"Dear {to.ContactName},\n\n" + string.Concat(before.Select(p => p + "\n\n")) + linkText +
                   string.Concat(after.Select(p => p + "\n\n")) + "LocalGov Digital\n";
        var linkHtml = link is { } h ? $"<p><a href=\"{html.Encode(h.Url.AbsoluteUri)}\">{html.Encode(h.Text)}</a></p>" : "";
        var body = $"<p>Dear {html.Encode(to.ContactName)},</p>" + string.Concat(before.Select(p => $"<p>{html.Encode(p)}</p>")) + linkHtml +
                   string.Concat(after.Select(p => $"<p>{html.Encode(p)}</p>")) + "<p>LocalGov Digital</p>";
        return new EmailMessage(messageId, "approval", new EmailAddress(to.ContactEmail, to.ContactName), subject, text, body);
    }
}
