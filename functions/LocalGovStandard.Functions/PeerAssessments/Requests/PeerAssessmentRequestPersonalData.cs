using Azure;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerAssessments.Requests;

public sealed record ExportedPeerAssessmentRequest(string Reference, string ServiceName, string Status, bool AskedForIt, bool IsTheContact, DateTimeOffset CreatedAt);

public sealed record ExportedReportReading(string Reference, string ServiceName, DateTimeOffset ReadAt);

public sealed record ExportedAssessmentFeedback(string Reference, string ServiceName, string? Helped, string? DidNotHelp, DateTimeOffset? GivenAt);

public sealed record ExportedPanelSeat(string Reference, string CouncilName, string ServiceName, string? PanelDate, string RoleId, string Status, DateTimeOffset? RespondedAt);

/// <summary>
/// Requests name two people by key: who asked (their reference) and the council's contact for the assessment (their
/// contact key). Both are in the council's region partition. Erasure blanks them; the request itself is the council's and stays.
/// An assessor sits on other councils' panels (any region): erasure blanks their name and contact key on each seat and
/// keeps the role and their council, so a report keeps the role, not the name. A council contact's confirmation that
/// they read the report is kept by contact key: erasure removes it (the count then no longer includes them). The council's
/// feedback names who last gave it: export includes what they wrote, erasure blanks who wrote it and keeps the council's feedback.
/// </summary>
[HoldsPersonalData(TableNames.PeerAssessmentRequests)]
public sealed class PeerAssessmentRequestPersonalData(PeerAssessmentRequestStore store) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var naming = await NamingAsync(subject, cancellationToken);
        sections.Add("peerAssessmentRequests", naming
            .Where(r => AsksOrIsContact(r, subject))
            .Select(r => new ExportedPeerAssessmentRequest(r.Reference, r.ServiceName, r.Status, r.CreatedBy == subject.Reference, r.ContactKey == subject.ContactKey, r.CreatedAt))
            .ToList());
        sections.Add("peerAssessmentPanels", naming
            .SelectMany(r => r.Panel().Where(m => IsThem(m, subject)).Select(m => new ExportedPanelSeat(r.Reference, r.CouncilName, r.ServiceName, r.PanelDate, m.RoleId, m.Status, m.RespondedAt)))
            .ToList());
        sections.Add("peerAssessmentFeedback", naming
            .Where(r => GaveFeedback(r, subject))
            .Select(r => new ExportedAssessmentFeedback(r.Reference, r.ServiceName, r.FeedbackHelped, r.FeedbackDidNotHelp, r.FeedbackAt))
            .ToList());
        sections.Add("peerAssessmentReportReadings", naming
            .SelectMany(r => r.Readings().Where(reading => HasRead(r, reading, subject)).Select(reading => new ExportedReportReading(r.Reference, r.ServiceName, reading.ReadAt)))
            .ToList());
    }

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

    /// <summary>
    /// Their own council's requests naming them, and every request whose panel names them (any region: panels come from
    /// other councils). Only a contact can be named: an empty reference would otherwise match every request an organiser made.
    /// </summary>
    private async Task<List<PeerAssessmentRequestEntity>> NamingAsync(DataSubject subject, CancellationToken cancellationToken) =>
        !subject.IsContact ? [] : (await store.AllAsync(cancellationToken)).Where(r => Names(r, subject)).ToList();

    private static bool Names(PeerAssessmentRequestEntity request, DataSubject subject) =>
        AsksOrIsContact(request, subject) || GaveFeedback(request, subject) || request.Readings().Any(r => HasRead(request, r, subject)) || request.Panel().Any(m => IsThem(m, subject) && (m.Name.Length > 0 || m.ContactKey.Length > 0));

    private static bool AsksOrIsContact(PeerAssessmentRequestEntity request, DataSubject subject) =>
        request.GssCode == subject.GssCode && (request.CreatedBy == subject.Reference || request.ContactKey == subject.ContactKey);

    private static bool GaveFeedback(PeerAssessmentRequestEntity request, DataSubject subject) =>
        request.GssCode == subject.GssCode && !string.IsNullOrEmpty(request.FeedbackBy) && request.FeedbackBy == subject.ContactKey;

    private static bool HasRead(PeerAssessmentRequestEntity request, ReportReading reading, DataSubject subject) =>
        request.GssCode == subject.GssCode && reading.ContactKey.Length > 0 && reading.ContactKey == subject.ContactKey;

    private static bool IsThem(PanelMemberRecord member, DataSubject subject) =>
        member.CouncilCode == subject.GssCode
        && (member.AssessorId == Assessors.AssessorKeys.Id(subject.GssCode, subject.Reference) || (member.ContactKey.Length > 0 && member.ContactKey == subject.ContactKey));

    /// <returns>Whether the row still named them and no longer does.</returns>
    private async Task<bool> BlankAsync(DataSubject subject, string region, string reference, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var request = await store.FindAsync(region, reference, cancellationToken);
            if (request is null || !Names(request, subject))
            {
                return false;
            }

            if (AsksOrIsContact(request, subject))
            {
                request.CreatedBy = request.CreatedBy == subject.Reference ? "" : request.CreatedBy;
                request.ContactKey = request.ContactKey == subject.ContactKey ? "" : request.ContactKey;
            }

            request.FeedbackBy = GaveFeedback(request, subject) ? null : request.FeedbackBy;
            request.SetReadings(request.Readings().Where(r => !HasRead(request, r, subject)));
            if (request.Panel().Any(m => IsThem(m, subject)))
            {
                request.SetPanel(request.Panel().Select(m => IsThem(m, subject) ? m with { Name = "", ContactKey = "" } : m));
            }
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
