namespace LocalGovStandard.Platform.Email;

public sealed record EmailAddress(string Email, string? Name = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <param name="MessageId">Our own id for the message; sent to SendGrid in <c>custom_args</c> and kept in the ledger.</param>
/// <param name="Category">What kind of mail this is, for SendGrid statistics ("verification", "report", ...).</param>
public sealed record EmailMessage(
    string MessageId,
    string Category,
    EmailAddress To,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Extra headers, e.g. List-Unsubscribe. Names and values must be single-line ASCII.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <param name="ProviderMessageId">SendGrid's X-Message-Id, or the outbox file name.</param>
public sealed record EmailReceipt(string ProviderMessageId);

/// <summary>The provider refused the message, or stayed unreachable after the retries ran out.</summary>
public sealed class EmailDeliveryException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    public int? StatusCode { get; } = statusCode;
}
