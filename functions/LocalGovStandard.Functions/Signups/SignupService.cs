using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <param name="IsNew">False when the same person had already signed up: the same reference comes back.</param>
/// <param name="VerificationEmail">"sending", "sent" or "not-sent" for the latest link; null once verified.</param>
public sealed record SignupOutcome(string Reference, string GssCode, string Status, bool IsNew, string? VerificationEmail)
{
    public bool EmailNotSent => VerificationEmail == VerificationEmailStatus.NotSent;
}

public enum VerificationResult
{
    Verified,

    /// <summary>The address is confirmed, but it is not on a council domain: someone must approve the person.</summary>
    AwaitingApproval,
    AlreadyUsed,
    Expired,
    Invalid,
}

/// <param name="Status">The contact's status after the link was used (for "already used": whether they still wait for approval).</param>
public sealed record VerificationOutcome(VerificationResult Result, string? CouncilName = null, string? Reference = null, string? Status = null);

public sealed class SignupService(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    CouncilDomains domains,
    ContactApprovals approvals,
    AddressQuota quota,
    MailLedger mail,
    EmailOutbox outbox,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    private const int ConcurrencyRetries = 5;

    /// <summary>A repeat sign-up within this time of the last link gets no new link (double clicks, retries, races).</summary>
    public static readonly TimeSpan ResendInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a queued link's email, not yet tried, counts as on its way: far longer than the queue takes to start on it,
    /// and shorter than the Retry-After of the 503 a cut-off sign-up answered.
    /// </summary>
    public static readonly TimeSpan QueuedEmailGrace = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Stores a pending contact (one insert: stored whole or not at all), then queues the email with the link and answers:
    /// a new sign-up takes two storage requests (the insert, the queued email) before its answer; the email carries the
    /// sign-up's audit entry, which its delivery writes (<see cref="QueuedAudit"/>).
    /// The same person again keeps the same reference: while still pending their latest details are stored and they get
    /// a fresh link (earlier links keep working until they expire); once confirmed they get an email saying so instead.
    /// Each address gets at most <see cref="ServiceOptions.EmailsPerAddressPerHour"/> such emails an hour (for a new sign-up,
    /// the queue's delivery counts it, off the request path).
    /// </summary>
    public async Task<SignupOutcome> SubmitAsync(ValidSignup signup, CancellationToken cancellationToken)
    {
        var council = signup.Council;
        var partition = council.Region.Slug;
        var rowKey = SignupKeys.ContactRowKey(council.GssCode, ContactKey(signup.ContactEmail));

        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            // Most sign-ups are new: insert first, and read only when the address is already there.
            var created = await TryCreateAsync(signup, partition, rowKey, cancellationToken);
            if (created is not null)
            {
                return created;
            }

            var existing = await table.GetEntityIfExistsAsync<ContactEntity>(partition, rowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue;
            }

            var contact = existing.Value!;
            if (contact.Status != ContactEntity.Pending)
            {
                var told = await TellAlreadySignedUpAsync(contact, cancellationToken);
                return new SignupOutcome(contact.Reference, council.GssCode, contact.Status, IsNew: false, told ? VerificationEmailStatus.Sending : VerificationEmailStatus.NotSent);
            }

            var changed = TakeLatestDetails(contact, signup);
            if (await LatestLinkStandsAsync(contact, cancellationToken)
                || !await quota.TryTakeAsync(QuotaKinds.Verification, contact.ContactEmail, cancellationToken))
            {
                if (!changed || await TrySaveDetailsAsync(contact, cancellationToken))
                {
                    return new SignupOutcome(contact.Reference, council.GssCode, contact.Status, IsNew: false, contact.VerificationEmail);
                }

                continue;
            }

            var reissued = await TryReissueLinkAsync(contact, cancellationToken);
            if (reissued is not null)
            {
                return reissued;
            }
        }

        throw new RequestFailedException(503, "The sign-up kept changing while it was being saved.");
    }

    public async Task<VerificationOutcome> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        var parsed = VerificationToken.TryDecode(token);
        if (parsed is null)
        {
            return new VerificationOutcome(VerificationResult.Invalid);
        }

        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<ContactEntity>(parsed.Partition, parsed.RowKey, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.Kind != SignupKeys.ContactKind)
            {
                return new VerificationOutcome(VerificationResult.Invalid);
            }

            var contact = found.Value;
            var now = clock.GetUtcNow();
            switch (LinkState(contact, parsed.Secret, now))
            {
                case VerificationResult.Invalid:
                    return new VerificationOutcome(VerificationResult.Invalid);
                case VerificationResult.Verified:
                    break;
                case var state:
                    return new VerificationOutcome(state, contact.CouncilName, contact.Reference, contact.Status);
            }

            if (await TryMarkVerifiedAsync(contact, SecretTokens.Hash(parsed.Secret), now, cancellationToken))
            {
                await audit.WriteAsync($"contact:{contact.Reference}", "signup.verified", $"{contact.PartitionKey}/{contact.GssCode}", contact.Status, cancellationToken);
                if (contact.Status == ContactEntity.AwaitingApproval)
                {
                    await approvals.RequestApprovalAsync(contact, cancellationToken);
                    return new VerificationOutcome(VerificationResult.AwaitingApproval, contact.CouncilName, contact.Reference, contact.Status);
                }

                return new VerificationOutcome(VerificationResult.Verified, contact.CouncilName, contact.Reference, contact.Status);
            }
        }

        throw new RequestFailedException(503, "The sign-up kept changing while it was being verified.");
    }

    /// <summary>
    /// Read-only, for the page an emailed link opens (mail scanners open it too): what <see cref="VerifyAsync"/> would
    /// answer now, without writing anything. <see cref="VerificationResult.Verified"/> here means the link would verify.
    /// </summary>
    public async Task<VerificationOutcome> PreviewVerificationAsync(string? token, CancellationToken cancellationToken)
    {
        var parsed = VerificationToken.TryDecode(token);
        var found = parsed is null
            ? null
            : await table.GetEntityIfExistsAsync<ContactEntity>(parsed.Partition, parsed.RowKey, cancellationToken: cancellationToken);
        if (found is not { HasValue: true } || found.Value!.Kind != SignupKeys.ContactKind)
        {
            return new VerificationOutcome(VerificationResult.Invalid);
        }

        var contact = found.Value;
        var result = LinkState(contact, parsed!.Secret, clock.GetUtcNow());
        return result == VerificationResult.Invalid ? new VerificationOutcome(result) : new VerificationOutcome(result, contact.CouncilName, contact.Reference, contact.Status);
    }

    /// <summary>
    /// What a verification link's secret is worth now: already used, usable (<see cref="VerificationResult.Verified"/>),
    /// expired (the latest link), or not valid. Earlier links stay usable until they expire: a new one does not cancel them.
    /// </summary>
    private static VerificationResult LinkState(ContactEntity contact, string secret, DateTimeOffset now)
    {
        if (SecretTokens.HashMatches(secret, contact.UsedTokenHash))
        {
            return VerificationResult.AlreadyUsed;
        }

        if (SecretTokens.HashMatches(secret, contact.VerificationTokenHash))
        {
            return contact.VerificationExpiresAt is { } expiresAt && now < expiresAt ? VerificationResult.Verified : VerificationResult.Expired;
        }

        return OutstandingLinks.Matches(contact.EarlierVerificationHashes, secret, now) ? VerificationResult.Verified : VerificationResult.Invalid;
    }

    /// <summary>A pseudonymous, stable key for an address, so the same person maps to the same row.</summary>
    public static string ContactKey(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..32].ToLowerInvariant();

    /// <summary>A repeat sign-up while the address is unconfirmed: the link confirms what the person last submitted.</summary>
    /// <returns>False when nothing differs (a double click or a retry), so nothing needs writing.</returns>
    private bool TakeLatestDetails(ContactEntity contact, ValidSignup signup)
    {
        if (contact.ContactName == signup.ContactName && contact.JobTitle == signup.JobTitle && contact.AdoptionRoute == signup.AdoptionRoute
            && contact.ConsentToContact && contact.ConsentToPublish == signup.ConsentToPublish)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        contact.ContactName = signup.ContactName;
        contact.JobTitle = signup.JobTitle;
        contact.AdoptionRoute = signup.AdoptionRoute;
        contact.ConsentToContact = true;
        contact.ConsentToContactAt = now;
        contact.ConsentToPublish = signup.ConsentToPublish;
        contact.ConsentToPublishAt = signup.ConsentToPublish ? now : null;
        return true;
    }

    private Task<bool> TrySaveDetailsAsync(ContactEntity contact, CancellationToken cancellationToken) =>
        ContactStore.TryReplaceUnchangedAsync(table, contact, cancellationToken);

    /// <summary>A confirmed (or declined) address signed up again: the email says where they stand; the page says the same to everyone.</summary>
    private async Task<bool> TellAlreadySignedUpAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        if (!await quota.TryTakeAsync(QuotaKinds.Verification, contact.ContactEmail, cancellationToken))
        {
            return true;
        }

        var message = ApprovalEmails.AlreadySignedUp(contact, options.CurrentValue.Link("assessments/start"), clock.GetUtcNow());
        await outbox.EnqueueAsync(VerificationEmail.LedgerPartition, message, cancellationToken);
        return true;
    }

    private async Task<SignupOutcome?> TryCreateAsync(ValidSignup signup, string partition, string rowKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = VerificationToken.New(partition, rowKey);
        var contact = new ContactEntity
        {
            PartitionKey = partition,
            RowKey = rowKey,
            ContactKey = ContactKey(signup.ContactEmail),
            Reference = HumanReference.New(),
            GssCode = signup.Council.GssCode,
            CouncilName = signup.Council.OfficialName,
            ContactName = signup.ContactName,
            ContactEmail = signup.ContactEmail,
            JobTitle = signup.JobTitle,
            AdoptionRoute = signup.AdoptionRoute,
            ConsentToContact = true,
            ConsentToContactAt = now,
            ConsentToPublish = signup.ConsentToPublish,
            ConsentToPublishAt = signup.ConsentToPublish ? now : null,
            CreatedAt = now,
            VerificationTokenHash = SecretTokens.Hash(token.Secret),
            VerificationExpiresAt = now + options.CurrentValue.VerificationLinkLifetime,
            LinkIssuedAt = now,
        };

        try
        {
            var response = await table.AddEntityAsync(contact, cancellationToken);
            contact.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return null;
        }

        try
        {
            // The audit entry rides with the queued email and is written by its delivery: two storage requests, not three.
            var submitted = new AuditRecord($"contact:{contact.Reference}", "signup.submitted", $"{partition}/{contact.GssCode}");
            await EnqueueLinkAsync(contact, token, QuotaKinds.Verification, cancellationToken, submitted);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing was queued: take the row back, so the 503 that follows ("nothing was saved") is true where storage allows.
            await ForgetAsync(contact);
            throw;
        }

        return new SignupOutcome(contact.Reference, contact.GssCode, contact.Status, IsNew: true, contact.VerificationEmail);
    }

    /// <summary>
    /// Whether a repeat sign-up keeps the latest link rather than getting a new one: it was issued less than a minute ago
    /// (double clicks, retries), or its email may still be on its way. A "sending" row is settled by the mail ledger: a
    /// live claim or a sent message means the email went or may have; no row yet means it is still in the queue, for
    /// <see cref="QueuedEmailGrace"/> (a sign-up cut off before its email was queued takes its row back, and where storage
    /// did not allow that, its retry after the 503's Retry-After sends a link); a failed or expired claim means it did not go.
    /// </summary>
    private async Task<bool> LatestLinkStandsAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        var recent = clock.GetUtcNow() - contact.LinkIssuedAt < ResendInterval;
        if (contact.VerificationEmail != VerificationEmailStatus.Sending)
        {
            return contact.VerificationEmail == VerificationEmailStatus.Sent && recent;
        }

        var entry = await mail.FindAsync(VerificationEmail.LedgerPartition, VerificationEmail.MessageId(contact, contact.VerificationExpiresAt!.Value), cancellationToken);
        return entry?.Status switch
        {
            MailLedgerEntry.Sent => recent,
            MailLedgerEntry.Claimed => clock.GetUtcNow() - entry.ClaimedAt < MailLedger.ClaimTimeout,
            null => clock.GetUtcNow() - contact.LinkIssuedAt < QueuedEmailGrace,
            _ => false,
        };
    }

    /// <summary>Best effort: when storage is still away the row stays "sending", and the ledger shows the retry that no mail went.</summary>
    private async Task ForgetAsync(ContactEntity contact)
    {
        try
        {
            await table.DeleteEntityAsync(contact.PartitionKey, contact.RowKey, contact.ETag, CancellationToken.None);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
        }
    }

    private async Task<SignupOutcome?> TryReissueLinkAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        var token = VerificationToken.New(contact.PartitionKey, contact.RowKey);
        var now = clock.GetUtcNow();
        contact.EarlierVerificationHashes = KeepEarlierLink(contact, now);
        contact.VerificationTokenHash = SecretTokens.Hash(token.Secret);
        contact.VerificationExpiresAt = now + options.CurrentValue.VerificationLinkLifetime;
        contact.LinkIssuedAt = now;
        contact.VerificationEmail = VerificationEmailStatus.Sending;
        try
        {
            var response = await table.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, cancellationToken);
            contact.ETag = response.Headers.ETag ?? default;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return null;
        }

        try
        {
            await EnqueueLinkAsync(contact, token, quotaKind: null, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await MarkNotSentAsync(contact);
            throw;
        }

        return new SignupOutcome(contact.Reference, contact.GssCode, contact.Status, IsNew: false, contact.VerificationEmail);
    }

    /// <summary>The link being replaced stays usable until it expires: a new link never cancels one the person may be about to open.</summary>
    private static string? KeepEarlierLink(ContactEntity contact, DateTimeOffset now) =>
        contact.VerificationTokenHash is { } hash && contact.VerificationExpiresAt is { } expiresAt
            ? OutstandingLinks.AddHash(contact.EarlierVerificationHashes, hash, expiresAt, now)
            : contact.EarlierVerificationHashes;

    private Task EnqueueLinkAsync(ContactEntity contact, VerificationToken token, string? quotaKind, CancellationToken cancellationToken, AuditRecord? auditEntry = null)
    {
        var link = options.CurrentValue.Link("signup/verify?token=" + token.Encode());
        var message = VerificationEmail.Build(contact, link, contact.VerificationExpiresAt!.Value, options.CurrentValue.UnverifiedRetention);
        return outbox.EnqueueAsync(VerificationEmail.LedgerPartition, message, cancellationToken, quotaKind, auditEntry);
    }

    /// <summary>Best effort, when the new link's email could not be queued: a retry then sends one at once.</summary>
    private async Task MarkNotSentAsync(ContactEntity contact)
    {
        contact.VerificationEmail = VerificationEmailStatus.NotSent;
        try
        {
            await table.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or HttpRequestException or OperationCanceledException)
        {
            // Changed meanwhile, or storage is away: the ledger shows the retry that no mail went.
        }
    }

    /// <summary>
    /// The link is used and the address confirmed. On one of the council's own domains the contact is proven at once:
    /// one entity group transaction makes them verified and creates or counts up the council's signed-up row, both or
    /// neither. Any other permitted address waits for approval and is not counted.
    /// </summary>
    private async Task<bool> TryMarkVerifiedAsync(ContactEntity contact, string usedHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var proven = await domains.CoversAsync(contact.GssCode, contact.ContactEmail, cancellationToken);
        contact.VerifiedAt = now;
        contact.UsedTokenHash = usedHash;
        contact.VerificationTokenHash = null;
        contact.EarlierVerificationHashes = null;
        contact.VerificationExpiresAt = null;
        contact.SecurityStamp = ContactApprovals.NewStamp();

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, contact, contact.ETag) };
        if (proven)
        {
            contact.Status = ContactEntity.Verified;
            contact.ApprovedAt = now;
            contact.ApprovedBy = "council-domain";
            actions.Add(await CouncilCount.AddOneAsync(table, contact, now, cancellationToken));
        }
        else
        {
            contact.Status = ContactEntity.AwaitingApproval;
            contact.ApprovalRequestedAt = now;
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
        {
            return false;
        }
    }
}
