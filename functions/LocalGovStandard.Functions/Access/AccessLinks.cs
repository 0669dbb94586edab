using System.Security.Claims;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
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
    ContactStore contacts,
    SignedTokens tokens,
    EmailOutbox outbox,
    AddressQuota quota,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    public const string LedgerPartition = "access";

    public TimeSpan LinkLifetime => options.CurrentValue.AccessLinkLifetime;

    private const string Purpose = "access-link";

    /// <param name="ReturnUrl">The page to open once signed in (<see cref="ContactReturnPaths"/>); absent in older links.</param>
    private sealed record Payload(string Region, string RowKey, string Nonce, DateTimeOffset ExpiresAt, string? ReturnUrl = null);

    /// <summary>Emails a link to every verified contact with this address. Says nothing about who exists.</summary>
    public async Task RequestAsync(string email, string? returnUrl, CancellationToken cancellationToken)
    {
        var contactKey = SignupService.ContactKey(email);
        var perRegion = await Task.WhenAll(Regions.All.Select(region => contacts.VerifiedWithAddressAsync(region.Slug, contactKey, cancellationToken)));
        foreach (var contact in perRegion.SelectMany(c => c))
        {
            if (await quota.TryTakeAsync(QuotaKinds.SignIn, contact.ContactEmail, cancellationToken))
            {
                await IssueAsync(contact, returnUrl, cancellationToken);
            }
        }
    }

    public async Task<(AccessLinkResult Result, ClaimsPrincipal? Principal, string? ReturnUrl)> SignInAsync(string? token, string scheme, CancellationToken cancellationToken)
    {
        var payload = tokens.Verify<Payload>(Purpose, token);
        if (payload is null)
        {
            return (AccessLinkResult.Invalid, null, null);
        }

        if (clock.GetUtcNow() >= payload.ExpiresAt)
        {
            return (AccessLinkResult.Expired, null, null);
        }

        var contact = await contacts.GetAsync(payload.Region, payload.RowKey, cancellationToken);
        if (contact is null || contact.Status != ContactEntity.Verified || !OutstandingLinks.Matches(contact.AccessNonceHashes, payload.Nonce, clock.GetUtcNow()))
        {
            return (AccessLinkResult.Invalid, null, null);
        }

        // Using any of the person's links spends all of them.
        if (!await contacts.SpendAccessLinksAsync(contact, cancellationToken))
        {
            return (AccessLinkResult.Invalid, null, null);
        }

        await audit.WriteAsync($"contact:{contact.Reference}", "access.signed-in", $"{contact.PartitionKey}/{contact.GssCode}", cancellationToken: cancellationToken);
        return (AccessLinkResult.SignedIn, ContactSession.Principal(scheme, contact), payload.ReturnUrl);
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

    private async Task IssueAsync(ContactEntity contact, string? returnUrl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = SecretTokens.NewSecret();
        var expiresAt = now + options.CurrentValue.AccessLinkLifetime;
        if (!await contacts.AddAccessLinkAsync(contact, nonce, expiresAt, cancellationToken))
        {
            return;
        }

        var link = options.CurrentValue.Link("assessments/access?token=" + tokens.Sign(Purpose, new Payload(contact.PartitionKey, contact.RowKey, nonce, expiresAt, returnUrl)));
        await outbox.EnqueueAsync(LedgerPartition, AccessEmail.Build(contact, link, expiresAt, now), cancellationToken);
    }
}
