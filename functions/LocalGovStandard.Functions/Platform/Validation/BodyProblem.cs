using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace LocalGovStandard.Platform.Validation;

/// <summary>
/// A request body that could not be used: 400 with the fields at fault (or the body as a whole), or 415 for the
/// wrong content type. A typed result, so a route that reads a body says so in its return type and its OpenAPI responses.
/// </summary>
public sealed class BodyProblem : IResult, IEndpointMetadataProvider
{
    private readonly IResult _problem;

    /// <param name="problem">A 400 or 415 problem (a route with a size limit may also pass its 413).</param>
    public BodyProblem(IResult problem) => _problem = problem;

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }
}
