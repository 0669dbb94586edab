using LocalGovStandard.Essentials.Pages;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Essentials;

/// <summary>The pages every UK public-sector service publishes, linked from every page's footer.</summary>
public static class EssentialsRegistration
{
    public const string AccessibilityPath = "/accessibility";
    public const string PrivacyPath = "/privacy";
    public const string CookiesPath = "/cookies";

    public static IServiceCollection AddEssentials(this IServiceCollection services)
    {
        services.AddOptions<EssentialsOptions>().BindConfiguration(EssentialsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static void MapEssentialPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccessibilityPath, () => new RazorComponentResult<AccessibilityStatementPage>()).AsPublicFunction("AccessibilityStatementPage");
        app.MapGet(PrivacyPath, () => new RazorComponentResult<PrivacyNoticePage>()).AsPublicFunction("PrivacyNoticePage");
        app.MapGet(CookiesPath, () => new RazorComponentResult<CookiesPage>()).AsPublicFunction("CookiesPage");
    }
}
