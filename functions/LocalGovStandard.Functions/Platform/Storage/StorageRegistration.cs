using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;

namespace LocalGovStandard.Platform.Storage;

public static class StorageRegistration
{
    private const string SettingName = "AzureWebJobsStorage";
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>true or false to say whether the app creates its tables and containers at start; unset, it does so only against an emulator.</summary>
    public const string CreateAtStartSetting = "Storage:CreateAtStart";

    /// <summary>
    /// Registers the Table, Blob and Queue clients once, from <c>AzureWebJobsStorage</c>: either a connection
    /// string (Azurite locally) or, in Azure, the identity-based <c>AzureWebJobsStorage__accountName</c>.
    /// Storage calls fail fast (two quick retries) so a request can answer 503 instead of hanging.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddAzureClients(clients =>
        {
            clients.AddClient<TableServiceClient, TableClientOptions>((options, provider) =>
            {
                Configure(options);
                var (connectionString, accountName) = Read(provider.GetRequiredService<IConfiguration>());
                return accountName is null
                    ? new TableServiceClient(connectionString, options)
                    : new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), new DefaultAzureCredential(), options);
            });
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, provider) =>
            {
                Configure(options);
                var (connectionString, accountName) = Read(provider.GetRequiredService<IConfiguration>());
                return accountName is null
                    ? new BlobServiceClient(connectionString, options)
                    : new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), new DefaultAzureCredential(), options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, provider) =>
            {
                Configure(options);
                // The Functions host's queue trigger expects base64 message text by default.
                options.MessageEncoding = QueueMessageEncoding.Base64;
                var (connectionString, accountName) = Read(provider.GetRequiredService<IConfiguration>());
                return accountName is null
                    ? new QueueServiceClient(connectionString, options)
                    : new QueueServiceClient(new Uri($"https://{accountName}.queue.core.windows.net"), new DefaultAzureCredential(), options);
            });
        });

        foreach (var table in TableNames.All)
        {
            services.AddKeyedSingleton(table, (provider, _) => provider.GetRequiredService<TableServiceClient>().GetTableClient(table));
        }

        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(provider => provider.GetRequiredService<StorageInitializer>());
        return services;
    }

    /// <summary>
    /// In Azure the Bicep creates every table and container (storage.bicep, checked by BicepTemplateTests), so start-up
    /// need not wait for twenty "already exists" answers. Against Azurite (local runs, tests) nothing else creates them.
    /// </summary>
    public static bool CreatesAtStart(IConfiguration configuration)
    {
        if (bool.TryParse(configuration[CreateAtStartSetting], out var configured))
        {
            return configured;
        }

        var (connectionString, accountName) = Read(configuration);
        return accountName is null && IsEmulator(connectionString);
    }

    private static bool IsEmulator(string connectionString) =>
        connectionString.Contains(DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("://127.0.0.1", StringComparison.Ordinal)
        || connectionString.Contains("://localhost", StringComparison.OrdinalIgnoreCase);

    private static (string ConnectionString, string? AccountName) Read(IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        var accountName = configuration[$"{SettingName}:accountName"];
        return string.IsNullOrWhiteSpace(connectionString) && !string.IsNullOrWhiteSpace(accountName)
            ? ("", accountName)
            : (string.IsNullOrWhiteSpace(connectionString) ? DevelopmentStorage : connectionString, null);
    }

    private static void Configure(ClientOptions options)
    {
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
