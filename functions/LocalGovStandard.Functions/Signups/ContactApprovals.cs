using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

public enum ApprovalResult
{
    Approved,
    Declined,

    /// <summary>The contact is not waiting for that answer (already approved, already declined, or not yet confirmed).</summary>
    NothingToDo,
}

public sealed record ApprovalOutcome(ApprovalResult Result, ContactEntity Contact, string? DomainAdded = null, int AlsoApproved = 0);

/// <summary>
/// Who may act for a council: a contact whose confirmed address is on one of the council's domains, or one approved by
/// an organiser or by a contact who already acts for the council. Approving counts the council as signed up; declining
/// or withdrawing ends every session at once (the security stamp changes) and the purge timer deletes them later.
/// </summary>
public sealed class ContactApprovals(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    CouncilDomains domains,
    CouncilDirectory directory,
    EmailOutbox outbox,
    AddressQuota quota,
    SignedTokens tokens,
    ContactStandings standings,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    private const int ConcurrencyRetries = 5;
    private const string Purpose = "approve-contact";

    private sealed record ApprovalLink(string Region, string RowKey, string ApproverRowKey, DateTimeOffset ExpiresAt);

    public sealed record LinkView(ContactEntity Waiting, ContactEntity Approver);

    public static string NewStamp() => SecretTokens.NewSecret();

    /// <summary>Tells the person they are waiting, and asks each contact who acts for the council (within their hourly cap).</summary>
    public async Task RequestApprovalAsync(ContactEntity waiting, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await outbox.EnqueueAsync(ApprovalEmails.LedgerPartition, ApprovalEmails.Waiting(waiting, now), cancellationToken);
        var expiresAt = now + options.CurrentValue.ApprovalLinkLifetime;
        foreach (var approver in await ProvenContactsAsync(waiting.PartitionKey, waiting.GssCode, cancellationToken))
        {
            if (!await quota.TryTakeAsync(QuotaKinds.ApprovalRequest, approver.ContactEmail, cancellationToken))
            {
                continue;
            }

            var token = tokens.Sign(Purpose, new ApprovalLink(waiting.PartitionKey, waiting.RowKey, approver.RowKey, expiresAt));
            var link = options.CurrentValue.Link("signup/approve?token=" + token);
            await outbox.EnqueueAsync(ApprovalEmails.LedgerPartition, ApprovalEmails.Request(approver, waiting, link, expiresAt, now), cancellationToken);
        }
    }

    /// <summary>Reads an approval link without changing anything (mail scanners open links first).</summary>
    public async Task<LinkView?> ReadLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var link = tokens.Verify<ApprovalLink>(Purpose, token);
        if (link is null || clock.GetUtcNow() >= link.ExpiresAt)
        {
            return null;
        }

        var waiting = await FindAsync(link.Region, link.RowKey, cancellationToken);
        var approver = await FindAsync(link.Region, link.ApproverRowKey, cancellationToken);
        return waiting is not null && approver is { Status: ContactEntity.Verified } && approver.GssCode == waiting.GssCode
            ? new LinkView(waiting, approver)
            : null;
    }

    /// <summary>The approver's answer through their link: they must still act for the same council.</summary>
    public async Task<ApprovalOutcome?> AnswerLinkAsync(string? token, bool approve, bool addDomain, CancellationToken cancellationToken)
    {
        if (await ReadLinkAsync(token, cancellationToken) is not { } view)
        {
            return null;
        }

        // A link answers the one question it asked: once anyone has answered, a second answer changes nothing.
        if (view.Waiting.Status != ContactEntity.AwaitingApproval)
        {
            return new ApprovalOutcome(ApprovalResult.NothingToDo, view.Waiting);
        }

        var actor = $"contact:{view.Approver.Reference}";
        return approve
            ? await ApproveAsync(view.Waiting, actor, addDomain, cancellationToken)
            : await DeclineAsync(view.Waiting, actor, cancellationToken);
    }

    /// <summary>
    /// Approves a contact who is waiting (or was declined), counting the council as signed up in the same transaction;
    /// with <paramref name="addDomain"/>, their address's domain becomes the council's and others waiting on it are approved too.
    /// </summary>
    public async Task<ApprovalOutcome> ApproveAsync(ContactEntity contact, string actor, bool addDomain, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            if (contact.Status is not (ContactEntity.AwaitingApproval or ContactEntity.Declined))
            {
                return new ApprovalOutcome(ApprovalResult.NothingToDo, contact);
            }

            var now = clock.GetUtcNow();
            contact.Status = ContactEntity.Verified;
            contact.ApprovedAt = now;
            contact.ApprovedBy = actor;
            contact.DeclinedAt = null;
            contact.SecurityStamp = NewStamp();
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, contact, contact.ETag),
                await CouncilCount.AddOneAsync(table, contact, now, cancellationToken),
            };
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                standings.Forget(contact);
                await audit.WriteAsync(actor, "contact.approved", $"{contact.PartitionKey}/{contact.GssCode}", $"contact:{contact.Reference}", cancellationToken);
                await outbox.EnqueueAsync(ApprovalEmails.LedgerPartition, ApprovalEmails.Approved(contact, options.CurrentValue.Link("assessments/start"), now), cancellationToken);
                return addDomain ? await AddDomainAsync(contact, actor, cancellationToken) : new ApprovalOutcome(ApprovalResult.Approved, contact);
            }

            contact = await FindAsync(contact.PartitionKey, contact.RowKey, cancellationToken) ?? contact;
        }

        throw new RequestFailedException(503, "The contact kept changing while it was being approved.");
    }

    /// <summary>Declines someone waiting, or withdraws an approval: every session ends and the council counts them no more.</summary>
    public async Task<ApprovalOutcome> DeclineAsync(ContactEntity contact, string actor, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            if (contact.Status is not (ContactEntity.AwaitingApproval or ContactEntity.Verified))
            {
                return new ApprovalOutcome(ApprovalResult.NothingToDo, contact);
            }

            var withdrawn = contact.Status == ContactEntity.Verified;
            var now = clock.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            if (withdrawn && await CouncilCount.RemoveOneAsync(table, contact, cancellationToken) is { } countDown)
            {
                actions.Add(countDown);
            }

            contact.Status = ContactEntity.Declined;
            contact.DeclinedAt = now;
            contact.SecurityStamp = NewStamp();
            contact.AccessNonceHashes = null;
            actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, contact, contact.ETag));
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                standings.Forget(contact);
                await audit.WriteAsync(actor, withdrawn ? "contact.approval-withdrawn" : "contact.declined", $"{contact.PartitionKey}/{contact.GssCode}", $"contact:{contact.Reference}", cancellationToken);
                await outbox.EnqueueAsync(ApprovalEmails.LedgerPartition, ApprovalEmails.Declined(contact, options.CurrentValue.UnverifiedRetention, now), cancellationToken);
                return new ApprovalOutcome(ApprovalResult.Declined, contact);
            }

            contact = await FindAsync(contact.PartitionKey, contact.RowKey, cancellationToken) ?? contact;
        }

        throw new RequestFailedException(503, "The contact kept changing while it was being declined.");
    }

    /// <summary>Approves everyone waiting for the council whose address is on one of the domains just added.</summary>
    public async Task<int> ApproveOnDomainsAsync(Council council, IReadOnlyCollection<string> addedDomains, string actor, CancellationToken cancellationToken)
    {
        var approved = 0;
        if (addedDomains.Count == 0)
        {
            return approved;
        }

        foreach (var contact in await WaitingAsync([council.Region.Slug], cancellationToken))
        {
            if (contact.GssCode == council.GssCode && CouncilDomains.Covers(addedDomains, EmailAddresses.DomainOf(contact.ContactEmail))
                && (await ApproveAsync(contact, actor, addDomain: false, cancellationToken)).Result == ApprovalResult.Approved)
            {
                approved++;
            }
        }

        return approved;
    }

    public sealed record Waiting(ContactEntity Contact, IReadOnlyList<string> CouncilDomains);

    /// <summary>Everyone waiting, across the UK, each with their council's known domains (read once per council).</summary>
    public async Task<IReadOnlyList<Waiting>> WaitingWithDomainsAsync(CancellationToken cancellationToken)
    {
        var waiting = await WaitingAsync(Regions.All.Select(r => r.Slug), cancellationToken);
        var known = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var gss in waiting.Select(c => c.GssCode).Distinct())
        {
            known[gss] = await domains.ForCouncilAsync(gss, cancellationToken);
        }

        return waiting.Select(c => new Waiting(c, known[c.GssCode])).ToList();
    }

    /// <summary>Everyone whose address is confirmed and who is waiting for approval, oldest first.</summary>
    public async Task<IReadOnlyList<ContactEntity>> WaitingAsync(IEnumerable<string> regions, CancellationToken cancellationToken)
    {
        var perRegion = await Task.WhenAll(regions.Select(async region =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {region} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.AwaitingApproval}");
            var contacts = new List<ContactEntity>();
            await foreach (var contact in table.QueryAsync<ContactEntity>(filter, cancellationToken: cancellationToken))
            {
                contacts.Add(contact);
            }

            return contacts;
        }));
        return perRegion.SelectMany(c => c).OrderBy(c => c.ApprovalRequestedAt ?? c.CreatedAt).ToList();
    }

    /// <summary>Ends every session of the contact at their next request (sign-out, "sign this person out everywhere").</summary>
    public async Task EndSessionsAsync(string region, string rowKey, string actor, string action, CancellationToken cancellationToken)
    {
        if (await FindAsync(region, rowKey, cancellationToken) is not { } contact)
        {
            return;
        }

        var change = new TableEntity(region, rowKey)
        {
            [nameof(ContactEntity.SecurityStamp)] = NewStamp(),
            [nameof(ContactEntity.AccessNonceHashes)] = "",
        };
        await table.UpdateEntityAsync(change, ETag.All, TableUpdateMode.Merge, cancellationToken);
        standings.Forget(contact);
        await audit.WriteAsync(actor, action, $"{contact.PartitionKey}/{contact.GssCode}", $"contact:{contact.Reference}", cancellationToken);
    }

    private async Task<ApprovalOutcome> AddDomainAsync(ContactEntity contact, string actor, CancellationToken cancellationToken)
    {
        var domain = EmailAddresses.DomainOf(contact.ContactEmail);
        if (domains.Parse(domain).Domain is null || !await domains.AddAsync(contact.GssCode, domain, actor, cancellationToken))
        {
            return new ApprovalOutcome(ApprovalResult.Approved, contact);
        }

        var council = await directory.FindByCodeAsync(contact.GssCode, cancellationToken);
        var others = council is null ? 0 : await ApproveOnDomainsAsync(council, [domain], actor, cancellationToken);
        return new ApprovalOutcome(ApprovalResult.Approved, contact, domain, others);
    }

    private async Task<IReadOnlyList<ContactEntity>> ProvenContactsAsync(string region, string gssCode, CancellationToken cancellationToken)
    {
        var (from, to) = SignupKeys.ContactRange(gssCode);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {region} and RowKey ge {from} and RowKey lt {to} and Status eq {ContactEntity.Verified}");
        var contacts = new List<ContactEntity>();
        await foreach (var contact in table.QueryAsync<ContactEntity>(filter, cancellationToken: cancellationToken))
        {
            contacts.Add(contact);
        }

        return contacts;
    }

    private async Task<ContactEntity?> FindAsync(string region, string rowKey, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<ContactEntity>(region, rowKey, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.Kind == SignupKeys.ContactKind ? found.Value : null;
    }

    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
