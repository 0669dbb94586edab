using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Privacy;

namespace LocalGovStandard.DevOutbox;

/// <summary>
/// The local outbox (development, instead of SendGrid) keeps whole messages as files, outside Azure storage. Its
/// messages are the ones the mail ledger's export section lists, so it adds no section of its own; erasure deletes them.
/// </summary>
[HoldsPersonalData]
public sealed class OutboxPersonalData(IEmailSender sender) : IPersonalDataHolder
{
    public Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        erasure.Count("outboxEmails", "Messages deleted from the local outbox", sender is LocalOutboxEmailSender outbox ? OutboxErasure.EraseMailFor(outbox.Folder, subject.Email) : 0);
        return Task.CompletedTask;
    }
}
