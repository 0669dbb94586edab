using LocalGovStandard.Access.Pages;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Access;

public static class AccessEndpoints
{
    private const string AccessPath = "/assessments/access";

    public static IServiceCollection AddAccess(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddSingleton<AccessLinks>();
        services.AddSingleton<PeerGroupLeadership>();
        services.AddContactSessions(environment);
        return services;
    }

    public static void MapAccess(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assessments/start", (bool? signedOut, string? returnUrl, HttpContext context) =>
                context.User.Identity?.IsAuthenticated == true
                    ? (IResult)TypedResults.Redirect(ContactReturnPaths.Safe(returnUrl) ?? ContactReturnPaths.Home)
                    : new ComponentParameters<StartPage>()
                        .Set(p => p.SignedOut, signedOut == true)
                        .Set(p => p.ReturnUrl, ContactReturnPaths.Safe(returnUrl))
                        .Result())
            .AsPublicFunction("AssessmentStart");
        app.MapPost("/assessments/start", RequestLinkAsync)
            .AsPublicFunction("AssessmentStartSubmit")
            .RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm();
        app.MapGet("/assessments/start/check-email", (AccessLinks links) =>
                new ComponentParameters<CheckEmailPage>().Set(p => p.LinkLifetime, Durations.Describe(links.LinkLifetime)).Result())
            .AsPublicFunction("AssessmentCheckEmail");
        app.MapGet(AccessPath, ShowSignInLink)
            .AsPublicFunction("AssessmentAccess")
            .RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(AccessPath, SignInWithLinkAsync)
            .AsPublicFunction("AssessmentAccessSignIn")
            .RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Open the link in your email again and press the button. You have not been signed in.");
        // A Delegate, not a RequestDelegate: only route handlers run endpoint filters (the form check) and write the result.
        app.MapPost("/assessments/sign-out", (Delegate)SignOutAsync)
            .AsPublicFunction("AssessmentSignOut")
            .RequireValidForm();
        app.MapGet("/api/access/peer-groups", async (HttpContext context, PeerGroupLeadership leadership, CancellationToken cancellationToken) =>
                TypedResults.Ok((await leadership.GroupsLedByAsync(context.User, cancellationToken)).Select(g => new LedPeerGroup(g.Slug, g.Name)).ToList()))
            .AsPublicFunction("ListPeerGroupsILead")
            .RequireAuthorization(ContactSession.Policy);
        app.MapPost("/api/access/token", ExchangeForBearerAsync)
            .AsPublicFunction("AccessToken")
            .RequireRateLimiting(RateLimits.PublicForms);
    }

    private static async Task<IResult> RequestLinkAsync(HttpContext context, AccessLinks links, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var errors = new FieldErrors();
        var email = errors.RequiredText("email", form["email"], "Email address", 254, "Enter your council email address");
        var returnUrl = ContactReturnPaths.Safe(form[ContactReturnPaths.Parameter]);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            errors.Add("email", "Enter an email address in the correct format, like name@yourcouncil.gov.uk");
        }

        if (!errors.IsValid)
        {
            return new ComponentParameters<StartPage>()
                .Set(p => p.Email, form["email"].ToString())
                .Set(p => p.Errors, FormErrors.From(errors.ToDictionary(), ["email"]))
                .Set(p => p.ReturnUrl, returnUrl)
                .Result(StatusCodes.Status400BadRequest);
        }

        await links.RequestAsync(email!, returnUrl, cancellationToken);
        return TypedResults.Redirect("/assessments/start/check-email");
    }

    /// <summary>The emailed link's page: mail scanners open links, so only the button's POST uses the link and signs in.</summary>
    private static RazorComponentResult ShowSignInLink(string? token, AccessLinks links) =>
        links.ProblemOnItsFace(token) is { } problem
            ? LinkProblem(problem, links.LinkLifetime)
            : EmailedLinks.Confirm(
                "Sign in to your council's assessments",
                $"Sign-in links work once, for {Durations.Describe(links.LinkLifetime)} after we send them.",
                "Sign in",
                AccessPath,
                token);

    private static async Task<IResult> SignInWithLinkAsync(HttpContext context, AccessLinks links, CancellationToken cancellationToken)
    {
        var token = await EmailedLinks.TokenAsync(context.Request, cancellationToken);
        var (result, principal, returnUrl) = await links.SignInAsync(token, ContactSession.CookieScheme, cancellationToken);
        if (result != AccessLinkResult.SignedIn)
        {
            return LinkProblem(result, links.LinkLifetime);
        }

        await context.SignInAsync(ContactSession.CookieScheme, principal!);
        return TypedResults.Redirect(ContactReturnPaths.Safe(returnUrl) ?? ContactReturnPaths.Home);
    }

    /// <summary>Ends this session and every other one of the same person (the saved cookie, bearer tokens, other devices).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext context, ContactApprovals approvals, CancellationToken cancellationToken)
    {
        var session = await context.AuthenticateAsync(ContactSession.CookieScheme);
        if (session.Principal?.FindFirst(ContactSession.CouncilClaim) is not null)
        {
            var scope = session.Principal.Scope();
            await approvals.EndSessionsAsync(scope.Region, SignupKeys.ContactRowKey(scope.GssCode, scope.ContactKey), $"contact:{scope.ContactReference}", "access.signed-out", cancellationToken);
        }

        await context.SignOutAsync(ContactSession.CookieScheme);
        return TypedResults.Redirect("/assessments/start?signedOut=true");
    }

    /// <summary>The API's sign-in: the emailed link's token (single use) becomes a bearer token for the session's idle timeout.</summary>
    private static async Task<Results<Ok<AccessTokenResponse>, BodyProblem, ValidationProblem>> ExchangeForBearerAsync(
        HttpRequest request, AccessLinks links, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<TokenRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (result, principal, _) = await links.SignInAsync(body!.Token, ContactSession.BearerScheme, cancellationToken);
        return result switch
        {
            AccessLinkResult.SignedIn => BearerTokens.Issue(principal!, bearer.Get(ContactSession.BearerScheme), clock),
            AccessLinkResult.Expired => ApiErrors.FieldProblem("token", "The sign-in link has expired. Ask for a new one at /assessments/start."),
            _ => ApiErrors.FieldProblem("token", "The sign-in link is not valid: it was changed, already used, or replaced by a newer link."),
        };
    }

    private static RazorComponentResult LinkProblem(AccessLinkResult result, TimeSpan linkLifetime) =>
        result == AccessLinkResult.Expired
            ? new ComponentParameters<LinkProblemPage>()
                .Set(p => p.Heading, "This sign-in link has expired")
                .Set(p => p.Detail, $"Sign-in links work for {Durations.Describe(linkLifetime)}.")
                .Result(StatusCodes.Status400BadRequest)
            : new ComponentParameters<LinkProblemPage>()
                .Set(p => p.Heading, "This sign-in link is not valid")
                .Set(p => p.Detail, "It may have been used already, replaced by a newer link, or not copied in full. Each link works once.")
                .Result(StatusCodes.Status400BadRequest);

    public sealed record LedPeerGroup(string Slug, string Name);
}
