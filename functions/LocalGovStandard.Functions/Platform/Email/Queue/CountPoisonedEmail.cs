using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// Every 15 minutes, says in the log how many emails wait in the poison queue while any do: the
/// <c>email-poison-queue</c> alert fires on that line, so it stays on while the queue is not empty and clears
/// once an organiser has sent them again. Storage's queue metrics count every queue in the account together,
/// so they cannot say this.
/// </summary>
public sealed partial class CountPoisonedEmail(PoisonedEmails poisoned, ILogger<CountPoisonedEmail> logger) : ITimerFunction
{
    public const string Name = "CountPoisonedEmail";

    /// <summary>The words the <c>email-poison-queue</c> alert's query looks for in the log.</summary>
    public const string AlertText = "Poisoned email waiting";

    /// <summary>Every 15 minutes, on the quarter hour.</summary>
    public const string Schedule = "0 */15 * * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var count = await poisoned.CountAsync(cancellationToken);
        if (count > 0)
        {
            LogWaiting(count, EmailQueueOptions.PoisonQueueName);
        }

        return [$"{count} poisoned {(count == 1 ? "email" : "emails")} waiting in {EmailQueueOptions.PoisonQueueName}."];
    }

    [LoggerMessage(LogLevel.Warning, AlertText + ": {Count} in {Queue}")]
    private partial void LogWaiting(int count, string queue);
}
