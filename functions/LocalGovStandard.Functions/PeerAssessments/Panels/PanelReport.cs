using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// Publishes the panel's report once the lead assessor submits: every approved contact of the assessed council gets it
/// by email (the ledger keys one message per request and contact, so none is sent twice), then the request records
/// the outcome and is marked published, which ends the panel's grants. A crash part way leaves the request unpublished;
/// the lead's submit again finishes it. The email links to the council's page for the request, where the contact reads the
/// report and confirms they have; whenever any point failed, the email and the request also offer a reassessment.
/// </summary>
public sealed class PanelReport(
    PeerAssessmentRequestStore requests, PanelSeatIndex seats, ContactStore contacts, StandardCatalogue standards, MailLedger mail, AuditLog audit, TimeProvider clock,
    IOptionsMonitor<ServiceOptions> options) : IPanelReports
{
    public const string ReassessClosing =
        "Not every point was met. When you have acted on the report, ask your peer group for a reassessment: the form comes filled in from this request, and the same panel is offered first.";

    public const string PassedClosing = "The panel's report cannot be changed. Every point was met, so there is nothing to reassess.";

    public const string LedgerPartition = "peer-assessment-report";

    public static string MessageId(string requestReference, string contactKey) => $"peer-report-{requestReference}-{contactKey}";

    public async Task PublishAsync(CouncilScope scope, AssessmentEntity assessment, IReadOnlyList<ActionEntity> openActions, CancellationToken cancellationToken)
    {
        var panel = scope.Panel ?? throw new InvalidOperationException("Only a panel's submit publishes a report.");
        var standard = standards.Find(assessment.StandardId)!;
        var points = assessment.Points();
        var failed = standard.Points.Where(p => standard.Rating(points.GetValueOrDefault(p.Number)?.Rating) is { Passes: false }).Select(p => p.Number).ToList();
        var offered = failed.Count > 0 || standard.OverallRating(assessment.OverallRating) is { Passes: false };
        var service = options.CurrentValue;
        SubmissionEmail.Closing[] closing =
        [
            new("Open your council's request to read the report and confirm you have read it.",
                "Read the report", service.Link(PanelDraftReference.CouncilRequestHref(panel.RequestReference))),
            offered
                ? new(ReassessClosing, "Ask for a reassessment", service.Link(ReassessmentOffer.Href(panel.RequestReference)))
                : new(PassedClosing),
        ];
        foreach (var contact in await contacts.ApprovedForCouncilAsync(scope.Region, scope.GssCode, cancellationToken))
        {
            var copy = SubmissionEmail.Build(assessment, standard, new EmailAddress(contact.ContactEmail, contact.ContactName), openActions, closing);
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
            request.FailedPoints = failed.Count == 0 ? null : string.Join(',', failed.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
