namespace LocalGovStandard.Platform.Functions;

/// <summary>
/// A timer-triggered function. The same implementation runs when the Functions host invokes it,
/// when the in-process scheduler fires it, and when an organiser runs it from the admin route.
/// </summary>
public interface ITimerFunction
{
    /// <returns>Lines for the invocation log, safe to show to an organiser (no personal data).</returns>
    Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken);
}

/// <param name="Trigger">"host", "scheduler" or "organiser".</param>
/// <param name="IsPastDue">The host's flag that this run is late.</param>
public sealed record TimerContext(string FunctionName, string Trigger, DateTimeOffset StartedAt, bool IsPastDue);

/// <summary>
/// A timer function that the in-process scheduler also runs once at start when it has not yet produced
/// anything (for example, the dashboard before its first snapshots), rather than waiting for its schedule.
/// </summary>
public interface IDueAtStart
{
    Task<bool> IsDueAtStartAsync(CancellationToken cancellationToken);
}
