using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>The request, as each lead of the council's peer group gets it. One message id per request and lead, so the ledger sends it once.</summary>
public static class RequestEmail
{
    public const string LedgerPartition = "peer-assessment-request";

    public static string MessageId(string reference, PeerGroupLead lead) =>
        $"peer-request-{reference}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lead.Email.Trim().ToLowerInvariant())))[..16]}";

    public static EmailMessage Build(PeerAssessmentRequestEntity request, Standard standard, PeerGroup group, PeerGroupLead lead, Uri link)
    {
        var subject = $"{request.CouncilName} asks for a peer assessment of {request.ServiceName}";
        var lines = new List<string>
        {
            $"{request.CouncilName} has asked the {group.Name} peer group for a peer assessment of {request.ServiceName} ({AssessmentText.Phase(request.Phase)}) against the {standard.Name} ({standard.Version}).",
            $"Preferred dates: {string.Join(", ", request.Dates().Select(PanelDates.Day))}.",
            $"Reference: {request.Reference}.",
            "Sign in as yourself to see the request and, next, its proposed panel.",
        };
        var html = HtmlEncoder.Default;
        var text = $"Dear {lead.Name},\n\n" + string.Concat(lines.Select(l => l + "\n\n")) + $"See the request:\n{link.AbsoluteUri}\n\n" +
                   "You get this email because you lead the peer group.\n\nLocalGov Digital\n";
        var body = $"<p>Dear {html.Encode(lead.Name)},</p>" + string.Concat(lines.Select(l => $"<p>{html.Encode(l)}</p>")) +
                   $"<p><a href=\"{html.Encode(link.AbsoluteUri)}\">See the request</a></p><p>You get this email because you lead the peer group.</p><p>LocalGov Digital</p>";
        return new EmailMessage(MessageId(request.Reference, lead), "peer-assessment-request", new EmailAddress(lead.Email.Trim(), lead.Name), subject, text, body);
    }
}
