using LocalGovStandard.Dashboard.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// The public page of one council that agreed to be listed (<c>/dashboard/councils/{code}</c>). Any other code,
/// listed or not, gets the same bare 404 as an unknown address, so the answer never tells whether a council signed up.
/// </summary>
public static class CouncilPages
{
    public static IServiceCollection AddCouncilPages(this IServiceCollection services) => services.AddSingleton<CouncilViewLoader>();

    public static void MapCouncilPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(DashboardPages.PublicPath + "/councils/{code}", ShowAsync).AsPublicFunction("DashboardCouncil");
    }

    private static async Task<IResult> ShowAsync(string code, CouncilViewLoader loader, CancellationToken cancellationToken) =>
        await loader.LoadAsync(code, cancellationToken) is { } view
            ? new ComponentParameters<CouncilPage>().Set(p => p.View, view).Result(StatusCodes.Status200OK)
            : TypedResults.NotFound();
}
