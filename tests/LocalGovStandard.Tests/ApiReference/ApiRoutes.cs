using System.Text.RegularExpressions;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace LocalGovStandard.Tests.ApiReference;

/// <summary>The app's API endpoints (route and method), from its endpoint data source, and the guard each is mapped behind.</summary>
public static partial class ApiRoutes
{
    public sealed record Operation(string Method, string Path, RouteEndpoint Endpoint)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>Every route under /api (but the reference itself) and /odata, once per method, with its path as OpenAPI writes it.</summary>
    public static IReadOnlyList<Operation> All(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Endpoint: endpoint, Path: OpenApiPath(endpoint.RoutePattern.RawText ?? "")))
            .Where(x => (x.Path.StartsWith("/api/", StringComparison.Ordinal) && !x.Path.StartsWith("/api/reference", StringComparison.Ordinal))
                || x.Path == "/odata" || x.Path.StartsWith("/odata/", StringComparison.Ordinal))
            .SelectMany(x => (x.Endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => new Operation(method, x.Path, x.Endpoint)))
            .ToList();

    /// <summary>
    /// The security schemes a route must declare, read from where its guard is applied: the organiser key filter runs on the
    /// /api/admin group, the read key filter on the /odata group, and the contact session is an authorization policy.
    /// </summary>
    public static string[] ExpectedSchemes(Operation operation) =>
        operation.Path.StartsWith("/api/admin/", StringComparison.Ordinal) ? ["organiserKey"]
        : operation.Path == "/odata" || operation.Path.StartsWith("/odata/", StringComparison.Ordinal) ? ["readKey"]
        : operation.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "verified-contact") ? ["bearerToken", "sessionCookie"]
        : [];

    /// <summary>A concrete path for the route, with plausible values for its parameters.</summary>
    public static string Fill(string path) =>
        Parameter().Replace(path, match => match.Groups["name"].Value switch
        {
            "councilCode" or "gssCode" => "E09000033",
            "reference" => "LGS-2222-2222",
            "name" => "PurgeExpiredVerifications",
            "number" or "point" => "1",
            "month" => "2026-11",
            "format" => "csv",
            "key" => "'E09000033'",
            "evidenceId" => "0f8fad5bd9cb469fa16570867728950e",
            _ => "x",
        });

    /// <summary>"/api/assessments/{reference}/points/{number:int}" becomes "/api/assessments/{reference}/points/{number}".</summary>
    private static string OpenApiPath(string template)
    {
        var path = "/" + Constraint().Replace(template.Trim('/'), "{$1}");
        return path;
    }

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)(?::[^{}]*?)?\??\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex Parameter();
}
