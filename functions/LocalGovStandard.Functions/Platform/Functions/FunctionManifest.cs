using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing.Patterns;

namespace LocalGovStandard.Platform.Functions;

/// <summary>One function as the Functions host sees it, derived from an endpoint's declaration.</summary>
public sealed record FunctionDefinition(string Name, FunctionBinding[] Bindings)
{
    public FunctionBinding Trigger => Bindings[0];
}

public sealed record FunctionBinding
{
    public required string Type { get; init; }
    public required string Direction { get; init; }
    public required string Name { get; init; }
    public string? AuthLevel { get; init; }
    public string[]? Methods { get; init; }
    public string? Route { get; init; }
    public string? Schedule { get; init; }
    public string? QueueName { get; init; }
    public string? Connection { get; init; }
}

/// <summary>
/// Builds the Functions host's view of the app from the mapped endpoints, so each function is
/// declared once (next to its endpoint) and <c>function.json</c> is generated, never hand-written.
/// </summary>
public static class FunctionManifest
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static IReadOnlyList<FunctionDefinition> FromEndpoints(IEnumerable<EndpointDataSource> dataSources)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var endpoint in dataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<TimerFunctionDeclaration>() is { } timer)
            {
                functions.Add(TimerFunction(timer));
            }
            else if (endpoint.Metadata.GetMetadata<QueueFunctionDeclaration>() is { } queue)
            {
                functions.Add(QueueFunction(queue));
            }
            else if (endpoint.Metadata.GetMetadata<HttpFunctionDeclaration>() is { } http)
            {
                functions.Add(HttpFunction(http, endpoint));
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Function name '{duplicate.Key}' is declared on more than one endpoint.");
        }

        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes <c>{directory}/{function}/function.json</c> for every function.</summary>
    public static void WriteFunctionJsonFiles(IEnumerable<FunctionDefinition> functions, string directory)
    {
        foreach (var function in functions)
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, function.Name));
            var json = JsonSerializer.Serialize(new { bindings = function.Bindings }, JsonOptions);
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), json + "\n");
        }
    }

    /// <summary>
    /// The Functions route for the site root. The host replaces an empty route with the function's
    /// name, so the root needs an optional parameter that only the empty path satisfies.
    /// </summary>
    public const string RootRoute = "{ignored:maxlength(0)?}";

    public static string ToFunctionsRoute(RoutePattern pattern)
    {
        var route = string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(PartText))));
        return route.Length == 0 ? RootRoute : route;
    }

    private static string PartText(RoutePatternPart part) => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart { IsCatchAll: true } parameter => "{*" + parameter.Name + "}",
        RoutePatternParameterPart { IsOptional: true } parameter => "{" + parameter.Name + "?}",
        RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
        _ => throw new NotSupportedException($"Route part {part.GetType().Name} has no Functions equivalent."),
    };

    private static FunctionDefinition TimerFunction(TimerFunctionDeclaration timer) =>
        new(timer.Name,
        [
            new FunctionBinding { Type = "timerTrigger", Direction = "in", Name = "timer", Schedule = timer.Schedule },
        ]);

    private static FunctionDefinition QueueFunction(QueueFunctionDeclaration queue) =>
        new(queue.Name,
        [
            new FunctionBinding { Type = "queueTrigger", Direction = "in", Name = QueueFunctionEndpoints.BindingName, QueueName = queue.QueueName, Connection = queue.Connection },
        ]);

    private static FunctionDefinition HttpFunction(HttpFunctionDeclaration http, RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
            ?? throw new InvalidOperationException($"Function '{http.Name}' must be mapped to explicit HTTP methods.");
        return new FunctionDefinition(http.Name,
        [
            new FunctionBinding
            {
                Type = "httpTrigger",
                Direction = "in",
                Name = "req",
                AuthLevel = http.AuthLevel == FunctionAuthLevel.Function ? "function" : "anonymous",
                Methods = methods.Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray(),
                Route = ToFunctionsRoute(endpoint.RoutePattern),
            },
            new FunctionBinding { Type = "http", Direction = "out", Name = "res" },
        ]);
    }
}
