using LocalGovStandard.Platform.Audit;

namespace LocalGovStandard.Platform.Functions;

public static class TimerRuns
{
    /// <summary>
    /// Runs a timer function, however it was started (the host, the in-process scheduler, an organiser),
    /// and audits the run first, so a run that then fails is on the record too.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAuditedAsync(this ITimerFunction function, TimerContext context, AuditLog audit, CancellationToken cancellationToken)
    {
        await audit.WriteAsync(context.Trigger, "timer.run", context.FunctionName, context.IsPastDue ? "past due" : null, cancellationToken);
        return await function.RunAsync(context, cancellationToken);
    }
}
