using System.Security.Claims;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace LocalGovStandard.Access;

/// <summary>A contact session counts only while its security stamp is the contact's current one (see <see cref="ContactStandings"/>).</summary>
public sealed class CurrentSessionRequirement : IAuthorizationRequirement;

public sealed class CurrentSessionHandler(ContactStandings standings) : AuthorizationHandler<CurrentSessionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentSessionRequirement requirement)
    {
        var user = context.User;
        var cancellationToken = (context.Resource as HttpContext)?.RequestAborted ?? CancellationToken.None;
        if (user.FindFirstValue(ContactSession.RegionClaim) is { } region
            && user.FindFirstValue(ContactSession.CouncilClaim) is { } gss
            && user.FindFirstValue(ContactSession.ContactClaim) is { } contactKey
            && await standings.IsCurrentAsync(region, gss, contactKey, user.FindFirstValue(ContactSession.StampClaim), cancellationToken))
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// A session that has ended (signed out, declined, erased, signed out everywhere) is treated as no session: its cookie
/// is removed and the request is challenged (the start page, or 401 for the API), never answered 403.
/// </summary>
public sealed class EndedSessionResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<CurrentSessionRequirement>().Any() == true)
        {
            await context.SignOutAsync(ContactSession.CookieScheme);
            await context.ChallengeAsync(ContactSession.Scheme);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
