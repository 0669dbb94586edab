using System.Text;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Register;

public static class RegisterApi
{
    public static IServiceCollection AddRegister(this IServiceCollection services)
    {
        services.AddSingleton<CouncilDirectory>();
        services.AddSingleton<CouncilDomains>();
        services.AddSingleton<CouncilDomainImport>();
        services.AddSingleton<RegisterImporter>();
        return services;
    }

    public static void MapRegister(this RouteGroupBuilder admin)
    {
        admin.MapPost("/register", ImportAsync)
            .AsKeyedFunction("ImportRegister")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(RegisterImporter.MaxCsvBytes));
    }

    private static async Task<Results<Ok<RegisterImportResult>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, RegisterImporter importer, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return ApiErrors.Problem(ApiErrors.UnsupportedMediaType,
                "Send the register as the request body with Content-Type: text/csv.");
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var result = await importer.ImportAsync(reader, "organiser", progress: null, cancellationToken);
        return TypedResults.Ok(result);
    }
}
