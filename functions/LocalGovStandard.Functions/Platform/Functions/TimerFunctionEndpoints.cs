using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LocalGovStandard.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Functions;

public static class TimerFunctionEndpoints
{
    /// <summary>
    /// Declares a timer function and maps the route the Functions host posts to: <c>POST /{name}</c>
    /// with <c>{"Data": {...}, "Metadata": {...}}</c>, answered with <c>{Outputs, Logs, ReturnValue}</c>.
    /// The route answers only the host itself (see <see cref="OnlyTheFunctionsHost"/>).
    /// </summary>
    public static RouteHandlerBuilder MapTimerFunction<TFunction>(this IEndpointRouteBuilder app, string name, string schedule)
        where TFunction : class, ITimerFunction
    {
        _ = TimerSchedule.Parse(schedule);
        // The function comes from the request's services rather than as a TFunction parameter: the Request Delegate
        // Generator cannot build a handler whose parameters use a type parameter, and would leave it to reflection.
        return app.MapPost($"/{name}", (HttpRequest request, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken) =>
                InvokeFromHostAsync(name, request, request.HttpContext.RequestServices.GetRequiredService<TFunction>(), audit, clock, cancellationToken))
            .AddEndpointFilter(OnlyTheFunctionsHost)
            .WithMetadata(new TimerFunctionDeclaration(name, schedule, typeof(TFunction)))
            .ExcludeFromDescription();
    }

    /// <summary>
    /// A timer route is the Functions host's alone: it answers only under the host and only a request
    /// from loopback that no proxy forwarded (a forwarded one has the client's address by now). Anyone
    /// else, and every caller standalone, gets 404: there the scheduler and the keyed admin route run timers.
    /// </summary>
    internal static async ValueTask<object?> OnlyTheFunctionsHost(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var fromTheHost = FunctionsHost.IsHosting(http.RequestServices.GetRequiredService<IConfiguration>())
            && http.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer);
        return fromTheHost ? await next(context) : TypedResults.NotFound();
    }

    private static async Task<Ok<HostInvocationResponse>> InvokeFromHostAsync(
        string name, HttpRequest request, ITimerFunction function, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var isPastDue = await ReadIsPastDueAsync(request, cancellationToken);
        var context = new TimerContext(name, "host", clock.GetUtcNow(), isPastDue);
        var logs = await function.RunAuditedAsync(context, audit, cancellationToken);
        return TypedResults.Ok(new HostInvocationResponse(new Dictionary<string, object?>(), logs, null));
    }

    /// <summary>
    /// Reads only the one flag we use. The payload is parsed leniently because some hosts send
    /// timer info with malformed fields (for example an unparseable <c>Last</c>).
    /// </summary>
    internal static async Task<bool> ReadIsPastDueAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (payload?["Data"] is not JsonObject data)
            {
                return false;
            }

            foreach (var (_, binding) in data)
            {
                var timer = binding is JsonValue value && value.TryGetValue<string>(out var text)
                    ? JsonNode.Parse(text)
                    : binding;
                if (timer?["IsPastDue"] is JsonValue flag && flag.TryGetValue<bool>(out var isPastDue))
                {
                    return isPastDue;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON of another shape (an array, a string, a timer that is not an object).
        }

        return false;
    }
}

/// <summary>
/// The custom-handler response shape the Functions host expects from a non-HTTP trigger, with the
/// documented property names (the app's JSON options would otherwise camel-case them).
/// </summary>
public sealed record HostInvocationResponse(
    [property: JsonPropertyName("Outputs")] IDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue);
