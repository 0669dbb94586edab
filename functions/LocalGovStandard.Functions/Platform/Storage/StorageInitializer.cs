using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using LocalGovStandard.Platform.Telemetry;

namespace LocalGovStandard.Platform.Storage;

/// <summary>
/// Creates the tables and containers the app needs, against an emulator (in Azure the Bicep has created them;
/// <see cref="StorageRegistration.CreatesAtStart"/>). Startup never fails because storage is down:
/// it keeps trying in the background, and <c>/api/health</c> reports 503 until storage answers.
/// </summary>
public sealed partial class StorageInitializer(
    TableServiceClient tables,
    BlobServiceClient blobs,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<StorageInitializer> logger) : IHostedService, IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StartupTimeline.Mark("storage-initialising");
        if (!StorageRegistration.CreatesAtStart(configuration))
        {
            _ready.TrySetResult();
            return;
        }

        if (await TryCreateAllAsync(cancellationToken))
        {
            StartupTimeline.Mark("storage-ready");
            return;
        }

        _ = Task.Run(() => RetryUntilCreatedAsync(_stopping.Token), CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopRetrying();
        return Task.CompletedTask;
    }

    /// <summary>The host may stop this service after the container disposed it; both paths stop the retries once.</summary>
    public void Dispose()
    {
        StopRetrying();
        _stopping.Dispose();
    }

    private void StopRetrying()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stopping.Cancel();
        }
    }

    /// <summary>One read from Table storage, of a row that never exists, for the health check: throws while storage does not answer.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken) =>
        await tables.GetTableClient(TableNames.Councils).GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: cancellationToken);

    public async Task<bool> TryCreateAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await Task.WhenAll(TableNames.All.Select(name => tables.CreateTableIfNotExistsAsync(name, timeout.Token)));
            await Task.WhenAll(BlobContainerNames.All.Select(name => blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync(cancellationToken: timeout.Token)));
            _ready.TrySetResult();
            return true;
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
        {
            LogNotReady(exception.GetType().Name);
            return false;
        }
    }

    private async Task RetryUntilCreatedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !await TryCreateAllAsync(stoppingToken))
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Storage is not reachable yet ({Fault}); retrying in the background")]
    private partial void LogNotReady(string fault);
}
