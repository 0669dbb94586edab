using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;

namespace LocalGovStandard.Platform.Storage;

public static class StorageRegistration
{
    private const string SettingName = "AzureWebJobsStorage";
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// Registers the Table and Blob clients once, from <c>AzureWebJobsStorage</c>: either a connection
    /// string (Azurite locally) or, in Azure, the identity-based <c>AzureWebJobsStorage__accountName</c>.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        var accountName = configuration[$"{SettingName}:accountName"];

        services.AddAzureClients(clients =>
        {
            if (string.IsNullOrWhiteSpace(connectionString) && !string.IsNullOrWhiteSpace(accountName))
            {
                clients.AddTableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"));
                clients.AddBlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"));
                clients.UseCredential(new DefaultAzureCredential());
            }
            else
            {
                var connection = string.IsNullOrWhiteSpace(connectionString) ? DevelopmentStorage : connectionString;
                clients.AddTableServiceClient(connection);
                clients.AddBlobServiceClient(connection);
            }
        });

        foreach (var table in TableNames.All)
        {
            services.AddKeyedSingleton(table, (provider, _) => provider.GetRequiredService<TableServiceClient>().GetTableClient(table));
        }

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }
}
