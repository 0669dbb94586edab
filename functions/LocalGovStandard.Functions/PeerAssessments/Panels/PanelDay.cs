using LocalGovStandard.Assessments;
using LocalGovStandard.PeerAssessments.Panels.Pages;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>The assessment day: panel members' grants, their pages, and the report the lead assessor's submit publishes.</summary>
public static class PanelDay
{
    public static IServiceCollection AddPanelDay(this IServiceCollection services)
    {
        services.AddSingleton<PanelGrant>();
        services.AddSingleton<IPanelGrants>(provider => provider.GetRequiredService<PanelGrant>());
        services.AddSingleton<IPanelReports, PanelReport>();
        return services;
    }

    public static void MapPanelDay(this IEndpointRouteBuilder app) => app.MapPanelPages();
}
