using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LocalGovStandard.Access;

/// <summary>
/// Cross-site request forgery on the API. A browser attaches the session cookie to a request another
/// site makes, but another site can send only "simple" requests (a form's content types, no custom
/// headers) without the browser first asking us, and its requests say where they come from (Origin).
/// So a state-changing <c>/api</c> request that the session cookie authenticates must not come from
/// another origin, and must be JSON, unless it says it comes from our own pages (a multipart evidence
/// upload does). Bearer-token requests are not affected: no browser adds the token by itself.
/// </summary>
public static class CookieApiGuard
{
    public static IApplicationBuilder UseCookieApiGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsCookieStateChange(context) && Refusal(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    private static bool IsCookieStateChange(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        && context.User.Identity is { IsAuthenticated: true, AuthenticationType: ContactSession.CookieScheme };

    private static ProblemHttpResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(context, origin))
        {
            return ApiErrors.Problem(ApiErrors.CrossSite,
                "This request came from another site with your session cookie, so it was refused. Scripts use a bearer token from POST /api/access/token.");
        }

        if (origin.Length > 0 || IsJson(request.ContentType))
        {
            return null;
        }

        return ApiErrors.Problem(ApiErrors.UnsupportedMediaType,
            "With the session cookie, send the request as application/json (or use a bearer token from POST /api/access/token).");
    }

    private static bool IsOwnOrigin(HttpContext context, string origin)
    {
        var publicBase = new Uri(context.RequestServices.GetRequiredService<IOptionsMonitor<ServiceOptions>>().CurrentValue.PublicBaseUrl);
        var request = context.Request;
        return string.Equals(origin, publicBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
