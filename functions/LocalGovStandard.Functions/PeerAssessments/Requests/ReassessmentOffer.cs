using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>
/// A published report offers the council a reassessment whenever any point failed, even when the panel's overall
/// rating passes; reports published before failed points were kept fall back on the overall outcome.
/// </summary>
public static class ReassessmentOffer
{
    /// <summary>The new-request page, filled in from the earlier request (service, phase, standard, conflicts) and naming it.</summary>
    public static string Href(string reference) => $"/assessments/peer-requests/new?reassess={reference}";

    public static bool IsOffered(PeerAssessmentRequestEntity request, Standard? standard) =>
        request.Status == PeerAssessmentRequestEntity.ReportPublished
        && (request.FailedPointNumbers().Count > 0 || standard?.OverallRating(request.Outcome) is { Passes: false });

    /// <summary>The href when a reassessment is offered; else null.</summary>
    public static string? HrefIfOffered(PeerAssessmentRequestEntity request, Standard? standard) =>
        IsOffered(request, standard) ? Href(request.Reference) : null;
}
