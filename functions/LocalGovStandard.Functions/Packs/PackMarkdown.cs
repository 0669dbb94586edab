using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LocalGovStandard.Packs;

/// <summary>
/// Renders a pack's agenda and exercises from Markdown. Raw HTML is shown as text, never passed through; a link is kept
/// only to http(s), mailto or a path on this site (so no javascript: or data: links); images become plain links, because
/// the page's Content-Security-Policy would block them and they would tell another site who read the pack. Headings start
/// at h3, under the page's own h1 and the section's h2. Elements get the GOV.UK classes.
/// </summary>
public static class PackMarkdown
{
    private const int HeadingOffset = 2;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafeUrl(l.Url)).ToList())
        {
            Unlink(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().Where(l => !l.IsEmail && !IsSafeUrl(l.Url)).ToList())
        {
            autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        foreach (var node in document.Descendants())
        {
            Dress(node);
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal) && !trimmed.Contains('\\', StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto";
    }

    /// <summary>Keeps a refused link's words, as plain text, where the link was.</summary>
    private static void Unlink(LinkInline link)
    {
        for (var child = link.FirstChild; child is not null;)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    private static void Dress(MarkdownObject node)
    {
        switch (node)
        {
            case HeadingBlock heading:
                heading.Level = Math.Min(6, heading.Level + HeadingOffset);
                heading.GetAttributes().AddClass(heading.Level <= 3 ? "govuk-heading-m" : "govuk-heading-s");
                break;
            case ParagraphBlock paragraph when paragraph.Parent is MarkdownDocument or QuoteBlock:
                paragraph.GetAttributes().AddClass("govuk-body");
                break;
            case ListBlock list:
                list.GetAttributes().AddClass(list.IsOrdered ? "govuk-list govuk-list--number" : "govuk-list govuk-list--bullet");
                break;
            case QuoteBlock quote:
                quote.GetAttributes().AddClass("govuk-inset-text");
                break;
            case LinkInline link:
                link.IsImage = false;
                if (link.FirstChild is null)
                {
                    link.AppendChild(new LiteralInline(link.Url ?? ""));
                }

                link.GetAttributes().AddClass("govuk-link");
                break;
            case AutolinkInline autolink:
                autolink.GetAttributes().AddClass("govuk-link");
                break;
        }
    }
}
