using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Signups.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Signups;

/// <summary>
/// The emailed approval link: its GET only shows the question (mail scanners open every link first, so it must change
/// nothing); the person's answer is the form's POST, which needs the page's antiforgery token.
/// </summary>
public static class ApprovalPages
{
    public static void MapApprovalPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/signup/approve", ShowAsync).AsPublicFunction("ApproveContactLink").RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost("/signup/approve", AnswerAsync)
            .AsPublicFunction("ApproveContactLinkAnswer")
            .RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("Open the link in the email again and send your answer. Nothing was changed.");
    }

    private static async Task<IResult> ShowAsync(string? token, ContactApprovals approvals, CancellationToken cancellationToken) =>
        await approvals.ReadLinkAsync(token, cancellationToken) is { } view
            ? new ComponentParameters<ApprovalPage>().Set(p => p.Waiting, view.Waiting).Set(p => p.Token, token!).Result()
            : LinkNotValid();

    private static async Task<IResult> AnswerAsync(HttpContext context, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var token = form[EmailedLinks.TokenField].ToString();
        var decision = form["decision"].ToString();
        if (decision is not ("approve" or "decline"))
        {
            if (await approvals.ReadLinkAsync(token, cancellationToken) is not { } view)
            {
                return LinkNotValid();
            }

            var errors = new FormErrors();
            errors.Add("decision", $"Select whether {view.Waiting.ContactName} can act for the council");
            return new ComponentParameters<ApprovalPage>()
                .Set(p => p.Waiting, view.Waiting)
                .Set(p => p.Token, token)
                .Set(p => p.AddDomain, form["addDomain"] == "true")
                .Set(p => p.Errors, errors)
                .Result(StatusCodes.Status400BadRequest);
        }

        var outcome = await approvals.AnswerLinkAsync(token, decision == "approve", form["addDomain"] == "true", cancellationToken);
        return outcome is null ? LinkNotValid() : new ComponentParameters<ApprovalAnsweredPage>().Set(p => p.Outcome, outcome).Result();
    }

    private static RazorComponentResult LinkNotValid() =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "This link is not valid")
            .Set(p => p.Detail, "It may have expired, or you may no longer act for the council. An organiser at LocalGov Digital can still approve or decline this person.")
            .Result(StatusCodes.Status400BadRequest);
}
