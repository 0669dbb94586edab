using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Health;

public static class HealthApi
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync).AsPublicFunction("Health");
    }

    public sealed record HealthResponse(string Status, string Storage);

    /// <summary>200 while storage answers; 503 with a problem body (and Retry-After) while it does not.</summary>
    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(
        HttpContext context, StorageInitializer storage, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            if (!storage.Ready.IsCompleted && !await storage.TryCreateAllAsync(timeout.Token))
            {
                throw new InvalidOperationException("Storage is not ready.");
            }

            await storage.ProbeAsync(timeout.Token);

            return TypedResults.Ok(new HealthResponse("healthy", "reachable"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Response.Headers.RetryAfter = ApiErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Problem(ApiErrors.StorageUnavailable, "Storage is not reachable. Try again shortly.");
        }
    }
}
