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
/// Passwordless sign-in for proven contacts: a signed, expiring, single-use link by email. A new link does not cancel
/// an unused earlier one (mail arrives late, people ask twice); using any of them spends them all. Each address gets
/// at most <see cref="ServiceOptions.EmailsPerAddressPerHour"/> links an hour, whoever asks.
/// </summary>
public sealed class AccessLinks(
    [FromKeyedServices(TableNames.Signups)] TableClient signups,
    SignedTokens tokens,
    MailLedger mail,
    AddressQuota quota,
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
            if (await quota.TryTakeAsync(QuotaKinds.SignIn, contact.ContactEmail, cancellationToken))
            {
                await IssueAsync(contact, cancellationToken);
            }
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
        if (!found.HasValue || found.Value!.Status != ContactEntity.Verified || !OutstandingLinks.Matches(found.Value.AccessNonceHashes, payload.Nonce, clock.GetUtcNow()))
        {
            return (AccessLinkResult.Invalid, null);
        }

        // Using any of the person's links spends all of them.
        var contact = found.Value;
        contact.AccessNonceHashes = null;
        contact.SecurityStamp ??= ContactApprovals.NewStamp();
        try
        {
            await signups.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return (AccessLinkResult.Invalid, null);
        }

        await audit.WriteAsync($"contact:{contact.Reference}", "access.signed-in", $"{contact.PartitionKey}/{contact.GssCode}", cancellationToken: cancellationToken);
        return (AccessLinkResult.SignedIn, ContactSession.Principal(scheme, contact));
    }

    /// <summary>
    /// Read-only, for the page the emailed link opens: whether the token is forged or expired on its face. It reads no
    /// storage, so a used or replaced link shows as fine here and is refused only when the button is pressed.
    /// </summary>
    public AccessLinkResult? ProblemOnItsFace(string? token) =>
        tokens.Verify<Payload>(Purpose, token) switch
        {
            null => AccessLinkResult.Invalid,
            { } payload when clock.GetUtcNow() >= payload.ExpiresAt => AccessLinkResult.Expired,
            _ => null,
        };

    private async Task IssueAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = SecretTokens.NewSecret();
        var expiresAt = now + options.CurrentValue.AccessLinkLifetime;
        contact.AccessNonceHashes = OutstandingLinks.Add(contact.AccessNonceHashes, nonce, expiresAt, now);
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
