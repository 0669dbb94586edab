using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Functions;

/// <summary>One queue message as the host hands it over: its text and the metadata the handler uses.</summary>
public sealed record QueueInvocation(string? Message, long DequeueCount, string? Id);

/// <summary>Handles one queue message; throws when it was not handled, so the queue tries it again.</summary>
public delegate Task QueueMessageHandler(IServiceProvider services, QueueInvocation invocation, CancellationToken cancellationToken);

public static class QueueFunctionEndpoints
{
    /// <summary>The trigger binding's name, so the message is <c>Data.message</c> in the host's payload.</summary>
    public const string BindingName = "message";

    /// <summary>
    /// Declares a queue-triggered function and maps the route the Functions host posts each message to:
    /// <c>POST /{name}</c> with <c>{"Data": {"message": ...}, "Metadata": {"DequeueCount": ..., "Id": ..., "InsertionTime": ...}}</c>.
    /// 200 completes the message; 500 fails the invocation, so the host makes it visible again and, once
    /// <c>maxDequeueCount</c> tries have failed, moves it to <c>{queue}-poison</c>. The route answers only the host.
    /// </summary>
    public static RouteHandlerBuilder MapQueueFunction(this IEndpointRouteBuilder app, string name, string queueName, string connection, QueueMessageHandler handler) =>
        app.MapPost($"/{name}", (HttpRequest request, IServiceProvider services, CancellationToken cancellationToken) =>
                InvokeFromHostAsync(request, services, handler, cancellationToken))
            .AddEndpointFilter(TimerFunctionEndpoints.OnlyTheFunctionsHost)
            .WithMetadata(new QueueFunctionDeclaration(name, queueName, connection))
            .ExcludeFromDescription();

    private static async Task<Results<Ok<HostInvocationResponse>, JsonHttpResult<HostInvocationResponse>>> InvokeFromHostAsync(
        HttpRequest request, IServiceProvider services, QueueMessageHandler handler, CancellationToken cancellationToken)
    {
        var invocation = await ReadAsync(request, cancellationToken);
        try
        {
            await handler(services, invocation, cancellationToken);
            return TypedResults.Ok(new HostInvocationResponse(new Dictionary<string, object?>(), [$"Message {invocation.Id} handled on try {invocation.DequeueCount}."], null));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var logs = new[] { $"Message {invocation.Id} failed on try {invocation.DequeueCount}: {exception.Message}" };
            return TypedResults.Json(new HostInvocationResponse(new Dictionary<string, object?>(), logs, null), statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>
    /// The host passes the message as a string (or, for JSON text, sometimes as the JSON itself) and
    /// <c>DequeueCount</c> as a number or a string: both are read, leniently.
    /// </summary>
    internal static async Task<QueueInvocation> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var payload = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var binding = (payload?["Data"] as JsonObject)?[BindingName];
            var message = binding is JsonValue value && value.TryGetValue<string>(out var text) ? text : binding?.ToJsonString();
            var metadata = payload?["Metadata"] as JsonObject;
            return new QueueInvocation(message, Number(metadata?["DequeueCount"]), Text(metadata?["Id"]));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return new QueueInvocation(null, 0, null);
        }
    }

    private static long Number(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text.Trim('"') : null;
}
