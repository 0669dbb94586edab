using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Sends through the SendGrid SDK. Retries of 429 and 5xx (honouring Retry-After) happen in the
/// resilience handler of the named HttpClient, so this class sees only the final answer.
/// </summary>
public sealed class SendGridEmailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options) : IEmailSender, IBatchEmailSender
{
    public const string HttpClientName = "SendGrid";

    public Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        PostAsync(ToSendGrid(message, options.Value), message.MessageId, cancellationToken);

    /// <summary>One request: a personalization per recipient, each with its own to, substitutions, headers and custom_args.</summary>
    public Task<EmailReceipt> SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Recipients.Count is 0 or > EmailBatch.MaxRecipients)
        {
            throw new ArgumentException($"A batch has 1 to {EmailBatch.MaxRecipients} recipients.", nameof(batch));
        }

        return PostAsync(ToSendGrid(batch, options.Value), batch.Recipients[0].MessageId, cancellationToken);
    }

    private async Task<EmailReceipt> PostAsync(SendGridMessage mail, string fallbackId, CancellationToken cancellationToken)
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
            response = await client.SendEmailAsync(mail, cancellationToken);
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
        return new EmailReceipt(providerId ?? fallbackId);
    }

    internal static SendGridMessage ToSendGrid(EmailBatch batch, SendGridOptions settings)
    {
        var mail = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(settings.FromEmail, settings.FromName),
            Subject = batch.SubjectTemplate,
            PlainTextContent = batch.TextTemplate,
            HtmlContent = batch.HtmlTemplate,
            Personalizations = batch.Recipients.Select(recipient => new Personalization
            {
                Tos = [new SendGrid.Helpers.Mail.EmailAddress(recipient.To.Email, recipient.To.Name)],
                Substitutions = EmailBatch.Substitutions(recipient),
                CustomArgs = new Dictionary<string, string> { ["message_id"] = recipient.MessageId },
                Headers = recipient.Headers.Count == 0 ? null : recipient.Headers.ToDictionary(),
            }).ToList(),
        };
        mail.AddCategory(batch.Category);
        return mail;
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
        foreach (var (name, value) in message.Headers)
        {
            mail.AddHeader(name, value);
        }

        foreach (var attachment in message.Attachments)
        {
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        return mail;
    }
}
