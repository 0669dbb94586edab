namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// The email outbox queue. Under the Functions host its queue trigger delivers it, with host.json's
/// <c>extensions.queues</c> settings; standalone, <see cref="InProcessQueueListener"/> does the same with these.
/// </summary>
public sealed class EmailQueueOptions
{
    public const string Section = "EmailQueue";

    /// <summary>The queue's name; its poison queue is this name with <c>-poison</c>, as the host names it.</summary>
    public const string QueueName = "email-outbox";

    public const string PoisonQueueName = QueueName + "-poison";

    /// <summary>The app setting (prefix) the queue trigger's <c>connection</c> names.</summary>
    public const string ConnectionSetting = "EmailQueue";

    /// <summary>Delivers the queue in this process. Off under the Functions host, whose queue trigger delivers it.</summary>
    public bool RunInProcess { get; set; } = true;

    /// <summary>As host.json's <c>maxDequeueCount</c>: a message that failed this many times goes to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>As host.json's <c>visibilityTimeout</c>: how long a failed message waits before its next try.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a message being delivered stays invisible to other listeners.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the listener waits after finding the queue empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
