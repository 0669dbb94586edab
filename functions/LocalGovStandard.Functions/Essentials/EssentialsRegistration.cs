using LocalGovStandard.Essentials.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;

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
        app.MapGet(AccessibilityPath, () => new ComponentParameters<AccessibilityStatementPage>().Result()).AsPublicFunction("AccessibilityStatementPage");
        app.MapGet(PrivacyPath, () => new ComponentParameters<PrivacyNoticePage>().Result()).AsPublicFunction("PrivacyNoticePage");
        app.MapGet(CookiesPath, () => new ComponentParameters<CookiesPage>().Result()).AsPublicFunction("CookiesPage");
    }
}
