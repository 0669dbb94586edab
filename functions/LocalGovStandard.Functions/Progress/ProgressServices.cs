namespace LocalGovStandard.Progress;

/// <summary>The shared read model behind the workbooks, the dashboard and the feed: it has no endpoints of its own.</summary>
public static class ProgressServices
{
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        services.AddSingleton<ProgressLoader>();
        services.AddSingleton<ProgressCalculator>();
        services.AddSingleton<SupportNeedsProgress>();
        services.AddSingleton<PeerAssessmentProgress>();
        services.AddSingleton<AttendanceProgress>();
        return services;
    }
}
