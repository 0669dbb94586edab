using System.Security.Claims;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Access;

public enum AccessLinkResult
{
    SignedIn,
    Expired,
    Invalid,
}

/// <summary>
/// Passwordless sign-in for verified contacts: a signed, expiring, single-use link by email. Only
/// the latest link works; using it clears its nonce, so it cannot be used twice.
/// </summary>
public sealed class AccessLinks(
    [FromKeyedServices(TableNames.Signups)] TableClient signups,
    SignedTokens tokens,
    MailLedger mail,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    public const string LedgerPartition = "access";

    public TimeSpan LinkLifetime => options.CurrentValue.AccessLinkLifetime;

    private const string Purpose = "access-link";

    private sealed record Payload(string Region, string RowKey, string Nonce, DateTimeOffset ExpiresAt);

    /// <summary>Emails a link to every verified contact with this address. Says nothing about who exists.</summary>
    public async Task RequestAsync(string email, CancellationToken cancellationToken)
    {
        var contactKey = SignupService.ContactKey(email);
        var perRegion = await Task.WhenAll(Regions.All.Select(region => FindVerifiedAsync(region.Slug, contactKey, cancellationToken)));
        foreach (var contact in perRegion.SelectMany(c => c))
        {
            await IssueAsync(contact, cancellationToken);
        }
    }

    public async Task<(AccessLinkResult Result, ClaimsPrincipal? Principal)> SignInAsync(string? token, string scheme, CancellationToken cancellationToken)
    {
        var payload = tokens.Verify<Payload>(Purpose, token);
        if (payload is null)
        {
            return (AccessLinkResult.Invalid, null);
        }

        if (clock.GetUtcNow() >= payload.ExpiresAt)
        {
            return (AccessLinkResult.Expired, null);
        }

        var found = await signups.GetEntityIfExistsAsync<ContactEntity>(payload.Region, payload.RowKey, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.Status != ContactEntity.Verified || !SecretTokens.HashMatches(payload.Nonce, found.Value.AccessNonceHash))
        {
            return (AccessLinkResult.Invalid, null);
        }

        var contact = found.Value;
        contact.AccessNonceHash = null;
        try
        {
            await signups.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return (AccessLinkResult.Invalid, null);
        }

        await audit.WriteAsync($"contact:{contact.Reference}", "access.signed-in", $"{contact.PartitionKey}/{contact.GssCode}", cancellationToken: cancellationToken);
        return (AccessLinkResult.SignedIn, ContactSession.Principal(scheme, contact.GssCode, contact.PartitionKey, contact.ContactKey, contact.Reference, contact.ContactName));
    }

    private async Task IssueAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = SecretTokens.NewSecret();
        var expiresAt = now + options.CurrentValue.AccessLinkLifetime;
        contact.AccessNonceHash = SecretTokens.Hash(nonce);
        try
        {
            await signups.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return;
        }

        var link = options.CurrentValue.Link("assessments/access?token=" + tokens.Sign(Purpose, new Payload(contact.PartitionKey, contact.RowKey, nonce, expiresAt)));
        await mail.SendOnceAsync(LedgerPartition, AccessEmail.Build(contact, link, expiresAt, now), cancellationToken);
    }

    private async Task<List<ContactEntity>> FindVerifiedAsync(string region, string contactKey, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {region} and Kind eq {SignupKeys.ContactKind} and ContactKey eq {contactKey} and Status eq {ContactEntity.Verified}");
        var contacts = new List<ContactEntity>();
        await foreach (var contact in signups.QueryAsync<ContactEntity>(filter, cancellationToken: cancellationToken))
        {
            contacts.Add(contact);
        }

        return contacts;
    }
}
