using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Requests.Pages;

/// <summary>
/// A request as its peer group's leads see it: the request, the proposal and the panel form (kept as posted after an
/// error), and once given the council's feedback on the assessment, which only the leads see.
/// </summary>
public sealed class LeadRequestPage(
    PeerAssessmentRequestDetails details, StandardCatalogue catalogue, AssessorPool pool, PanelProposals proposals, PanelEditorViews views, ReportReadings readings,
    CouncilFeedback feedback)
{
    public static string PanelHref(string slug, string reference) => $"{RequestPages.LeadHref(slug, reference)}/panel";

    public async Task<IResult> RenderAsync(
        PeerGroup group, PeerAssessmentRequestEntity request, PanelForm? posted, FormErrors? errors, string? notice, int? status, CancellationToken cancellationToken)
    {
        var proposal = request.PanelDate is null ? await proposals.ProposeAsync(request.Reference, await pool.ApprovedAsync(cancellationToken), cancellationToken) : null;
        var panel = await views.BuildAsync(request, proposal, PanelHref(group.Slug, request.Reference), posted, errors, notice, cancellationToken);
        return await RequestPages.PageAsync(request, $"A request to {group.Name}", RequestPages.LeadListHref(group.Slug), false, details, catalogue, cancellationToken,
            proposal, panel, status, await readings.ViewAsync(request, null, cancellationToken), leadFeedback: await feedback.ForLeadsAsync(request, cancellationToken));
    }
}
