using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Access;

/// <summary>What <c>POST /api/access/token</c> answers. There is no refresh token: when it expires, ask for a new sign-in link.</summary>
public sealed record AccessTokenResponse(string TokenType, string AccessToken, long ExpiresIn);

public static class BearerTokens
{
    /// <summary>
    /// An access token from the bearer scheme's own protector, so its handler accepts it, without the
    /// refresh token the framework's sign-in would add (no route exchanges one).
    /// </summary>
    public static Ok<AccessTokenResponse> Issue(ClaimsPrincipal principal, BearerTokenOptions options, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(
            principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration }, ContactSession.BearerScheme);
        return TypedResults.Ok(new AccessTokenResponse("Bearer", options.BearerTokenProtector.Protect(ticket), (long)options.BearerTokenExpiration.TotalSeconds));
    }
}
