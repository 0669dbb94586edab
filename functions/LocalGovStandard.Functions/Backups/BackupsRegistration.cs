using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.Backups;

public static class BackupsRegistration
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TableBackup>();
        services.AddSingleton<BackupTables>();
        services.AddSingleton<ErasuresOnRestore>();
        services.AddSingleton<BackupRestore>();
        return services;
    }

    public static void MapBackups(this IEndpointRouteBuilder app) =>
        app.MapTimerFunction<BackupTables>(BackupTables.Name, BackupTables.Schedule);
}
