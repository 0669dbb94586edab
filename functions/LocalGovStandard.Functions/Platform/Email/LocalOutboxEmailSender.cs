using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Email;

/// <summary>Development stand-in for SendGrid: writes each message to the outbox folder as an .eml file.</summary>
public sealed class LocalOutboxEmailSender(IOptions<LocalOutboxOptions> outbox, IOptions<SendGridOptions> sendGrid, TimeProvider clock) : IEmailSender, IBatchEmailSender
{
    /// <summary>One .eml file per recipient, each rendered as SendGrid would substitute it.</summary>
    public async Task<EmailReceipt> SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        EmailReceipt? first = null;
        foreach (var recipient in batch.Recipients)
        {
            var receipt = await SendAsync(batch.Render(recipient), cancellationToken);
            first ??= receipt;
        }

        return first ?? new EmailReceipt("empty-batch");
    }

    public string Folder => Path.GetFullPath(outbox.Value.Path);

    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var now = clock.GetUtcNow();
        var fileName = $"{now:yyyyMMdd-HHmmss-fff}-{SafeName(message.MessageId)}.eml";
        var from = new EmailAddress(sendGrid.Value.FromEmail, sendGrid.Value.FromName);
        await File.WriteAllTextAsync(Path.Combine(Folder, fileName), EmlWriter.Write(message, from, now), cancellationToken);
        return new EmailReceipt(fileName);
    }

    private static string SafeName(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').Take(80).ToArray());
}
