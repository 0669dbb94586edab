using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Security;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using NetEscapades.AspNetCore.SecurityHeaders;
using Scalar.AspNetCore;

namespace LocalGovStandard.ApiReference;

/// <summary>
/// The OpenAPI document of every JSON route (<c>/openapi/v1.json</c>, Microsoft.AspNetCore.OpenApi) and a browsable
/// reference over it (<c>/api/reference</c>, Scalar, served from its package under its own CSP). See ADR 0014.
/// </summary>
public static class ApiReferenceEndpoints
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => IsApiRoute(description.RelativePath);
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
        });
        return services;
    }

    /// <summary>
    /// The routes the document describes: the JSON API under <c>/api</c> and the feed under <c>/odata</c>. Pages, the
    /// static files, the timer routes the Functions host posts to, and the reference itself are not part of the API.
    /// </summary>
    public static bool IsApiRoute(string? relativePath) =>
        relativePath is { } path
        && (path.StartsWith("api/", StringComparison.Ordinal) || path == "odata" || path.StartsWith("odata/", StringComparison.Ordinal))
        && !path.StartsWith(ApiErrors.ReferencePath.TrimStart('/'), StringComparison.Ordinal);

    public static void MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(ApiErrors.OpenApiDocumentPath).AsPublicFunction("OpenApiDocument");

        // Scalar maps the page and its three embedded files (script, helper, icon) in one group: each becomes its own
        // anonymous function, so the Functions host forwards them, named after the file they serve.
        app.MapScalarApiReference(ApiErrors.ReferencePath, (options, context) => options
                .WithTitle("LocalGov Standard API reference")
                .WithOpenApiRoutePattern(ApiErrors.OpenApiDocumentPath)
                .WithNonce(context.GetNonce())
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(ApiSecuritySchemes.OrganiserKey))
            .WithSecurityHeadersPolicy(SecurityHeaders.ReferencePolicy)
            .Add(endpoint => endpoint.Metadata.Add(new HttpFunctionDeclaration(FunctionName(endpoint), FunctionAuthLevel.Anonymous)));
    }

    /// <summary><c>ApiReference</c> for the page; <c>ApiReferenceScalarJs</c> and the like for its files.</summary>
    private static string FunctionName(EndpointBuilder endpoint)
    {
        var last = (endpoint as RouteEndpointBuilder)?.RoutePattern.PathSegments[^1].Parts is [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal]
            ? literal.Content
            : "";
        var words = last.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return "ApiReference" + string.Concat(words);
    }
}
