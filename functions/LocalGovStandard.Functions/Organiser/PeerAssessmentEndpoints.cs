using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Organiser;

/// <summary>Councils' requests for peer assessments, every region's, through the same store and details as the leads' pages.</summary>
public static class PeerAssessmentEndpoints
{
    public static void MapConsolePeerAssessments(this RouteGroupBuilder console)
    {
        console.MapGet("/peer-assessments", async (PeerAssessmentRequestStore store, CancellationToken cancellationToken) =>
            new ComponentParameters<PeerAssessmentRequestsPage>().Set(p => p.Requests, await store.AllAsync(cancellationToken)).Result())
            .AsPublicFunction("ConsolePeerAssessmentRequests");
        console.MapGet("/peer-assessments/{reference}", ShowAsync).AsPublicFunction("ConsolePeerAssessmentRequest");
    }

    private static async Task<IResult> ShowAsync(
        string reference, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details, StandardCatalogue catalogue, AssessorPool pool,
        PanelProposals proposals, CancellationToken cancellationToken)
    {
        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request
            || await proposals.ProposeAsync(reference, await pool.ApprovedAsync(cancellationToken), cancellationToken) is not { } proposal)
        {
            return ConsoleForms.NotFound("There is no peer-assessment request with that reference.");
        }

        return new ComponentParameters<PeerAssessmentRequestPage>()
            .Set(p => p.Request, request)
            .Set(p => p.StandardName, catalogue.Find(request.StandardId) is { } standard ? AssessmentText.StandardName(standard) : request.StandardId)
            .Set(p => p.Contact, await details.ContactAsync(request, cancellationToken))
            .Set(p => p.Conflicts, await details.ConflictsAsync(request, cancellationToken))
            .Set(p => p.Proposal, proposal)
            .Result();
    }
}
