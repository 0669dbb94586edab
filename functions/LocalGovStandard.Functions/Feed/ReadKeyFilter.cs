using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Security;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Feed;

/// <summary>
/// The feed's read key, compared in constant time: in the <c>x-read-key</c> header (Power BI's
/// <c>Headers</c> option) or the <c>key</c> query parameter (Power BI's <c>ApiKeyName</c>, which keeps
/// the key in Power BI's credential store). The organiser key is not accepted: the read key can be
/// shared with analysts without giving them the organiser's powers. Wrong keys count against the
/// same per-client throttle as wrong organiser keys.
/// </summary>
public sealed class ReadKeyFilter(IOptionsMonitor<ServiceOptions> options, AdminKeyThrottle throttle) : IEndpointFilter
{
    public const string HeaderName = "x-read-key";
    public const string QueryName = "key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers[HeaderName].FirstOrDefault() ?? request.Query[QueryName].FirstOrDefault();
        if (!AdminKeyFilter.Matches(presented, ServiceOptions.Secret(options.CurrentValue.ReadKey)))
        {
            if (await throttle.RefusedAfterFailureAsync(context.HttpContext))
            {
                return Results.Empty;
            }

            context.HttpContext.Response.Headers.WWWAuthenticate = "ReadKey";
            return ApiErrors.Problem(ApiErrors.Unauthorized, $"Send the feed's read key in the {HeaderName} header (or the {QueryName} query parameter).");
        }

        return await next(context);
    }
}
