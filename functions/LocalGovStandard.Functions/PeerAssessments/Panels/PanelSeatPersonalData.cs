using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>The panels a person is seated on, by their contact key (one partition): export lists the requests, erasure deletes the rows.</summary>
[HoldsPersonalData(TableNames.PanelSeats)]
public sealed class PanelSeatPersonalData(PanelSeatIndex index) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) =>
        sections.Add("panelSeats", (await index.ForContactAsync(subject.ContactKey, cancellationToken)).Select(r => r.RowKey).ToList());

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("panelSeats", "Panel seats no longer listed for them", await index.RemoveAllAsync(subject.ContactKey, cancellationToken));
}
