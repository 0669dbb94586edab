using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.SupportNeeds;

public sealed record ExportedSupportNeedAnswer(string CouncilCode, int Version, DateTimeOffset AnsweredAt);

/// <summary>
/// Who answered a council's support needs is personal data; the answers are the council's. Erasure removes the person
/// from every version they gave and keeps the answers, so the council's needs and their history still count. Only a contact answers them.
/// </summary>
[HoldsPersonalData(TableNames.SupportNeeds)]
public sealed class SupportNeedPersonalData(SupportNeedStore store) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var history = subject.IsContact ? await store.HistoryAsync(subject.Region, subject.GssCode, cancellationToken) : [];
        sections.Add("supportNeedsAnswered", history.Where(r => r.AnsweredByContactKey == subject.ContactKey)
            .Select(r => new ExportedSupportNeedAnswer(r.GssCode, r.Version, r.AnsweredAt)).ToList());
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("supportNeedsAnswered", "Support-needs answers no longer naming them",
            subject.IsContact ? await store.ForgetAnswererAsync(subject.Region, subject.GssCode, subject.ContactKey, cancellationToken) : 0);
}
