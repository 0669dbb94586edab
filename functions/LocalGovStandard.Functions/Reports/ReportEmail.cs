using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>The monthly email to one lead: the headline figures as text, and the workbook attached or linked.</summary>
public static class ReportEmail
{
    public const string Category = "report";

    /// <summary>The mail-ledger stream for a month: one row per (peer group, lead, generation).</summary>
    public static string LedgerPartition(ReportMonth month) => $"report-{month}";

    /// <summary>
    /// Our message id: the group and a pseudonymous key of the lead's address (the ledger holds no
    /// addresses). Generation 0 is the monthly send; each resend gets its own suffix.
    /// </summary>
    public static string MessageId(string peerGroup, PeerGroupLead lead, int generation) =>
        generation == 0 ? $"{peerGroup}-{LeadKey(lead)}" : $"{peerGroup}-{LeadKey(lead)}-resend{generation}";

    public static string LeadKey(PeerGroupLead lead) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lead.Email.Trim().ToLowerInvariant())))[..16];

    public static string Subject(PeerGroup group, ReportMonth month) => $"{group.Name} peer group progress workbook: {month.DisplayName}";

    public static string FileName(string peerGroup, ReportMonth month) => $"localgov-standard-{peerGroup}-{month}.xlsx";

    /// <param name="downloadLink">Set when the workbook is too large to attach.</param>
    public static EmailMessage Build(
        PeerGroup group, ReportMonth month, PeerGroupLead lead, int generation, IReadOnlyList<Headline> headlines,
        byte[]? attachment, Uri? downloadLink, DateTimeOffset? linkExpiresAt)
    {
        var html = HtmlEncoder.Default;
        var intro = $"Here is the {group.Name} peer group's progress workbook for {month.DisplayName}: sign-ups, assessments, point-by-point results, open actions and trends, with a dashboard.";
        var dataTo = string.Create(CultureInfo.InvariantCulture, $"The figures count everything up to the end of {month.LastDay:d MMMM yyyy} (UTC). Changes are against {month.Previous.DisplayName}.");
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Dear {lead.Name},").AppendLine()
            .AppendLine(intro).AppendLine()
            .AppendLine(dataTo).AppendLine();
        var body = new StringBuilder()
            .Append("<p>Dear ").Append(html.Encode(lead.Name)).Append(",</p>")
            .Append("<p>").Append(html.Encode(intro)).Append("</p>")
            .Append("<p>").Append(html.Encode(dataTo)).Append("</p><ul>");

        foreach (var headline in headlines)
        {
            var line = Line(headline);
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
            body.Append("<li>").Append(html.Encode(line)).Append("</li>");
        }

        body.Append("</ul>");
        text.AppendLine();
        if (downloadLink is null)
        {
            text.AppendLine("The workbook is attached. It opens in Excel, and Power BI can load its tables.");
            body.Append("<p>The workbook is attached. It opens in Excel, and Power BI can load its tables.</p>");
        }
        else
        {
            var until = EmailDates.Format(linkExpiresAt!.Value);
            text.AppendLine(CultureInfo.InvariantCulture, $"The workbook is too large to attach. Download it here (the link works until {until}):")
                .AppendLine(downloadLink.AbsoluteUri);
            body.Append("<p>The workbook is too large to attach. <a href=\"").Append(html.Encode(downloadLink.AbsoluteUri)).Append("\">Download the workbook</a> (the link works until ")
                .Append(html.Encode(until)).Append(").</p>");
        }

        if (generation > 0)
        {
            text.AppendLine().AppendLine("An organiser sent this workbook again; it replaces the earlier copy.");
            body.Append("<p>An organiser sent this workbook again; it replaces the earlier copy.</p>");
        }

        text.AppendLine().Append("LocalGov Digital");
        body.Append("<p>LocalGov Digital</p>");

        var message = new EmailMessage(MessageId(group.Slug, lead, generation), Category, new EmailAddress(lead.Email, lead.Name), Subject(group, month), text.ToString(), body.ToString());
        return attachment is null
            ? message
            : message with { Attachments = [new EmailAttachment(FileName(group.Slug, month), ProgressWorkbook.ContentType, attachment)] };
    }

    /// <summary>A headline as the email lists it. A share of nothing rated is "no ratings", never 0.0%, and has no change.</summary>
    public static string Line(Headline headline) => (headline.Absent, headline.PreviousAbsent) switch
    {
        ({ } absent, _) => $"{headline.Label}: {absent}",
        (null, { } previousAbsent) => $"{headline.Label}: {Figure(headline)} ({previousAbsent} the month before)",
        _ => $"{headline.Label}: {Figure(headline)} ({Change(headline)})",
    };

    public static string Figure(Headline headline) => Format(headline.Kind, headline.Value);

    public static string Change(Headline headline)
    {
        var change = headline.Change;
        if (Math.Abs(change) < 1e-9)
        {
            return "no change";
        }

        var sign = change > 0 ? "+" : "-";
        return headline.Kind == FigureKind.Share
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(change) * 100:0.0} percentage points")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(change):#,##0}");
    }

    private static string Format(FigureKind kind, double value) => kind == FigureKind.Share
        ? string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.0}%")
        : string.Create(CultureInfo.InvariantCulture, $"{value:#,##0}");
}
