using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Signups;

public sealed record ExportedContact(
    string Name, string Email, string JobTitle, string AdoptionRoute, string Status, DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt,
    bool ConsentToContact, DateTimeOffset? ConsentToContactAt, bool ConsentToPublish, DateTimeOffset? ConsentToPublishAt, string VerificationEmail);

/// <summary>
/// The contact row: what they signed up with. It goes last, swapped for an <see cref="ErasureEntity"/> in one transaction,
/// because it is how the person is found; the erasure row keeps the derived copies still to rebuild, so an erasure
/// interrupted after this can be finished by asking again.
/// </summary>
[HoldsPersonalData(TableNames.Signups)]
public sealed class ContactPersonalData(ContactStore contacts) : IPersonalDataHolder
{
    public ErasureStage Stage => ErasureStage.ContactRow;

    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        if (!subject.IsContact)
        {
            sections.Add("contact", null);
            return;
        }

        var contact = await contacts.GetAsync(subject.Region, subject.GssCode, subject.ContactKey, cancellationToken)
            ?? throw new InvalidOperationException("The contact has been erased.");
        sections.Add("contact", new ExportedContact(contact.ContactName, contact.ContactEmail, contact.JobTitle, contact.AdoptionRoute, contact.Status,
            contact.CreatedAt, contact.VerifiedAt, contact.ConsentToContact, contact.ConsentToContactAt, contact.ConsentToPublish, contact.ConsentToPublishAt,
            contact.VerificationEmail));
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        if (subject.IsContact && await contacts.GetAsync(subject.Region, subject.GssCode, subject.ContactKey, cancellationToken) is { } contact)
        {
            await contacts.ReplaceWithErasureAsync(contact, erasure.ToRebuild, cancellationToken);
        }
    }
}
