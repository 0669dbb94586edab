using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// The panel's emails. Each message id names the request, the seat (role and assessor), the date and the kind, so the
/// mail ledger sends each exactly once however often it is queued; a new date is a new invitation.
/// </summary>
public static class PanelEmails
{
    public const string LedgerPartition = "peer-assessment-panel";

    /// <summary>A person asked again after a decline or removal (a later round) gets a new invitation.</summary>
    public static string InvitationId(string reference, PanelMemberRecord member, string date) =>
        member.Round == 0 ? $"panel-invite-{reference}-{Seat(member)}-{date}" : string.Create(CultureInfo.InvariantCulture, $"panel-invite-{reference}-{Seat(member)}-{date}-{member.Round}");

    public static string ReminderId(string reference, PanelMemberRecord member, string date, int daysBefore) =>
        string.Create(CultureInfo.InvariantCulture, $"panel-reminder-{daysBefore}-{reference}-{Seat(member)}-{date}");

    public static string DeclinedId(string reference, PanelMemberRecord member, string date, string leadEmail) =>
        $"panel-declined-{reference}-{Seat(member)}-{date}-{Hash(leadEmail.Trim().ToLowerInvariant())}";

    public static EmailMessage Invitation(
        PeerAssessmentRequestEntity request, PanelMemberRecord member, string roleLabel, DateOnly date, EmailAddress to, Uri accept, Uri decline, byte[] calendar) =>
        Build(InvitationId(request.Reference, member, Iso(date)), "peer-assessment-panel-invitation", to,
            $"Will you sit on a peer-assessment panel on {PanelDates.Day(date)}?",
            [
                $"You are invited to be the {roleLabel.ToLowerInvariant()} on the peer-assessment panel for {request.ServiceName} at {request.CouncilName}, on {PanelDates.Day(date)}.",
                "Please accept or decline. If you decline, the peer group's leads will ask someone else.",
                $"Reference: {request.Reference}. The attached calendar file holds the date.",
            ],
            [("Accept", accept), ("Decline", decline)])
        with
        { Attachments = [new EmailAttachment("peer-assessment.ics", PanelCalendar.ContentType, calendar)] };

    public static EmailMessage Reminder(PeerAssessmentRequestEntity request, PanelMemberRecord member, string roleLabel, DateOnly date, int daysBefore, EmailAddress to, Uri signIn) =>
        Build(ReminderId(request.Reference, member, Iso(date), daysBefore), "peer-assessment-panel-reminder", to,
            daysBefore == 1 ? $"Tomorrow: peer assessment of {request.ServiceName}" : $"In a week: peer assessment of {request.ServiceName}",
            [
                $"A reminder that you are the {roleLabel.ToLowerInvariant()} on the peer-assessment panel for {request.ServiceName} at {request.CouncilName}, on {PanelDates.Day(date)}.",
                $"Reference: {request.Reference}.",
            ],
            [("Sign in to the LocalGov Standard service", signIn)]);

    public static EmailMessage Declined(PeerAssessmentRequestEntity request, PanelMemberRecord member, string roleLabel, DateOnly date, EmailAddress lead, Uri requestPage) =>
        Build(DeclinedId(request.Reference, member, Iso(date), lead.Email), "peer-assessment-panel-declined", lead,
            $"Choose a new {roleLabel.ToLowerInvariant()} for the peer assessment of {request.ServiceName}",
            [
                $"{Named(member)} declined to be the {roleLabel.ToLowerInvariant()} on the panel for {request.ServiceName} at {request.CouncilName} on {PanelDates.Day(date)}.",
                "The request's page shows the next proposal for that role. Choose a replacement there; they are invited as soon as you save.",
                $"Reference: {request.Reference}. You get this email because you lead the peer group.",
            ],
            [("Choose a replacement", requestPage)]);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Named(PanelMemberRecord member) => member.Name.Length == 0 ? "The assessor" : $"{member.Name} ({member.CouncilName})";

    private static string Seat(PanelMemberRecord member) => $"{member.RoleId}-{Hash(member.AssessorId)}";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..16];

    private static EmailMessage Build(string id, string category, EmailAddress to, string subject, IReadOnlyList<string> lines, IReadOnlyList<(string Label, Uri Link)> links)
    {
        var html = HtmlEncoder.Default;
        var greeting = string.IsNullOrEmpty(to.Name) ? "Hello" : $"Dear {to.Name}";
        var text = $"{greeting},\n\n" + string.Concat(lines.Select(l => l + "\n\n")) + string.Concat(links.Select(l => $"{l.Label}:\n{l.Link.AbsoluteUri}\n\n")) + "LocalGov Digital\n";
        var body = $"<p>{html.Encode(greeting)},</p>" + string.Concat(lines.Select(l => $"<p>{html.Encode(l)}</p>")) +
                   string.Concat(links.Select(l => $"<p><a href=\"{html.Encode(l.Link.AbsoluteUri)}\">{html.Encode(l.Label)}</a></p>")) + "<p>LocalGov Digital</p>";
        return new EmailMessage(id, category, to, subject, text, body);
    }
}
