using LocalGovStandard.Access;
using LocalGovStandard.Assessments.Pages;
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
            ? Page(request, feedback, request.FeedbackHelped, request.FeedbackDidNotHelp, new FormErrors())
            : PageResults.NotFound();

    private static async Task<IResult> SaveAsync(string reference, HttpContext context, CouncilFeedback feedback, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var body = new FeedbackBody(form["helped"], form["didNotHelp"]);
        var result = await feedback.SaveAsync(context.User.Scope(), reference, body, cancellationToken);
        return result.Outcome switch
        {
            FeedbackOutcome.Saved => TypedResults.Redirect($"{RequestPages.CouncilHref(reference)}?feedback=saved"),
            FeedbackOutcome.Invalid or FeedbackOutcome.Closed => Page(result.Request!, feedback, body.Helped, body.DidNotHelp,
                FormErrors.From(result.Errors.ToDictionary(), FieldOrder),
                result.Outcome == FeedbackOutcome.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest),
            _ => PageResults.NotFound(),
        };
    }

    private static RazorComponentResult Page(
        PeerAssessmentRequestEntity request, CouncilFeedback feedback, string? helped, string? didNotHelp, FormErrors errors, int? status = null) =>
        new ComponentParameters<FeedbackPage>()
            .Set(p => p.Request, request)
            .Set(p => p.OpenUntil, feedback.IsOpen(request) ? CouncilFeedback.OpenUntil(request) : null)
            .Set(p => p.GivenAt, request.FeedbackAt)
            .Set(p => p.Helped, helped)
            .Set(p => p.DidNotHelp, didNotHelp)
            .Set(p => p.Errors, errors)
            .Result(status);
}

/// <param name="Href">The feedback form, while the council may still give or change it.</param>
/// <param name="Given">Whether the council has given feedback.</param>
/// <param name="Saved">Whether the council has just sent it (the page thanks them).</param>
public sealed record CouncilFeedbackLink(string? Href, bool Given, bool Saved);
