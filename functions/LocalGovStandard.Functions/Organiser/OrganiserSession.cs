using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Organiser;

/// <summary>
/// The organiser's console session: a data-protected cookie (HttpOnly, Secure, SameSite=Strict, only
/// sent to /organiser) issued after the organiser key was entered, and ending after a fixed short time.
/// </summary>
public static class OrganiserSession
{
    public const string Scheme = "organiser-cookie";
    public const string Policy = "organiser";
    public const string SignInPath = "/organiser/sign-in";
    private const string RoleClaim = "lgs:organiser";

    public static IServiceCollection AddOrganiserSessions(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "lgs-organiser";
            options.Cookie.Path = "/organiser";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.SlidingExpiration = false;
            options.LoginPath = SignInPath;
            options.ReturnUrlParameter = "returnUrl";
            options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().ValidateAsync(context);
        });
        services.AddSingleton<ConsoleSessions>();
        services.AddOptions<CookieAuthenticationOptions>(Scheme)
            .Configure<IOptions<ConsoleOptions>>((cookie, console) => cookie.ExpireTimeSpan = console.Value.SessionLifetime);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(RoleClaim, "true"));
        return services;
    }

    /// <param name="sessionId">The secret naming the session's row in <see cref="ConsoleSessions"/>.</param>
    public static ClaimsPrincipal Principal(string sessionId) =>
        new(new ClaimsIdentity([new Claim(RoleClaim, "true"), new Claim(ClaimTypes.Name, "organiser"), new Claim(ConsoleSessions.SessionClaim, sessionId)], Scheme));
}
