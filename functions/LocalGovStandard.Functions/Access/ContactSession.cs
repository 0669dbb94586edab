using System.Security.Claims;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Access;

/// <summary>
/// A verified contact's session, scoped to their council. Pages use a cookie (HttpOnly, SameSite=Lax,
/// Secure outside Development, sliding); the JSON API takes the same proof as a bearer token.
/// Every assessment query takes the council from here, never from the URL.
/// </summary>
public static class ContactSession
{
    public const string Scheme = "contact";
    public const string CookieScheme = "contact-cookie";
    public const string BearerScheme = "contact-bearer";
    public const string Policy = "verified-contact";

    public const string CouncilClaim = "lgs:council";
    public const string RegionClaim = "lgs:region";
    public const string ContactClaim = "lgs:contact";
    public const string ReferenceClaim = "lgs:reference";
    public const string StampClaim = "lgs:stamp";

    public static IServiceCollection AddContactSessions(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = "lgs-session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.SlidingExpiration = true;
                options.LoginPath = "/assessments/start";
                options.ReturnUrlParameter = ContactReturnPaths.Parameter;
                options.LogoutPath = "/assessments/sign-out";
                // Back to the page after signing in (ContactReturnPaths) only from a GET: a form posted after the session
                // ended has no page at its address to come back to.
                options.Events.OnRedirectToLogin = context => ChallengeAsync(context.HttpContext, () => context.Response.Redirect(
                    HttpMethods.IsGet(context.Request.Method) ? context.RedirectUri : context.Options.LoginPath.Value!));
                // Renew on every request, not only after half the time: the session then ends exactly
                // SessionIdleTimeout after the last request, as the pages' timeout warning counts it.
                options.Events.OnCheckSlidingExpiration = context =>
                {
                    context.ShouldRenew = true;
                    return Task.CompletedTask;
                };
                options.Events.OnRedirectToAccessDenied = context => ChallengeAsync(context.HttpContext, () => context.Response.Redirect(context.RedirectUri));
            })
            .AddBearerToken(BearerScheme);

        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<ServiceOptions>>((cookie, service) => cookie.ExpireTimeSpan = service.Value.SessionIdleTimeout);
        services.AddOptions<BearerTokenOptions>(BearerScheme)
            .Configure<IOptions<ServiceOptions>>((bearer, service) => bearer.BearerTokenExpiration = service.Value.SessionIdleTimeout);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(CouncilClaim)
                .AddRequirements(new CurrentSessionRequirement()));
        services.AddMemoryCache();
        services.AddSingleton<IAuthorizationHandler, CurrentSessionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EndedSessionResultHandler>();
        return services;
    }

    public static ClaimsPrincipal Principal(string scheme, ContactEntity contact) =>
        new(new ClaimsIdentity(
            [
                new Claim(CouncilClaim, contact.GssCode),
                new Claim(RegionClaim, contact.PartitionKey),
                new Claim(ContactClaim, contact.ContactKey),
                new Claim(ReferenceClaim, contact.Reference),
                new Claim(ClaimTypes.Name, contact.ContactName),
                new Claim(StampClaim, contact.SecurityStamp ?? ""),
            ],
            scheme));

    /// <summary>The council and contact a request acts for.</summary>
    public static CouncilScope Scope(this ClaimsPrincipal user) => new(
        user.FindFirstValue(CouncilClaim) ?? throw new InvalidOperationException("Not a contact session."),
        user.FindFirstValue(RegionClaim)!,
        user.FindFirstValue(ContactClaim)!,
        user.FindFirstValue(ReferenceClaim)!,
        user.FindFirstValue(ClaimTypes.Name)!);

    /// <summary>The API answers 401 ProblemDetails; pages redirect to the start page.</summary>
    private static Task ChallengeAsync(HttpContext context, Action redirect)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = 401, Type = ApiErrors.Unauthorized.Uri, Title = "Sign in first",
                    Detail = "Ask for a sign-in link at /assessments/start, then exchange it at POST /api/access/token for a bearer token.",
                },
            }).AsTask();
        }

        redirect();
        return Task.CompletedTask;
    }
}

/// <param name="GssCode">The council this session may read and change, and no other.</param>
/// <param name="Panel">Set when the scope is a panel member's grant over another council's assessment: then it covers that panel's draft only.</param>
public sealed record CouncilScope(string GssCode, string Region, string ContactKey, string ContactReference, string ContactName, PanelScope? Panel = null);

/// <summary>A panel member's grant: one peer-assessment request of the assessed council, and whether this member may submit (the lead assessor).</summary>
/// <param name="SelfAssessment">The council's submitted self-assessment the panel reads, once the grant has looked it up.</param>
public sealed record PanelScope(string RequestReference, bool MaySubmit, string? SelfAssessment = null);
