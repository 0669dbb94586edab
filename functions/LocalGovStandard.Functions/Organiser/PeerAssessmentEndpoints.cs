using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

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
        console.MapPost("/peer-assessments/{reference}/panel", ConfirmPanelAsync).AsPublicFunction("ConsolePeerAssessmentPanelConfirm");
        console.MapPost("/peer-assessments/{reference}/panel/remove", RemoveMemberAsync).AsPublicFunction("ConsolePeerAssessmentPanelRemove");
    }

    public static string Href(string reference) => $"/organiser/peer-assessments/{reference}";

    private static Task<IResult> ShowAsync(
        string reference, string? panel, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details, StandardCatalogue catalogue, AssessorPool pool,
        PanelProposals proposals, PanelEditorViews views, CancellationToken cancellationToken) =>
        PageAsync(reference, null, null, PanelNotices.For(panel), null, store, details, catalogue, pool, proposals, views, cancellationToken);

    private static async Task<IResult> ConfirmPanelAsync(
        string reference, HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentPanels panels, PeerAssessmentRequestDetails details,
        StandardCatalogue catalogue, AssessorPool pool, PanelProposals proposals, PanelEditorViews views, CancellationToken cancellationToken)
    {
        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request)
        {
            return RequestNotFound();
        }

        var form = PanelForm.From(await context.Request.ReadFormAsync(cancellationToken), views.RolesOf(request));
        var result = await panels.ConfirmAsync(request, form.Choice(), form.ExpectedETag(), ConsoleForms.Actor, cancellationToken);
        return result.Outcome == PanelOutcome.Saved
            ? TypedResults.Redirect($"{Href(reference)}?panel={PanelNotices.Saved}")
            : await PageAsync(reference, form with { ETag = null }, PanelEditorViews.Errors(result), null, result.PageStatus,
                store, details, catalogue, pool, proposals, views, cancellationToken);
    }

    private static async Task<IResult> RemoveMemberAsync(
        string reference, HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentPanels panels, PeerAssessmentRequestDetails details,
        StandardCatalogue catalogue, AssessorPool pool, PanelProposals proposals, PanelEditorViews views, CancellationToken cancellationToken)
    {
        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request)
        {
            return RequestNotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var etag = form[PanelForm.ETagField].ToString();
        var result = await panels.RemoveAsync(request, form["roleId"], form["assessorId"], etag.Length == 0 ? null : new Azure.ETag(etag), ConsoleForms.Actor, cancellationToken);
        return result.Outcome == PanelOutcome.Saved
            ? TypedResults.Redirect($"{Href(reference)}?panel={PanelNotices.Removed}")
            : await PageAsync(reference, null, PanelEditorViews.Errors(result), null, result.PageStatus,
                store, details, catalogue, pool, proposals, views, cancellationToken);
    }

    private static async Task<IResult> PageAsync(
        string reference, PanelForm? posted, FormErrors? errors, string? notice, int? status, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details,
        StandardCatalogue catalogue, AssessorPool pool, PanelProposals proposals, PanelEditorViews views, CancellationToken cancellationToken)
    {
        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request
            || await proposals.ProposeAsync(reference, await pool.ApprovedAsync(cancellationToken), cancellationToken) is not { } proposal)
        {
            return RequestNotFound();
        }

        return new ComponentParameters<PeerAssessmentRequestPage>()
            .Set(p => p.Request, request)
            .Set(p => p.StandardName, catalogue.Find(request.StandardId) is { } standard ? AssessmentText.StandardName(standard) : request.StandardId)
            .Set(p => p.Contact, await details.ContactAsync(request, cancellationToken))
            .Set(p => p.Conflicts, await details.ConflictsAsync(request, cancellationToken))
            .Set(p => p.Proposal, request.PanelDate is null ? proposal : null)
            .Set(p => p.Panel, await views.BuildAsync(request, proposal, $"{Href(reference)}/panel", posted, errors, notice, cancellationToken))
            .Result(status);
    }

    private static RazorComponentResult RequestNotFound() =>
        ConsoleForms.NotFound("There is no peer-assessment request with that reference.");
}
