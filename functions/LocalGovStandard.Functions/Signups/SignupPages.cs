using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using LocalGovStandard.Signups.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <summary>The GOV.UK pages: start, form (post-redirect-get), confirmation and the verification link.</summary>
public static class SignupPages
{
    private const string VerifyPath = "/signup/verify";
    private const string OpenTheLinkAgain = "For your security, forms expire. Open the link in your email again and press the button. Your email address is not confirmed yet.";

    public static void MapSignupPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => new ComponentParameters<StartPage>().Result()).AsPublicFunction("StartPage");
        app.MapGet("/signup", ShowFormAsync).AsPublicFunction("SignupForm");
        app.MapPost("/signup", SubmitFormAsync)
            .AsPublicFunction("SignupFormSubmit")
            .RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Go back to the sign-up page, reload it and try again. Nothing you entered was saved.");
        app.MapGet("/signup/confirmation", ShowConfirmation).AsPublicFunction("SignupConfirmation");
        app.MapGet(VerifyPath, ShowVerifyAsync)
            .AsPublicFunction("VerifySignup")
            .RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(VerifyPath, VerifyAsync)
            .AsPublicFunction("VerifySignupConfirm")
            .RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm(OpenTheLinkAgain);
    }

    private static async Task<RazorComponentResult> ShowFormAsync(CouncilDirectory directory, CancellationToken cancellationToken) =>
        await FormPageAsync(new SignupRequest(null, null, null, null, null, null, null), new FormErrors(), directory, cancellationToken);

    private static async Task<IResult> SubmitFormAsync(
        HttpContext context, SignupValidator validator, SignupService signups, CouncilDirectory directory, CancellationToken cancellationToken)
    {
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

        // The page is the same for a new address and a known one: where they stand, and the reference, go by email.
        var outcome = await signups.SubmitAsync(valid, cancellationToken);
        return TypedResults.Redirect(outcome.EmailNotSent ? "/signup/confirmation?email=not-sent" : "/signup/confirmation");
    }

    private static RazorComponentResult ShowConfirmation(string? email, IOptionsMonitor<ServiceOptions> options) =>
        new ComponentParameters<SignupConfirmationPage>()
            .Set(p => p.EmailSent, email != VerificationEmailStatus.NotSent)
            .Set(p => p.LinkLifetime, options.CurrentValue.VerificationLinkLifetime)
            .Result();

    /// <summary>The emailed link's page: a read-only check, then a button (mail scanners open links; only the POST verifies).</summary>
    private static async Task<IResult> ShowVerifyAsync(
        string? token, SignupService signups, IOptionsMonitor<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var preview = await signups.PreviewVerificationAsync(token, cancellationToken);
        return preview.Result == VerificationResult.Verified
            ? EmailedLinks.Confirm(
                "Confirm your email address",
                $"Confirm your email address to finish signing up {preview.CouncilName} to the Standard.",
                "Confirm email address",
                VerifyPath,
                token)
            : Outcome(preview, options);
    }

    private static async Task<IResult> VerifyAsync(
        HttpRequest request, SignupService signups, IOptionsMonitor<ServiceOptions> options, CancellationToken cancellationToken) =>
        Outcome(await signups.VerifyAsync(await EmailedLinks.TokenAsync(request, cancellationToken), cancellationToken), options);

    private static RazorComponentResult Outcome(VerificationOutcome outcome, IOptionsMonitor<ServiceOptions> options) =>
        new ComponentParameters<VerifyPage>()
            .Set(p => p.Outcome, outcome)
            .Set(p => p.LinkLifetime, options.CurrentValue.VerificationLinkLifetime)
            .Result(outcome.Result is VerificationResult.Verified or VerificationResult.AwaitingApproval ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    private static async Task<RazorComponentResult> FormPageAsync(
        SignupRequest values, FormErrors errors, CouncilDirectory directory, CancellationToken cancellationToken)
    {
        var councils = (await directory.AllAsync(cancellationToken))
            .Where(c => c.CanSignUp)
            .Select(c => new Choice(c.Code, c.OfficialName))
            .ToList();
        return new ComponentParameters<SignupFormPage>()
            .Set(p => p.Values, values)
            .Set(p => p.Errors, errors)
            .Set(p => p.Councils, councils)
            .Result();
    }
}
