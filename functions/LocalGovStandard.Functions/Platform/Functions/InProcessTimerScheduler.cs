using LocalGovStandard.Platform.Audit;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Functions;

public sealed class TimerSchedulerOptions
{
    /// <summary>Runs timer functions in this process. Off under the Functions host, which fires them itself.</summary>
    public bool RunInProcess { get; set; } = true;
}

/// <summary>
/// Standalone stand-in for the Functions host's timer triggers: fires each declared timer function
/// on its own NCRONTAB schedule (UTC).
/// </summary>
public sealed partial class InProcessTimerScheduler(
    EndpointDataSource endpoints,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<TimerSchedulerOptions> options,
    ILogger<InProcessTimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInProcess)
        {
            return;
        }

        var timers = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<TimerFunctionDeclaration>())
            .OfType<TimerFunctionDeclaration>()
            .ToList();
        await Task.WhenAll(timers.Select(timer => RunOnScheduleAsync(timer, stoppingToken)));
    }

    private async Task RunOnScheduleAsync(TimerFunctionDeclaration timer, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = TimerSchedule.NextAfter(timer.Schedule, now);
            if (next is null)
            {
                return;
            }

            LogNextRun(timer.Name, next.Value);
            try
            {
                await Task.Delay(next.Value - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(timer, stoppingToken);
        }
    }

    private async Task RunOnceAsync(TimerFunctionDeclaration timer, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var function = (ITimerFunction)scope.ServiceProvider.GetRequiredService(timer.Implementation);
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var logs = await function.RunAuditedAsync(new TimerContext(timer.Name, "scheduler", clock.GetUtcNow(), false), audit, stoppingToken);
            LogRan(timer.Name, string.Join("; ", logs));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed run must not stop the schedule; the next occurrence tries again.
            LogFailed(exception, timer.Name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Timer function {Function} next runs at {NextRun:u}")]
    private partial void LogNextRun(string function, DateTimeOffset nextRun);

    [LoggerMessage(LogLevel.Information, "Timer function {Function} ran: {Summary}")]
    private partial void LogRan(string function, string summary);

    [LoggerMessage(LogLevel.Error, "Timer function {Function} failed")]
    private partial void LogFailed(Exception exception, string function);
}
