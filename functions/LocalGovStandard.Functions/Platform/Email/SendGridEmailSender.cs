using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Sends through the SendGrid SDK. Retries of 429 and 5xx (honouring Retry-After) happen in the
/// resilience handler of the named HttpClient, so this class sees only the final answer.
/// </summary>
public sealed class SendGridEmailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options) : IEmailSender
{
    public const string HttpClientName = "SendGrid";

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clientOptions = new SendGridClientOptions { ApiKey = settings.ApiKey };
        if (!string.IsNullOrWhiteSpace(settings.Host))
        {
            clientOptions.Host = settings.Host;
        }

        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), clientOptions);
        Response response;
        try
        {
            response = await client.SendEmailAsync(ToSendGrid(message, settings), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new EmailDeliveryException("SendGrid could not be reached.", inner: exception);
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new EmailDeliveryException($"SendGrid answered {(int)response.StatusCode} {response.StatusCode}.", (int)response.StatusCode);
        }

        var providerId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
        return new EmailReceipt(providerId ?? message.MessageId);
    }

    internal static SendGridMessage ToSendGrid(EmailMessage message, SendGridOptions settings)
    {
        var mail = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(settings.FromEmail, settings.FromName),
            Subject = message.Subject,
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };
        mail.AddTo(new SendGrid.Helpers.Mail.EmailAddress(message.To.Email, message.To.Name));
        mail.AddCustomArg("message_id", message.MessageId);
        mail.AddCategory(message.Category);
        foreach (var attachment in message.Attachments)
        {
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        return mail;
    }
}
