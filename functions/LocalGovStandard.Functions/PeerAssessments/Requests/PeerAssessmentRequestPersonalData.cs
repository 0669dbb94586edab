using Azure;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerAssessments.Requests;

public sealed record ExportedPeerAssessmentRequest(string Reference, string ServiceName, string Status, bool AskedForIt, bool IsTheContact, DateTimeOffset CreatedAt);

/// <summary>
/// Requests name two people by key: who asked (their reference) and the council's contact for the assessment (their
/// contact key). Both are in the council's region partition. Erasure blanks them; the request itself is the council's and stays.
/// </summary>
[HoldsPersonalData(TableNames.PeerAssessmentRequests)]
public sealed class PeerAssessmentRequestPersonalData(PeerAssessmentRequestStore store) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) =>
        sections.Add("peerAssessmentRequests", (await NamingAsync(subject, cancellationToken))
            .Select(r => new ExportedPeerAssessmentRequest(r.Reference, r.ServiceName, r.Status, r.CreatedBy == subject.Reference, r.ContactKey == subject.ContactKey, r.CreatedAt))
            .ToList());

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var request in await NamingAsync(subject, cancellationToken))
        {
            if (await BlankAsync(subject, request.PartitionKey, request.RowKey, cancellationToken))
            {
                count++;
            }
        }

        erasure.Count("peerAssessmentRequests", "Peer-assessment requests no longer naming them", count);
    }

    /// <summary>Only a contact can be named on a request; an empty reference would otherwise match every request an organiser made.</summary>
    private async Task<List<PeerAssessmentRequestEntity>> NamingAsync(DataSubject subject, CancellationToken cancellationToken) =>
        !subject.IsContact ? [] : (await store.ForCouncilAsync(subject.Region, subject.GssCode, cancellationToken))
            .Where(r => r.CreatedBy == subject.Reference || r.ContactKey == subject.ContactKey)
            .ToList();

    /// <returns>Whether the row still named them and no longer does.</returns>
    private async Task<bool> BlankAsync(DataSubject subject, string region, string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var request = await store.FindAsync(region, reference, cancellationToken);
            if (request is null || (request.CreatedBy != subject.Reference && request.ContactKey != subject.ContactKey))
            {
                return false;
            }

            request.CreatedBy = request.CreatedBy == subject.Reference ? "" : request.CreatedBy;
            request.ContactKey = request.ContactKey == subject.ContactKey ? "" : request.ContactKey;
            try
            {
                await store.UpdateAsync(request, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
            }
        }

        throw new RequestFailedException(503, "The request kept changing while it was being erased.");
    }
}
