using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace LocalGovStandard.Assessments;

/// <summary>
/// Why a write to an assessment did not happen: 404 (not this council's, or no such thing), 409 (the draft changed since
/// it was read, or it is submitted) or 400 (the answers are not valid); a route that needs If-Match also answers 428
/// with it. A typed result, so the write routes' OpenAPI responses come from their return types.
/// </summary>
public sealed class WriteProblem : IResult, IEndpointMetadataProvider
{
    private readonly IResult _problem;

    private WriteProblem(IResult problem) => _problem = problem;

    public static implicit operator WriteProblem(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) => new(problem);

    public static implicit operator WriteProblem(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem) => new(problem);

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        foreach (var status in new[] { StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }
    }
}
