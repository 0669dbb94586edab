namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Every HTML part is sent as a whole document (doctype, language, character set and title), so mail programs
/// and screen readers do not have to guess. The emails themselves write only what goes in the body.
/// </summary>
public static class HtmlDocument
{
    /// <param name="titleHtml">The title, already HTML-encoded (a batch's may hold <c>-tag_html-</c> substitutions).</param>
    public static string Wrap(string titleHtml, string bodyHtml) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{titleHtml}</title></head><body>{bodyHtml}</body></html>";
}
