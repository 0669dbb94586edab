using System.Text.Encodings.Web;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Signups;

namespace LocalGovStandard.PeerGroupSetup;

/// <summary>The email that tells a council's contact their council is in a peer group. One per group, council and contact.</summary>
public static class PeerGroupAnnouncementEmail
{
    public const string Category = "peer-group-started";

    /// <summary>One mail stream per group, so a group's sends are one partition query.</summary>
    public static string LedgerPartition(string slug) => $"peer-group|{slug}";

    public static string MessageId(string gssCode, string contactKey) => $"{gssCode}-{contactKey}";

    public static EmailMessage For(PeerGroup group, ContactEntity to)
    {
        var facilitators = group.Leads.Count == 0
            ? "Its facilitators will be named soon."
            : $"Its facilitator{(group.Leads.Count == 1 ? " is" : "s are")} {string.Join(", ", group.Leads.Select(l => l.Name))}, who will be in touch about its first meet-up.";
        var paragraphs = new[]
        {
            $"{to.CouncilName} is in a new peer group of the Local Government Digital Service Standard: {group.Name}.",
            "A peer group's councils meet regularly to share how they meet the points of the Standard, and assess each other's services.",
            facilitators,
            "You get this email because you act for your council on the Standard and agreed to be contacted.",
        };
        var html = HtmlEncoder.Default;
        var text = $"Dear {to.ContactName},\n\n" + string.Concat(paragraphs.Select(p => p + "\n\n")) + "LocalGov Digital\n";
        var body = $"<p>Dear {html.Encode(to.ContactName)},</p>" + string.Concat(paragraphs.Select(p => $"<p>{html.Encode(p)}</p>")) + "<p>LocalGov Digital</p>";
        return new EmailMessage(
            MessageId(to.GssCode, to.ContactKey), Category, new EmailAddress(to.ContactEmail, to.ContactName),
            $"{to.CouncilName} is in the new {group.Name} peer group", text, body);
    }
}
