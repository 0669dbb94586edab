using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using LocalGovStandard.Signups.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <summary>The GOV.UK pages: start, form (post-redirect-get), confirmation and the verification link.</summary>
public static class SignupPages
{
    public static void MapSignupPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => new RazorComponentResult<StartPage>()).AsPublicFunction("StartPage");
        app.MapGet("/signup", ShowFormAsync).AsPublicFunction("SignupForm");
        app.MapPost("/signup", SubmitFormAsync)
            .AsPublicFunction("SignupFormSubmit")
            .RequireRateLimiting(RateLimits.PublicForms)
            .DisableAntiforgery();
        app.MapGet("/signup/confirmation", ShowConfirmation).AsPublicFunction("SignupConfirmation");
        app.MapGet("/signup/verify", VerifyAsync)
            .AsPublicFunction("VerifySignup")
            .RequireRateLimiting(RateLimits.PublicForms);
    }

    private static async Task<RazorComponentResult<SignupFormPage>> ShowFormAsync(CouncilDirectory directory, CancellationToken cancellationToken) =>
        await FormPageAsync(new SignupRequest(null, null, null, null, null, null, null), new FormErrors(), directory, cancellationToken);

    /// <summary>
    /// The antiforgery check is explicit (rather than the framework's automatic one) so a stale or
    /// missing token gets a GOV.UK page that says what to do, not a bare 400.
    /// </summary>
    private static async Task<IResult> SubmitFormAsync(
        HttpContext context, IAntiforgery antiforgery, SignupValidator validator, SignupService signups, CouncilDirectory directory, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return new RazorComponentResult<ErrorPage>(new
            {
                Heading = "Your form has expired",
                Detail = "For your security, forms expire. Go back to the sign-up page, reload it and try again. Nothing you entered was saved.",
            })
            { StatusCode = StatusCodes.Status400BadRequest };
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = new SignupRequest(
            form["councilCode"], form["contactName"], form["contactEmail"], form["jobTitle"], form["adoptionRoute"],
            form["consentToContact"] == "true", form["consentToPublish"] == "true");

        var (valid, errors) = await validator.ValidateAsync(request, cancellationToken);
        if (valid is null)
        {
            var page = await FormPageAsync(request, FormErrors.From(errors.ToDictionary(), SignupRequest.FieldOrder), directory, cancellationToken);
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        var outcome = await signups.SubmitAsync(valid, cancellationToken);
        var emailFlag = outcome.EmailNotSent ? "&email=not-sent" : "";
        return TypedResults.Redirect($"/signup/confirmation?reference={Uri.EscapeDataString(outcome.Reference)}{emailFlag}");
    }

    private static IResult ShowConfirmation(string? reference, string? email) =>
        HumanReference.IsWellFormed(reference)
            ? new RazorComponentResult<SignupConfirmationPage>(new { Reference = reference!, EmailSent = email != "not-sent" })
            : TypedResults.Redirect("/signup");

    private static async Task<RazorComponentResult<VerifyPage>> VerifyAsync(
        string? token, SignupService signups, IOptionsMonitor<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var outcome = await signups.VerifyAsync(token, cancellationToken);
        return new RazorComponentResult<VerifyPage>(new { Outcome = outcome, LinkLifetime = options.CurrentValue.VerificationLinkLifetime })
        {
            StatusCode = outcome.Result is VerificationResult.Verified or VerificationResult.AwaitingApproval ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest,
        };
    }

    private static async Task<RazorComponentResult<SignupFormPage>> FormPageAsync(
        SignupRequest values, FormErrors errors, CouncilDirectory directory, CancellationToken cancellationToken)
    {
        var councils = (await directory.AllAsync(cancellationToken))
            .Where(c => c.CanSignUp)
            .Select(c => new Choice(c.GssCode, c.OfficialName))
            .ToList();
        return new RazorComponentResult<SignupFormPage>(new { Values = values, Errors = errors, Councils = councils });
    }
}
