using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Requests.Pages;

/// <summary>
/// A council's requests (its own, from the session, never the URL) and the pages its peer group's leads see: a lead
/// is a signed-in contact that <see cref="PeerGroupLeadership"/> names, and any other group answers 404.
/// </summary>
public static class RequestPages
{
    public const string ListHref = "/assessments/peer-requests";

    public static string CouncilHref(string reference) => PanelDraftReference.CouncilRequestHref(reference);

    public static string LeadListHref(string slug) => $"/assessments/peer-groups/{slug}/requests";

    public static string LeadHref(string slug, string reference) => PeerAssessmentRequests.LeadHref(slug, reference);

    public static void MapPeerAssessmentPages(this IEndpointRouteBuilder app)
    {
        var council = app.MapGroup(ListHref).RequireAuthorization(ContactSession.Policy).RequireValidForms(PageResults.ExpiredDetail);
        council.MapGet("", ListAsync).AsPublicFunction("PeerAssessmentRequestListPage");
        council.MapGet("/new", NewAsync).AsPublicFunction("NewPeerAssessmentRequestPage");
        council.MapPost("", CreateAsync).AsPublicFunction("PeerAssessmentRequestSubmit");
        council.MapGet("/{reference}", ShowAsync).AsPublicFunction("PeerAssessmentRequestPage");
        council.MapPost("/{reference}/read", ConfirmReadAsync).AsPublicFunction("PeerAssessmentReportReadSubmit");
        council.MapFeedbackPages();

        var lead = app.MapGroup("/assessments/peer-groups/{slug}/requests").RequireAuthorization(ContactSession.Policy);
        lead.MapGet("", LeadListAsync).AsPublicFunction("PeerGroupRequestListPage");
        lead.MapGet("/{reference}", LeadShowAsync).AsPublicFunction("PeerGroupRequestPage");
    }

    private static async Task<RazorComponentResult> ListAsync(
        HttpContext context, PeerAssessmentRequestStore store, PeerGroupLeadership leadership, CouncilDirectory councils, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var led = await leadership.GroupsLedByAsync(context.User, cancellationToken);
        return new ComponentParameters<CouncilRequestsPage>()
            .Set(p => p.CouncilName, await CouncilNameAsync(councils, scope, cancellationToken))
            .Set(p => p.Requests, await store.ForCouncilAsync(scope.Region, scope.GssCode, cancellationToken))
            .Set(p => p.LedGroups, led.Select(g => (g.Slug, g.Name)).ToList())
            .Result();
    }

    /// <summary>With <paramref name="reassess"/> naming one of the council's published requests, the form comes filled in from it.</summary>
    private static async Task<RazorComponentResult> NewAsync(
        string? reassess, HttpContext context, PeerAssessmentRequestValidator validator, PeerAssessmentRequestStore store, ContactStore contacts, CouncilDirectory councils,
        StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var earlier = reassess is null ? null : await store.FindAsync(scope.Region, reassess, cancellationToken);
        var form = earlier is not null && earlier.GssCode == scope.GssCode && earlier.Status == PeerAssessmentRequestEntity.ReportPublished
            ? RequestForm.ForReassessment(earlier)
            : RequestForm.Empty;
        return await FormAsync(context, form, new FormErrors(), validator, contacts, councils, catalogue, cancellationToken);
    }

    public static string ReassessHref(string reference) => ReassessmentOffer.Href(reference);

    private static async Task<IResult> CreateAsync(
        HttpContext context, PeerAssessmentRequestValidator validator, PeerAssessmentRequests requests, ContactStore contacts, CouncilDirectory councils,
        StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        var form = RequestForm.From(await context.Request.ReadFormAsync(cancellationToken));
        var scope = context.User.Scope();
        var (valid, errors) = await validator.ValidateAsync(scope, form.Body(), cancellationToken);
        var pageErrors = form.Errors(errors);
        if (valid is null || pageErrors.Any)
        {
            return await FormAsync(context, form, pageErrors, validator, contacts, councils, catalogue, cancellationToken, StatusCodes.Status400BadRequest);
        }

        var created = await requests.CreateAsync(scope, await CouncilNameAsync(councils, scope, cancellationToken), valid, cancellationToken);
        return TypedResults.Redirect($"{CouncilHref(created.Reference)}?created=true");
    }

    private static async Task<IResult> ShowAsync(
        string reference, bool? created, bool? read, string? feedback, HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details,
        StandardCatalogue catalogue, ReportReadings readings, CouncilFeedback feedbacks, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var request = await store.FindAsync(scope.Region, reference, cancellationToken);
        return request is null || request.GssCode != scope.GssCode
            ? PageResults.NotFound()
            : await PageAsync(request, "Your council's request", ListHref, created == true, details, catalogue, cancellationToken,
                reading: await readings.ViewAsync(request, scope.ContactKey, cancellationToken), readConfirmed: read == true,
                reassessHref: ReassessmentOffer.HrefIfOffered(request, catalogue.Find(request.StandardId)),
                reportHref: PanelDraftReference.DraftHref(PanelDraftReference.For(request.Reference)),
                councilFeedback: new CouncilFeedbackLink(feedbacks.IsOpen(request) ? CouncilFeedback.Href(reference) : null, request.FeedbackAt is not null, feedback == "saved"));
    }

    /// <summary>Confirming twice changes nothing; a request that is not the council's, or has no report yet, is not found. The page then says so at its top.</summary>
    private static async Task<IResult> ConfirmReadAsync(string reference, HttpContext context, ReportReadings readings, CancellationToken cancellationToken) =>
        await readings.ConfirmAsync(context.User.Scope(), reference, cancellationToken) is ReadConfirmation.Recorded or ReadConfirmation.AlreadyRecorded
            ? TypedResults.Redirect($"{CouncilHref(reference)}?read=true")
            : PageResults.NotFound();

