using LocalGovStandard.Platform.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LocalGovStandard.ApiReference;

/// <summary>The document's title and introduction, the security schemes, and the tags that group its routes.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "LocalGov Standard API",
            Version = ApiReferenceEndpoints.DocumentName,
            Description = "The JSON routes of the LocalGov Standard back office: the public sign-up and look-ups, a verified contact's "
                + "assessments, the organiser's routes under /api/admin, and the read-only OData feed under /odata. Every error is an "
                + "RFC 9457 problem (application/problem+json) with a type, a title, a detail and a reference to quote to the team; "
                + "a 400 names each field at fault in errors. A 503 means storage or email was briefly unreachable and nothing was "
                + $"saved: retry after the Retry-After header. Browse this document at {ApiErrors.ReferencePath}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = ApiSecuritySchemes.All();
        document.Tags = new HashSet<OpenApiTag>(ApiRouteDocs.Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
        return Task.CompletedTask;
    }
}
