using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>The app's own list of the routes anyone can call (anonymous HTTP functions), from its endpoint data sources.</summary>
public static class PublicRoutes
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>"METHOD /route/template" for every anonymous function that accepts a body or changes something.</summary>
    public static IReadOnlyList<string> Writes(IServiceProvider services) => Writes(services, anonymousOnly: true);

    /// <summary>Also the organiser-key routes (whose bad-input cases are there because their briefs asked for them).</summary>
    public static IReadOnlyList<string> Writes(IServiceProvider services, bool anonymousOnly) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpFunctionDeclaration>() is { } function
                && (!anonymousOnly || function.AuthLevel == FunctionAuthLevel.Anonymous))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(method => WriteMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
                .Select(method => Key(method, endpoint.RoutePattern.RawText ?? "")))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Key(string method, string template) => $"{method.ToUpperInvariant()} /{template.Trim('/')}";
}
