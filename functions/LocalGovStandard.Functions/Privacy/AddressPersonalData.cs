using System.Text.Json.Serialization;
using LocalGovStandard.Events;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Privacy;

/// <summary>A contact with the address asked about, and the routes that answer requests about them.</summary>
public sealed record ContactPointer(string CouncilCode, string Reference, string ExportRoute, string EraseRoute)
{
    public static ContactPointer For(ContactEntity contact) => new(contact.GssCode, contact.Reference,
        $"GET /api/admin/contacts/{contact.GssCode}/{contact.Reference}/personal-data", $"DELETE /api/admin/contacts/{contact.GssCode}/{contact.Reference}");
}

/// <summary>Everything held about an address that is not a contact's, as one JSON document: each holder's sections beside when it was made.</summary>
public sealed class AddressPersonalDataExport(DateTimeOffset exportedAt, PersonalDataSections sections)
{
    public DateTimeOffset ExportedAt => exportedAt;

    [JsonExtensionData]
    public Dictionary<string, object?> Sections => sections.Sections;
}

/// <summary>
/// UK GDPR requests about someone who is not a contact (a meet-up registrant), named by their address alone: the same
/// <see cref="IPersonalDataHolder"/>s as a contact's, given a <see cref="DataSubject.ByAddress"/> subject. A contact's address is
/// refused with the contact's own routes (<see cref="ContactsWithAsync"/>), so each person has one way in. The address is
/// never written to the audit trail or a log: only its key, and after an erasure not even that.
/// </summary>
public sealed class AddressPersonalData(
    IEnumerable<IPersonalDataHolder> holders,
    ContactStore contacts,
    EventPersonalData events,
    ErasureList erasureList,
    AuditLog audit,
    TimeProvider clock)
{
    private readonly IReadOnlyList<IPersonalDataHolder> _holders = holders.OrderBy(h => h.Stage).ToList();

    /// <returns>The contacts with this address, of any status; empty when the address is nobody's contact row.</returns>
    public async Task<IReadOnlyList<ContactPointer>> ContactsWithAsync(string email, CancellationToken cancellationToken) =>
        (await contacts.AnyWithAddressAsync(SignupService.ContactKey(email), cancellationToken)).Select(ContactPointer.For).ToList();

    public async Task<AddressPersonalDataExport> ExportAsync(string email, string actor, CancellationToken cancellationToken)
    {
        var key = SignupService.ContactKey(email);
        var subject = DataSubject.ByAddress(email, key, await EarliestRecordAsync(key, cancellationToken));
        var sections = new PersonalDataSections();
        foreach (var holder in _holders)
        {
            await holder.ExportAsync(subject, sections, cancellationToken);
        }

        await audit.WriteAsync(actor, "person.exported", $"address/{key}", cancellationToken: CancellationToken.None);
        return new AddressPersonalDataExport(clock.GetUtcNow(), sections);
    }

    /// <summary>
    /// Safe to repeat. The address's key goes on the <see cref="ErasureList"/> first, so an erasure cut off part-way is on it, a
    /// restored backup cannot bring them back, and mail queued for them before now is not sent; then every holder, then the
    /// derived copies (stored workbooks) that named them are built again.
    /// </summary>
    public async Task<ErasureOutcome> EraseAsync(string email, string actor, CancellationToken cancellationToken)
    {
        var key = SignupService.ContactKey(email);
        var since = await erasureList.AddAddressAsync(key, await EarliestRecordAsync(key, cancellationToken), cancellationToken);
        var subject = DataSubject.ByAddress(email, key, since);
        var progress = new ErasureProgress(actor);
        foreach (var holder in _holders)
        {
            await holder.EraseAsync(subject, progress, cancellationToken);
        }

        foreach (var holder in _holders)
        {
            await holder.FinishAsync(progress.ToRebuild, progress, cancellationToken);
        }

        await audit.WriteAsync(actor, "person.erased", "address",
            string.Join("; ", progress.Counts.Select(c => $"{c.Label.ToLowerInvariant()} {c.Count}")), CancellationToken.None);
        return new ErasureOutcome(progress.Counts);
    }

    /// <summary>Their first registration is the first thing recorded about them; with none left, this month is all the audit trail can hold.</summary>
    private async Task<DateTimeOffset> EarliestRecordAsync(string key, CancellationToken cancellationToken)
    {
        var registrations = await events.RegistrationsAsync(key, cancellationToken);
        return registrations.Count == 0 ? clock.GetUtcNow() : registrations.Min(r => r.Registration.RequestedAt);
    }
}