    private static async Task<IResult> LeadListAsync(
        string slug, HttpContext context, PeerGroupLeadership leadership, PeerAssessmentRequestStore store, CancellationToken cancellationToken)
    {
        if (await leadership.LedGroupAsync(context.User, slug, cancellationToken) is not { } group)
        {
            return PageResults.NotFound();
        }

        return new ComponentParameters<LeadRequestsPage>()
            .Set(p => p.GroupSlug, group.Slug)
            .Set(p => p.GroupName, group.Name)
            .Set(p => p.Requests, group.Members(await store.InRegionsAsync(group.PartitionSlugs, cancellationToken), r => r.GssCode).ToList())
            .Result();
    }

    private static async Task<IResult> LeadShowAsync(
        string slug, string reference, string? panel, HttpContext context, PeerGroupLeadership leadership, PeerAssessmentRequestStore store,
        LeadRequestPage page, CancellationToken cancellationToken) =>
        await FindLedAsync(context.User, slug, reference, leadership, store, cancellationToken) is ({ } group, { } request)
            ? await page.RenderAsync(group, request, null, null, PanelNotices.For(panel), null, cancellationToken)
            : PageResults.NotFound();

    /// <summary>The request, when the signed-in person leads the peer group it was made to; else nulls (the page answers 404).</summary>
    public static async Task<(PeerGroups.PeerGroup? Group, PeerAssessmentRequestEntity? Request)> FindLedAsync(
        System.Security.Claims.ClaimsPrincipal user, string slug, string reference, PeerGroupLeadership leadership, PeerAssessmentRequestStore store,
        CancellationToken cancellationToken) =>
        await leadership.LedGroupAsync(user, slug, cancellationToken) is { } group
        && await store.FindInAsync(group.PartitionSlugs, reference, cancellationToken) is { } request
        && group.Contains(request.GssCode, request.PartitionKey)
            ? (group, request)
            : (null, null);

    internal static async Task<IResult> PageAsync(
        PeerAssessmentRequestEntity request, string caption, string backHref, bool created, PeerAssessmentRequestDetails details, StandardCatalogue catalogue,
        CancellationToken cancellationToken, PanelProposal? proposal = null, PanelEditorView? panel = null, int? status = null, ReportReadView? reading = null,
        string? reassessHref = null, string? reportHref = null, bool readConfirmed = false, CouncilFeedbackLink? councilFeedback = null, FeedbackView? leadFeedback = null) =>
        new ComponentParameters<RequestPage>()
            .Set(p => p.Request, request)
            .Set(p => p.StandardName, catalogue.Find(request.StandardId) is { } standard ? AssessmentText.StandardName(standard) : request.StandardId)
            .Set(p => p.Caption, caption)
            .Set(p => p.BackHref, backHref)
            .Set(p => p.Contact, await details.ContactAsync(request, cancellationToken))
            .Set(p => p.Conflicts, await details.ConflictsAsync(request, cancellationToken))
            .Set(p => p.Created, created)
            .Set(p => p.Proposal, proposal)
            .Set(p => p.OutcomeLabel, catalogue.Find(request.StandardId)?.OverallRating(request.Outcome)?.Label ?? request.Outcome)
            .Set(p => p.Panel, panel)
            .Set(p => p.Reading, reading)
            .Set(p => p.ReassessHref, reassessHref)
            .Set(p => p.CouncilFeedback, councilFeedback)
            .Set(p => p.LeadFeedback, leadFeedback)
            .Set(p => p.ReportHref, reportHref)
            .Set(p => p.ReadConfirmed, readConfirmed && reading?.ReadByViewer == true)
            .Result(status);

    private static async Task<RazorComponentResult> FormAsync(
        HttpContext context, RequestForm form, FormErrors errors, PeerAssessmentRequestValidator validator, ContactStore contacts, CouncilDirectory councils,
        StandardCatalogue catalogue, CancellationToken cancellationToken, int? status = null)
    {
        var scope = context.User.Scope();
        var approved = await contacts.ApprovedForCouncilAsync(scope.Region, scope.GssCode, cancellationToken);
        var register = await councils.AllAsync(cancellationToken);
        return new ComponentParameters<NewRequestPage>()
            .Set(p => p.CouncilName, await CouncilNameAsync(councils, scope, cancellationToken))
            .Set(p => p.Standards, AssessmentText.Standards(catalogue))
            .Set(p => p.Contacts, approved.OrderBy(c => c.ContactName, StringComparer.OrdinalIgnoreCase)
                .Select(c => new Choice(c.Reference, string.IsNullOrEmpty(c.JobTitle) ? c.ContactName : $"{c.ContactName}, {c.JobTitle}")).ToList())
            .Set(p => p.Councils, register.Where(c => c.Code != scope.GssCode).OrderBy(c => c.OfficialName, StringComparer.OrdinalIgnoreCase)
                .Select(c => new Choice(c.Code, c.OfficialName)).ToList())
            .Set(p => p.Earliest, validator.EarliestDate)
            .Set(p => p.Form, form)
            .Set(p => p.Errors, errors)
            .Result(status);
    }

    private static async Task<string> CouncilNameAsync(CouncilDirectory councils, CouncilScope scope, CancellationToken cancellationToken) =>
        (await councils.FindByCodeAsync(scope.GssCode, cancellationToken))?.OfficialName ?? scope.GssCode;
}
