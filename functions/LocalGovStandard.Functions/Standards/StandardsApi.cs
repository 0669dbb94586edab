using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Standards;

public static class StandardsApi
{
    public static IServiceCollection AddStandards(this IServiceCollection services)
    {
        services.AddSingleton(_ => StandardCatalogue.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Standards", "Data")));
        return services;
    }

    public static void MapStandards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/standards", (StandardCatalogue catalogue) => TypedResults.Ok(new StandardsResponse(catalogue.Standards, catalogue.Mappings)))
            .AsPublicFunction("ListStandards");
    }

    public sealed record StandardsResponse(IReadOnlyList<Standard> Standards, IReadOnlyList<StandardMapping> Mappings);
}
