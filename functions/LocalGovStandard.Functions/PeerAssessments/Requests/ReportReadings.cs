using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Signups;

namespace LocalGovStandard.PeerAssessments.Requests;

public enum ReadConfirmation
{
    Recorded,
    AlreadyRecorded,
    NotFound,
    NotPublished,
}

/// <summary>How many of the council's approved contacts have confirmed they read the report, and whether the viewer has.</summary>
/// <param name="ConfirmHref">Where the viewer confirms: set only for a council contact who has not yet.</param>
public sealed record ReportReadView(int ReadCount, int ContactCount, bool ReadByViewer, string? ConfirmHref);

/// <summary>
/// Each approved council contact confirms, once, that they read the published report: kept on the request row
/// (ETag-guarded, so two contacts confirming together are both kept).
/// </summary>
public sealed class ReportReadings(PeerAssessmentRequestStore store, ContactStore contacts, TimeProvider clock)
{
    public static string ConfirmHref(string reference) => $"/assessments/peer-requests/{reference}/read";

    public async Task<ReadConfirmation> ConfirmAsync(CouncilScope scope, string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var request = await store.FindAsync(scope.Region, reference, cancellationToken);
            if (request is null || request.GssCode != scope.GssCode)
            {
                return ReadConfirmation.NotFound;
            }

            if (request.Status != PeerAssessmentRequestEntity.ReportPublished)
            {
                return ReadConfirmation.NotPublished;
            }

            if (!request.MarkRead(scope.ContactKey, clock.GetUtcNow()))
            {
                return ReadConfirmation.AlreadyRecorded;
            }

            try
            {
                await store.UpdateAsync(request, cancellationToken);
                return ReadConfirmation.Recorded;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
            }
        }

        throw new RequestFailedException(503, "The request kept changing while the reading was being recorded.");
    }

    /// <summary>Null until the report is published. Counts only contacts still approved for the council.</summary>
    /// <param name="viewerContactKey">The council contact looking, who may confirm; null for a lead.</param>
    public async Task<ReportReadView?> ViewAsync(PeerAssessmentRequestEntity request, string? viewerContactKey, CancellationToken cancellationToken)
    {
        if (request.Status != PeerAssessmentRequestEntity.ReportPublished)
        {
            return null;
        }

        var approved = (await contacts.ApprovedForCouncilAsync(request.PartitionKey, request.GssCode, cancellationToken)).Select(c => c.ContactKey).ToHashSet(StringComparer.Ordinal);
        var read = request.Readings().Select(r => r.ContactKey).ToHashSet(StringComparer.Ordinal);
        var readByViewer = viewerContactKey is not null && read.Contains(viewerContactKey);
        return new ReportReadView(
            read.Count(approved.Contains),
            approved.Count,
            readByViewer,
            viewerContactKey is null || readByViewer ? null : ConfirmHref(request.Reference));
    }
}
