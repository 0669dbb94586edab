using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Pages;

/// <summary>
/// Emailed links that do something (confirm an address, sign in, unsubscribe) are opened first by mail scanners, with
/// GET and HEAD. So the GET only shows <see cref="ConfirmLinkPage"/>, whose one button POSTs the token back; only the
/// POST acts, and it needs the page's antiforgery token, so another site cannot make someone's browser press it.
/// A new link is two routes:
/// <code>
/// app.MapGet("/contacts/approve", (string? token) => EmailedLinks.Confirm("Approve this contact", "What pressing does.", "Approve", "/contacts/approve", token))
///     .AsPublicFunction("ApproveContact").RequireRateLimiting(RateLimits.PublicForms);
/// app.MapPost("/contacts/approve", ApproveAsync)   // reads the token with EmailedLinks.TokenAsync(request, cancellationToken)
///     .AsPublicFunction("ApproveContactConfirm").RequireRateLimiting(RateLimits.PublicForms)
///     .RequireValidForm("For your security, forms expire. Open the link in your email again and press the button.");
/// </code>
/// The GET may check the token without writing (to say early that it has expired or is not valid); it must never change
/// storage. Tests: EmailedLinkSteps (scan as a mail scanner, open and press), and the POST's cases in the bad-input catalogue.
/// </summary>
public static class EmailedLinks
{
    public const string TokenField = "token";

    /// <summary>The page with the button; <paramref name="action"/> is the path its form posts to.</summary>
    public static RazorComponentResult Confirm(string heading, string text, string buttonLabel, string action, string? token) =>
        new ComponentParameters<ConfirmLinkPage>()
            .Set(p => p.Heading, heading)
            .Set(p => p.Text, text)
            .Set(p => p.ButtonLabel, buttonLabel)
            .Set(p => p.Action, action)
            .Set(p => p.Token, token ?? "")
            .Result();

    /// <summary>The token the button posted (after <see cref="PageForms.RequireValidForm"/> let the form through).</summary>
    public static async Task<string?> TokenAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await request.ReadFormAsync(cancellationToken))[TokenField];
}
