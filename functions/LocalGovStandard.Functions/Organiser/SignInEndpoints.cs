using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Organiser;

/// <summary>Signing in with the organiser key, and out. See ADR 0009.</summary>
public static class SignInEndpoints
{
    public static void MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(OrganiserSession.SignInPath, (string? returnUrl, bool? signedOut) =>
                new ComponentParameters<SignInPage>()
                    .Set(p => p.ReturnUrl, ConsoleForms.SafeReturnUrl(returnUrl))
                    .Set(p => p.SignedOut, signedOut == true)
                    .Result())
            .AsPublicFunction("ConsoleSignIn");
        app.MapPost(OrganiserSession.SignInPath, SignInAsync).AsPublicFunction("ConsoleSignInSubmit").RequireValidForm();
    }

    /// <summary>Inside the signed-in group: the form's antiforgery token was issued to the signed-in organiser.</summary>
    public static void MapConsoleSignOut(this RouteGroupBuilder console) =>
        console.MapPost("/sign-out", SignOutAsync).AsPublicFunction("ConsoleSignOut");

    private static async Task<IResult> SignInAsync(
        HttpContext context, SignInThrottle throttle, ConsoleSessions sessions, IOptions<ConsoleOptions> console, IOptionsMonitor<ServiceOptions> options, AuditLog audit, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);

        var client = SignInThrottle.ClientOf(context);
        var returnUrl = ConsoleForms.SafeReturnUrl(form["returnUrl"]);
        if (throttle.IsBlocked(client))
        {
            var minutes = (int)Math.Ceiling(throttle.Window.TotalMinutes);
            context.Response.Headers.RetryAfter = (minutes * 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ComponentParameters<ErrorPage>()
                .Set(p => p.Heading, "Too many attempts")
                .Set(p => p.Detail, $"The organiser key was entered wrongly too many times from your connection. Wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.")
                .Result(StatusCodes.Status429TooManyRequests);
        }

        string? key = form["key"];
        var errors = new FormErrors();
        if (string.IsNullOrEmpty(key))
        {
            errors.Add("key", "Enter the organiser key");
        }
        else if (!AdminKeyFilter.Matches(key, ServiceOptions.Secret(options.CurrentValue.AdminKey)))
        {
            throttle.RecordFailure(client);
            await audit.WriteAsync("anonymous", "console.sign-in-failed", "console", cancellationToken: CancellationToken.None);
            errors.Add("key", "The organiser key is not right. Check it and try again");
        }

        if (errors.Any)
        {
            return new ComponentParameters<SignInPage>()
                .Set(p => p.Errors, errors)
                .Set(p => p.ReturnUrl, returnUrl)
                .Result(StatusCodes.Status400BadRequest);
        }

        await context.SignInAsync(OrganiserSession.Scheme, await sessions.StartAsync(console.Value.SessionLifetime, cancellationToken));
        await audit.WriteAsync(ConsoleForms.Actor, "console.signed-in", "console", cancellationToken: CancellationToken.None);
        return TypedResults.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, ConsoleSessions sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        await sessions.EndAsync(context.User, cancellationToken);
        await context.SignOutAsync(OrganiserSession.Scheme);
        await audit.WriteAsync(ConsoleForms.Actor, "console.signed-out", "console", cancellationToken: CancellationToken.None);
        return TypedResults.Redirect(OrganiserSession.SignInPath + "?signedOut=true");
    }
}
