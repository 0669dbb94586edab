using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.Assessments.Evidence;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Panels.Pages;

/// <summary>
/// A panel member's pages: their panels, and each panel's page (the request, the council's self-assessment read only,
/// and the way into the panel's draft, which the assessment pages record through the member's grant). Showing a page
/// writes nothing: the draft is created by the "Start recording" button or the panel's first saved point. A request the
/// contact holds no grant for answers 404, as if it did not exist.
/// </summary>
public static class PanelPages
{
    public static string PanelHref(string requestReference) => $"{PanelDraftReference.PanelsHref}/{requestReference}";

    public static string StartHref(string requestReference) => $"{PanelHref(requestReference)}/start";

    public static string EvidenceHref(string requestReference, string evidenceId) => $"{PanelHref(requestReference)}/evidence/{evidenceId}";

    public static string RoleName(Standard? standard, string roleId) =>
        standard?.AssessorRoles.FirstOrDefault(r => r.Id == roleId)?.Label ?? roleId;

    public static void MapPanelPages(this IEndpointRouteBuilder app)
    {
        var panels = app.MapGroup(PanelDraftReference.PanelsHref).RequireAuthorization(ContactSession.Policy).RequireValidForms(PageResults.ExpiredDetail);
        panels.MapGet("", ListAsync).AsPublicFunction("AssessmentPanelListPage");
        panels.MapGet("/{reference}", ShowAsync).AsPublicFunction("AssessmentPanelPage");
        panels.MapPost("/{reference}/start", StartAsync).AsPublicFunction("AssessmentPanelStart");
        panels.MapGet("/{reference}/evidence/{evidenceId}", DownloadAsync).AsPublicFunction("AssessmentPanelEvidenceDownload")
            .WithSecurityHeadersPolicy(SecurityHeaders.DownloadPolicy);
    }

    private static async Task<RazorComponentResult> ListAsync(
        string? published, HttpContext context, PanelGrant grant, StandardCatalogue catalogue, CancellationToken cancellationToken) =>
        new ComponentParameters<PanelListPage>()
            .Set(p => p.Seats, await grant.SeatsAsync(context.User, cancellationToken))
            .Set(p => p.Catalogue, catalogue)
            .Set(p => p.Published, Platform.Tokens.HumanReference.IsWellFormed(published) ? published : null)
            .Result();

    private static async Task<IResult> ShowAsync(
        string reference, HttpContext context, PanelGrant grant, AssessmentService assessments, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (await grant.SeatAsync(context.User, reference, cancellationToken) is not { } seat || catalogue.Find(seat.Request.StandardId) is not { } standard)
        {
            return PageResults.NotFound();
        }

        var draft = await grant.DraftAsync(seat, cancellationToken);
        var self = await assessments.SelfAssessmentForPanelAsync(seat.Scope, seat.Request.StandardId, seat.Request.ServiceName, cancellationToken);
        return new ComponentParameters<PanelPage>()
            .Set(p => p.Seat, seat)
            .Set(p => p.Standard, standard)
            .Set(p => p.Draft, draft is null ? null : AssessmentView.From(draft, catalogue))
            .Set(p => p.SelfAssessment, self is null ? null : AssessmentView.From(self, catalogue))
            .Result();
    }

    /// <summary>The panel's "Start recording" button: opens the panel's draft (once, however many members press it) and goes to it.</summary>
    private static async Task<IResult> StartAsync(string reference, HttpContext context, PanelGrant grant, CancellationToken cancellationToken)
    {
        if (await grant.SeatAsync(context.User, reference, cancellationToken) is not { } seat
            || await grant.OpenDraftAsync(seat, cancellationToken) is not { } draft)
        {
            return PageResults.NotFound();
        }

        return TypedResults.Redirect(PanelDraftReference.DraftHref(draft.Reference));
    }

    /// <summary>An evidence file of the council's self-assessment the panel reads; any other file of the council's is not found.</summary>
    private static async Task<IResult> DownloadAsync(
        string reference, string evidenceId, HttpContext context, PanelGrant grant, AssessmentService assessments, EvidenceService evidence, CancellationToken cancellationToken)
    {
        if (await grant.SeatAsync(context.User, reference, cancellationToken) is not { } seat
            || await assessments.SelfAssessmentForPanelAsync(seat.Scope, seat.Request.StandardId, seat.Request.ServiceName, cancellationToken) is not { } self)
        {
            return PageResults.NotFound();
        }

        var reads = seat.Scope with { Panel = seat.Scope.Panel! with { SelfAssessment = self.Reference } };
        return await evidence.OpenAsync(reads, self.Reference, evidenceId, cancellationToken) is { } download
            ? TypedResults.Stream(download.Content, download.File.ContentType, download.File.FileName)
            : PageResults.NotFound();
    }
}
