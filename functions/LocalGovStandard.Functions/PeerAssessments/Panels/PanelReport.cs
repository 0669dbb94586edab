using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// Publishes the panel's report once the lead assessor submits: every approved contact of the assessed council gets it
/// by email (the ledger keys one message per request and contact, so none is sent twice), then the request records
/// the outcome and is marked published, which ends the panel's grants. A crash part way leaves the request unpublished;
/// the lead's submit again finishes it.
/// </summary>
public sealed class PanelReport(
    PeerAssessmentRequestStore requests, PanelSeatIndex seats, ContactStore contacts, StandardCatalogue standards, MailLedger mail, AuditLog audit, TimeProvider clock) : IPanelReports
{
    public const string LedgerPartition = "peer-assessment-report";

    public static string MessageId(string requestReference, string contactKey) => $"peer-report-{requestReference}-{contactKey}";

    public async Task PublishAsync(CouncilScope scope, AssessmentEntity assessment, IReadOnlyList<ActionEntity> openActions, CancellationToken cancellationToken)
    {
        var panel = scope.Panel ?? throw new InvalidOperationException("Only a panel's submit publishes a report.");
        var standard = standards.Find(assessment.StandardId)!;
        foreach (var contact in await contacts.ApprovedForCouncilAsync(scope.Region, scope.GssCode, cancellationToken))
        {
            var copy = SubmissionEmail.Build(assessment, standard, new EmailAddress(contact.ContactEmail, contact.ContactName), openActions);
            var message = copy with
            {
                MessageId = MessageId(panel.RequestReference, contact.ContactKey),
                Category = "peer-assessment-report",
                Subject = $"Peer assessment report for {assessment.ServiceName}: {standard.OverallRating(assessment.OverallRating)?.Label ?? assessment.OverallRating}",
            };
            await mail.SendOnceAsync(LedgerPartition, message, cancellationToken);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var request = await requests.FindAsync(scope.Region, panel.RequestReference, cancellationToken)
                          ?? throw new InvalidOperationException($"Request {panel.RequestReference} went while its report was published.");
            if (request.Status == PeerAssessmentRequestEntity.ReportPublished)
            {
                await seats.RemoveUnseatedAsync(request, cancellationToken);
                return;
            }

            request.Status = PeerAssessmentRequestEntity.ReportPublished;
            request.ReportPublishedAt = clock.GetUtcNow();
            request.Outcome = assessment.OverallRating;
            try
            {
                await requests.UpdateAsync(request, cancellationToken);
                await seats.RemoveUnseatedAsync(request, cancellationToken);
                await audit.WriteAsync($"contact:{scope.ContactReference}", "peer-assessment.report-published", $"{scope.GssCode}/{request.Reference}",
                    assessment.OverallRating, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // A lead changed the request meanwhile (a seat's answer): read it again and publish over the new copy.
            }
        }

        throw new InvalidOperationException($"Request {panel.RequestReference} kept changing while its report was published.");
    }
}
