namespace LocalGovStandard.Platform.Errors;

public static class ProblemDetailsSetup
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["reference"] = ErrorReference.For(context.HttpContext);
            problem.Extensions.Remove("traceId");
            if (problem.Status == StatusCodes.Status404NotFound && problem.Type is null or "https://tools.ietf.org/html/rfc9110#section-15.5.5")
            {
                problem.Type = ApiErrors.NotFound.Uri;
                problem.Title = ApiErrors.NotFound.Title;
            }

            if (problem.Status == StatusCodes.Status415UnsupportedMediaType && problem.Type is null or "https://tools.ietf.org/html/rfc9110#section-15.5.16")
            {
                problem.Type = ApiErrors.UnsupportedMediaType.Uri;
                problem.Title = ApiErrors.UnsupportedMediaType.Title;
                problem.Detail ??= "Send the request body as JSON with Content-Type: application/json.";
            }
        });
        services.AddExceptionHandler<FaultExceptionHandler>();
        return services;
    }
}
