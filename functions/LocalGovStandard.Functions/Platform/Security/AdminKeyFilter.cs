using System.Security.Cryptography;
using System.Text;
using LocalGovStandard.Platform.Errors;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Security;

/// <summary>
/// The handler's own check of the organiser key, because locally (and if a function is ever
/// declared anonymous by mistake) nothing else guards admin routes. Accepts the Functions
/// conventions: the <c>x-functions-key</c> header or <c>?code=</c>.
/// </summary>
public sealed class AdminKeyFilter(IOptionsMonitor<ServiceOptions> options, AdminKeyThrottle throttle) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var presented = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (!Matches(presented, ServiceOptions.Secret(options.CurrentValue.AdminKey)))
        {
            if (await throttle.RefusedAfterFailureAsync(context.HttpContext))
            {
                return Results.Empty;
            }

            context.HttpContext.Response.Headers.WWWAuthenticate = "FunctionsKey";
            return ApiErrors.Problem(ApiErrors.Unauthorized,
                $"Send the organiser key in the {HeaderName} header (or the code query parameter).");
        }

        return await next(context);
    }

    /// <summary>Compares hashes so the comparison takes the same time whatever the lengths.</summary>
    internal static bool Matches(string? presented, string? expected) =>
        !string.IsNullOrEmpty(expected)
        && !string.IsNullOrEmpty(presented)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

public static class AdminRoutes
{
    /// <summary>The <c>/api/admin</c> group: every endpoint in it requires the organiser key.</summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/admin").AddEndpointFilter<AdminKeyFilter>().WithMetadata(new GuardedBy(ApiGuard.OrganiserKey)).WithTags("Organiser");
}
