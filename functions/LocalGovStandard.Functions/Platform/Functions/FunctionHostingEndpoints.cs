using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Functions;

public static class FunctionHostingEndpoints
{
    /// <summary>Route templates of the static file folders (also how telemetry names a request for a static file).</summary>
    public const string AssetsRoute = "/assets/{*path}";

    public const string StaticRoute = "/static/{*path}";

    /// <summary>
    /// Static files are served by middleware before routing; these catch-all routes exist so the
    /// Functions host forwards asset requests, and answer 404 for files that do not exist.
    /// </summary>
    public static void MapStaticAssetFunctions(this IEndpointRouteBuilder app)
    {
        app.MapGet(AssetsRoute, () => TypedResults.NotFound()).AsPublicFunction("GovukAssets");
        app.MapGet(StaticRoute, () => TypedResults.NotFound()).AsPublicFunction("StaticFiles");
    }

    /// <summary><c>POST /api/admin/timers/{name}/run</c>: an organiser runs a timer function now.</summary>
    public static void MapTimerAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/timers/{name}/run", RunNowAsync).AsKeyedFunction("RunTimerFunction");
    }

    private static async Task<Results<Ok<HostInvocationResponse>, ProblemHttpResult>> RunNowAsync(
        string name, EndpointDataSource endpoints, IServiceProvider services, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var timer = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<TimerFunctionDeclaration>())
            .OfType<TimerFunctionDeclaration>()
            .FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (timer is null)
        {
            var known = endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<TimerFunctionDeclaration>()?.Name).OfType<string>();
            return ApiErrors.Problem(ApiErrors.NotFound, $"There is no timer function '{name}'. Timer functions: {string.Join(", ", known)}.");
        }

        var function = (ITimerFunction)services.GetRequiredService(timer.Implementation);
        var logs = await function.RunAuditedAsync(new TimerContext(timer.Name, "organiser", clock.GetUtcNow(), false), audit, cancellationToken);
        return TypedResults.Ok(new HostInvocationResponse(new Dictionary<string, object?>(), logs, null));
    }
}
