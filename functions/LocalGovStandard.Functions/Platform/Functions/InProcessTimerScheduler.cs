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
/// on its own NCRONTAB schedule (UTC). A timer that is <see cref="IDueAtStart"/> also runs once at start when it says so.
/// </summary>
public sealed partial class InProcessTimerScheduler(
    EndpointDataSource endpoints,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<TimerSchedulerOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<InProcessTimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInProcess)
        {
            return;
        }

        // This runs on its own thread while the host goes on to start the web server, and the endpoints (and so
        // the timer declarations) exist only once that has built its pipeline: read before then, there were none.
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }

        var timers = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<TimerFunctionDeclaration>())
            .OfType<TimerFunctionDeclaration>()
            .ToList();
        LogFound(timers.Count);
        await Task.WhenAll(timers.Select(timer => RunAtStartThenOnScheduleAsync(timer, stoppingToken)));
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task RunAtStartThenOnScheduleAsync(TimerFunctionDeclaration timer, CancellationToken stoppingToken)
    {
        if (await IsDueAtStartAsync(timer, stoppingToken))
        {
            LogDueAtStart(timer.Name);
            await RunOnceAsync(timer, stoppingToken);
        }

        await RunOnScheduleAsync(timer, stoppingToken);
    }

    private async Task<bool> IsDueAtStartAsync(TimerFunctionDeclaration timer, CancellationToken stoppingToken)
    {
        if (!typeof(IDueAtStart).IsAssignableFrom(timer.Implementation))
        {
            return false;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var function = (IDueAtStart)scope.ServiceProvider.GetRequiredService(timer.Implementation);
            return await function.IsDueAtStartAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Storage may still be starting; the schedule runs the timer when its time comes anyway.
            LogFailed(exception, timer.Name);
            return false;
        }
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
                // A timer can wake a little early; wait again until the occurrence has really come.
                while (clock.GetUtcNow() is var current && current < next.Value)
                {
                    await Task.Delay(next.Value - current, clock, stoppingToken);
                }
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

    [LoggerMessage(LogLevel.Information, "In-process timer scheduler: {Count} timer functions")]
    private partial void LogFound(int count);

    [LoggerMessage(LogLevel.Information, "Timer function {Function} is due at start")]
    private partial void LogDueAtStart(string function);

    [LoggerMessage(LogLevel.Information, "Timer function {Function} next runs at {NextRun:u}")]
    private partial void LogNextRun(string function, DateTimeOffset nextRun);

    [LoggerMessage(LogLevel.Information, "Timer function {Function} ran: {Summary}")]
    private partial void LogRan(string function, string summary);

    [LoggerMessage(LogLevel.Error, "Timer function {Function} failed")]
    private partial void LogFailed(Exception exception, string function);
}
