using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// One recipient of a personalised batch: its own message id (sent in the personalization's
/// <c>custom_args.message_id</c>), address, substitution values and headers.
/// </summary>
/// <param name="Values">
/// Tag name (without dashes) to plain-text value. Each tag is substituted as <c>-tag-</c> in the
/// text body and subject, and as <c>-tag_html-</c> (HTML-encoded) in the HTML body.
/// </param>
public sealed record BatchRecipient(
    string MessageId,
    EmailAddress To,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Personalised mail to up to <see cref="MaxRecipients"/> people in one provider request
/// (SendGrid personalizations with substitutions). The templates use <c>-tag-</c> placeholders.
/// </summary>
public sealed record EmailBatch(
    string Category,
    string SubjectTemplate,
    string TextTemplate,
    string HtmlTemplate,
    IReadOnlyList<BatchRecipient> Recipients)
{
    /// <summary>SendGrid accepts at most 1,000 personalizations (recipients) per request.</summary>
    public const int MaxRecipients = 1000;

    public static string TextTag(string name) => $"-{name}-";

    public static string HtmlTag(string name) => $"-{name}_html-";

    /// <summary>The subject as HTML (for the document's title): encoded, with each tag in its HTML-encoded form.</summary>
    public string HtmlSubjectTemplate() =>
        Recipients.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal).Aggregate(
            HtmlEncoder.Default.Encode(SubjectTemplate),
            (html, name) => html.Replace(TextTag(name), HtmlTag(name), StringComparison.Ordinal));

    /// <summary>
    /// The substitutions for one recipient: each value once for text and once HTML-encoded for HTML. No
    /// value contains a tag (see <see cref="Inert"/>), so however the provider substitutes (in any order,
    /// or again in what it substituted) a value can only ever stand for itself.
    /// </summary>
    public static Dictionary<string, string> Substitutions(BatchRecipient recipient)
    {
        var tags = new Regex("-(?=(?:" + string.Join('|', recipient.Values.Keys.Select(Regex.Escape)) + ")(?:_html)?-)", RegexOptions.CultureInvariant);
        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in recipient.Values)
        {
            var inert = Inert(value, tags);
            substitutions[TextTag(name)] = inert;
            substitutions[HtmlTag(name)] = HtmlEncoder.Default.Encode(inert);
        }

        return substitutions;
    }

    /// <summary>
    /// A word joiner (U+2060, invisible) after the dash that would open a tag, so text that happens to
    /// read like a tag (a name typed as "-rsvp_link-") stays text.
    /// </summary>
    private static string Inert(string value, Regex tags) => tags.Replace(value, "-\u2060");

    /// <summary>The message one recipient gets, as SendGrid would build it (the local outbox writes this).</summary>
    public EmailMessage Render(BatchRecipient recipient)
    {
        var substitutions = Substitutions(recipient);
        return new EmailMessage(
            recipient.MessageId, Category, recipient.To,
            Apply(SubjectTemplate, substitutions), Apply(TextTemplate, substitutions), Apply(HtmlTemplate, substitutions))
        {
            Headers = recipient.Headers,
        };
    }

    /// <summary>One pass, longest tag first, so a value that happens to contain a tag is never substituted again.</summary>
    private static string Apply(string template, Dictionary<string, string> substitutions)
    {
        if (substitutions.Count == 0)
        {
            return template;
        }

        var tags = substitutions.Keys.OrderByDescending(k => k.Length).ToList();
        var result = new StringBuilder(template.Length);
        var i = 0;
        while (i < template.Length)
        {
            var tag = template[i] == '-' ? tags.FirstOrDefault(t => string.CompareOrdinal(template, i, t, 0, t.Length) == 0) : null;
            if (tag is null)
            {
                result.Append(template[i]);
                i++;
            }
            else
            {
                result.Append(substitutions[tag]);
                i += tag.Length;
            }
        }

        return result.ToString();
    }
}

/// <summary>Sends a personalised batch as one provider request; returns only once the provider accepted it (202).</summary>
public interface IBatchEmailSender
{
    Task<EmailReceipt> SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken);
}
