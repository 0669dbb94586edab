using LocalGovStandard.Access;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Requests.Pages;

/// <summary>The council's feedback form, under its own request (its council from the session); the leads read it on their request page.</summary>
public static class FeedbackPages
{
    private static readonly IReadOnlyList<string> FieldOrder = ["helped", "didNotHelp"];

    public static void MapFeedbackPages(this RouteGroupBuilder council)
    {
        council.MapGet("/{reference}/feedback", ShowAsync).AsPublicFunction("PeerAssessmentFeedbackPage");
        council.MapPost("/{reference}/feedback", SaveAsync).AsPublicFunction("PeerAssessmentFeedbackSubmit");
    }

    private static async Task<IResult> ShowAsync(string reference, HttpContext context, CouncilFeedback feedback, CancellationToken cancellationToken) =>
        await feedback.FindAsync(context.User.Scope(), reference, cancellationToken) is { } request
            ? Page(request, feedback, request.FeedbackHelped, request.FeedbackDidNotHelp, CouncilFeedback.Replacing(request), new FormErrors())
            : PageResults.NotFound();

    private static async Task<IResult> SaveAsync(string reference, HttpContext context, CouncilFeedback feedback, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var body = new FeedbackBody(form["helped"], form["didNotHelp"], form["replacing"]);
        var result = await feedback.SaveAsync(context.User.Scope(), reference, body, cancellationToken);
        return result.Outcome switch
        {
            FeedbackOutcome.Saved => TypedResults.Redirect($"{RequestPages.CouncilHref(reference)}?feedback=saved"),
            FeedbackOutcome.Invalid when result.Errors.Has("replacing") => Unreadable(result, feedback, body),
            FeedbackOutcome.Invalid or FeedbackOutcome.Closed => Page(result.Request!, feedback, body.Helped, body.DidNotHelp,
                body.Replacing ?? CouncilFeedback.Replacing(result.Request!), FormErrors.From(result.Errors.ToDictionary(), FieldOrder),
                result.Outcome == FeedbackOutcome.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest),
            FeedbackOutcome.Changed => Changed(result.Request!, feedback, body),
            _ => PageResults.NotFound(),
        };
    }

    /// <summary>
    /// The feedback was changed after this form was opened (by a colleague, or in another tab): the writer's text stays in
    /// the form, the saved feedback is shown above it, and sending again (now replacing what was saved) replaces it.
    /// </summary>
    private static RazorComponentResult Changed(PeerAssessmentRequestEntity request, CouncilFeedback feedback, FeedbackBody body)
    {
        var errors = new FormErrors();
        errors.Add("helped", $"Your council's feedback was changed at {EmailDates.Format(request.FeedbackAt!.Value)}, after you opened this page. Read what was saved, then send yours again to replace it");
        return Page(request, feedback, body.Helped, body.DidNotHelp, CouncilFeedback.Replacing(request), errors, StatusCodes.Status409Conflict, savedMeanwhile: FeedbackView.Of(request));
    }

    /// <summary>
    /// The form's hidden "replacing" came back unreadable (changed in the browser, or garbled on the way). The writer
    /// cannot put that right, so the page takes the saved feedback's own value again, shows what is saved, and asks them
    /// to send again; their text stays in the form.
    /// </summary>
    private static RazorComponentResult Unreadable(FeedbackResult result, CouncilFeedback feedback, FeedbackBody body)
    {
        var request = result.Request!;
        var fieldErrors = result.Errors.ToDictionary();
        fieldErrors.Remove("replacing");
        var errors = FormErrors.From(fieldErrors, FieldOrder);
        if (errors.For("helped") is null)
        {
            errors.Add("helped", "We could not tell which feedback this form replaces. Check what is saved, then send yours again");
        }

        return Page(request, feedback, body.Helped, body.DidNotHelp, CouncilFeedback.Replacing(request), errors, StatusCodes.Status400BadRequest,
            savedMeanwhile: request.FeedbackAt is null ? null : FeedbackView.Of(request));
    }

    private static RazorComponentResult Page(
        PeerAssessmentRequestEntity request, CouncilFeedback feedback, string? helped, string? didNotHelp, string replacing, FormErrors errors,
        int? status = null, FeedbackView? savedMeanwhile = null) =>
        new ComponentParameters<FeedbackPage>()
            .Set(p => p.Request, request)
            .Set(p => p.OpenUntil, feedback.IsOpen(request) ? CouncilFeedback.OpenUntil(request) : null)
            .Set(p => p.GivenAt, request.FeedbackAt)
            .Set(p => p.Helped, helped)
            .Set(p => p.DidNotHelp, didNotHelp)
            .Set(p => p.Replacing, replacing)
            .Set(p => p.SavedMeanwhile, savedMeanwhile)
            .Set(p => p.Errors, errors)
            .Result(status);
}

/// <param name="Href">The feedback form, while the council may still give or change it.</param>
/// <param name="Given">Whether the council has given feedback.</param>
/// <param name="Saved">Whether the council has just sent it (the page thanks them).</param>
public sealed record CouncilFeedbackLink(string? Href, bool Given, bool Saved);
