using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerAssessments.Assessors;

/// <summary>A contact's offer to assess (one point read: its key comes from the contact's council and reference), with every date it holds; erasure deletes it. Someone known by address alone has none.</summary>
[HoldsPersonalData(TableNames.Assessors)]
public sealed class AssessorPersonalData(AssessorPool pool) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var entity = !subject.IsContact ? null : await pool.GetAsync(subject.Region, subject.GssCode, subject.Reference, cancellationToken);
        sections.Add("assessorProfile", entity is null ? null : AssessorView.From(entity, DateOnly.MinValue));
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("assessorProfile", "Offers to assess removed", subject.IsContact && await pool.DeleteAsync(subject.Region, subject.GssCode, subject.Reference, cancellationToken) ? 1 : 0);
}
