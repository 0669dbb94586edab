using System.Text.Json;
using System.Text.Json.Serialization;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// One queued email. In clear: what kind it is, the recipient's domain and when it was queued (for the poison-queue
/// view), and its mail-ledger key. The email itself (address, name, body, attachments, any link with a secret) travels only
/// inside <see cref="Content"/>, encrypted and signed with the app's Data Protection keys, which live in Blob Storage:
/// a leaked queue message shows no address and no usable link, and a forged one is refused.
/// </summary>
public sealed record OutboxMessage(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("ledger")] string LedgerPartition,
    [property: JsonPropertyName("id")] string MessageId,
    [property: JsonPropertyName("domain")] string RecipientDomain,
    [property: JsonPropertyName("queuedAt")] DateTimeOffset QueuedAt,
    [property: JsonPropertyName("content")] string Content)
{
    /// <summary>
    /// The <see cref="QuotaKinds">per-address quota</see> the delivery takes before the first try, when the request did not
    /// take it (so the request stays within its storage budget); null when the request took it or none applies.
    /// </summary>
    [JsonPropertyName("quota")]
    public string? QuotaKind { get; init; }

    private const string Purpose = "LocalGovStandard.EmailOutbox.v1";

    /// <param name="audit">The audit entry the delivery writes, once, before its first try (see <see cref="OpenedEmail.Audit"/>).</param>
    public static OutboxMessage Seal(IDataProtectionProvider protection, string ledgerPartition, EmailMessage message, DateTimeOffset now, string? quotaKind, AuditRecord? audit = null)
    {
        var sealedContent = new SealedEmail(ledgerPartition, message.MessageId, message.Category, message.To.Email, message.To.Name,
            message.Subject, message.TextBody, message.HtmlBody, message.Headers.Count == 0 ? null : new Dictionary<string, string>(message.Headers),
            message.Attachments.Count == 0 ? null : message.Attachments.ToList()) { QueuedAt = now, Audit = audit };
        var content = protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(sealedContent, OutboxJson.Default.SealedEmail));
        return new OutboxMessage(message.Category, ledgerPartition, message.MessageId, EmailAddresses.DomainOf(message.To.Email), now, content) { QuotaKind = quotaKind };
    }

    /// <summary>The email, its ledger partition and its audit entry, once the content proves to be ours and to match the clear key.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The content was not sealed by this app, or was changed.</exception>
    public OpenedEmail Open(IDataProtectionProvider protection)
    {
        var json = protection.CreateProtector(Purpose).Unprotect(Content);
        var email = JsonSerializer.Deserialize(json, OutboxJson.Default.SealedEmail)
            ?? throw new System.Security.Cryptography.CryptographicException("The queued email is empty.");
        if (email.LedgerPartition != LedgerPartition || email.MessageId != MessageId || (email.QueuedAt is { } queuedAt && queuedAt != QueuedAt))
        {
            // The clear time matters: a send checks it against erasures made since.
            throw new System.Security.Cryptography.CryptographicException("The queued email does not match its ledger key and time.");
        }

        var message = new EmailMessage(email.MessageId, email.Category, new EmailAddress(email.To, email.Name), email.Subject, email.Text, email.Html)
        {
            Headers = email.Headers ?? [],
            Attachments = email.Attachments ?? [],
        };
        return new OpenedEmail(email.LedgerPartition, message, email.Audit);
    }

    public string ToJson() => JsonSerializer.Serialize(this, OutboxJson.Default.OutboxMessage);

    /// <returns>Null when the text is not an outbox message.</returns>
    public static OutboxMessage? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var message = JsonSerializer.Deserialize(text, OutboxJson.Default.OutboxMessage);
            return message is { Kind: not null, LedgerPartition: not null, MessageId: not null, Content: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record SealedEmail(
    string LedgerPartition, string MessageId, string Category, string To, string? Name, string Subject, string Text, string Html,
    Dictionary<string, string>? Headers, List<EmailAttachment>? Attachments)
{
    /// <summary>Absent from messages sealed before it was added.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    public AuditRecord? Audit { get; init; }
}

/// <param name="Audit">
/// The change that queued the email, when its request left the audit entry to the delivery to stay within its storage
/// budget; sealed with the email, so only the app can ask for one, and written at the time the email was queued.
/// </param>
public sealed record OpenedEmail(string LedgerPartition, EmailMessage Message, AuditRecord? Audit);

[JsonSerializable(typeof(OutboxMessage))]
[JsonSerializable(typeof(SealedEmail))]
[JsonSerializable(typeof(AuditRecord))]
internal sealed partial class OutboxJson : JsonSerializerContext;
