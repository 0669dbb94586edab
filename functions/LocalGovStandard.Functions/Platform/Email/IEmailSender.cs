namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Sends one message and returns only once the provider has accepted it (SendGrid: 202).
/// Throws <see cref="EmailDeliveryException"/> when it was not accepted.
/// </summary>
public interface IEmailSender
{
    Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
