namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// An email too large for a queue message: Azure Queue Storage takes at most 64 KiB, counted after the base64 the queue
/// trigger expects, so at most 48 KiB of message text. Nothing was queued; the request answers with an error rather
/// than saying the email is on its way.
/// </summary>
public sealed class QueuedEmailTooLargeException(string kind, string messageId, long queuedBytes)
    : Exception($"Email {messageId} ({kind}) would take {queuedBytes:N0} bytes in the queue, over its limit of {EmailOutbox.MaxQueuedBytes:N0}; it was not queued.")
{
    public long QueuedBytes => queuedBytes;
}
