using System.Globalization;
using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.PeerAssessments.Panels.Pages;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.PeerAssessments.Requests.Pages;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>A member of a panel as the API shows it (their contact key stays inside).</summary>
public sealed record PanelMemberView(string RoleId, string AssessorId, string Name, string CouncilCode, string CouncilName, string Status, DateTimeOffset? RespondedAt);

public sealed record PanelView(string Reference, string Status, string? Date, IReadOnlyList<PanelMemberView> Members)
{
    public static PanelView Of(PeerAssessmentRequestEntity request) =>
        new(request.Reference, request.Status, request.PanelDate,
            request.Panel().Select(m => new PanelMemberView(m.RoleId, m.AssessorId, m.Name, m.CouncilCode, m.CouncilName, m.Status, m.RespondedAt)).ToList());
}

/// <summary>
/// The three doors onto <see cref="PeerAssessmentPanels"/>: the admin API (organiser key), the leads' request pages, and
/// the invitation's accept and decline links (a GET that only shows a button, a POST that acts). The console's are in
/// Organiser.
/// </summary>
public static class PanelEndpoints
{
    public static IServiceCollection AddPanels(this IServiceCollection services)
    {
        services.AddSingleton<PanelLinks>();
        services.AddSingleton<PanelSeatIndex>();
        services.AddPersonalDataHolder<PanelSeatPersonalData>();
        services.AddSingleton<PanelInvitations>();
        services.AddSingleton<PeerAssessmentPanels>();
        services.AddSingleton<PanelEditorViews>();
        services.AddSingleton<LeadRequestPage>();
        services.AddSingleton<PanelReminders>();
        return services;
    }

    public static void MapPanels(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        admin.MapPut("/peer-assessments/{reference}/panel", ConfirmAsync).AsKeyedFunction("ConfirmPeerAssessmentPanel");
        app.MapTimerFunction<PanelReminders>(PanelReminders.Name, PanelReminders.Schedule);

        var lead = app.MapGroup("/assessments/peer-groups/{slug}/requests/{reference}/panel").RequireAuthorization(ContactSession.Policy)
            .RequireValidForms(PageResults.ExpiredDetail);
        lead.MapPost("", LeadConfirmAsync).AsPublicFunction("PeerGroupPanelConfirm");
        lead.MapPost("/remove", LeadRemoveAsync).AsPublicFunction("PeerGroupPanelRemove");

        MapAnswer(app, PanelLinks.AcceptPath, accept: true, "PanelInvitationAccept",
            "Accept your place on the panel", panel => $"Press the button to tell the peer group's leads you will sit on {panel}.", "Accept");
        MapAnswer(app, PanelLinks.DeclinePath, accept: false, "PanelInvitationDecline",
            "Decline your place on the panel", panel => $"Press the button to tell the peer group's leads you cannot sit on {panel}. They will ask someone else.", "Decline");
    }

    /// <summary>The emailed link's two routes: the GET shows the button (a mail scanner's visit changes nothing), the POST answers.</summary>
    private static void MapAnswer(IEndpointRouteBuilder app, string path, bool accept, string name, string heading, Func<string, string> text, string button)
    {
        app.MapGet(path, async (string? token, PanelLinks links, PeerAssessmentRequestStore requests, StandardCatalogue standards, CancellationToken cancellationToken) =>
                EmailedLinks.Confirm(heading, text(await PanelNamedAsync(links.Read(token), requests, standards, cancellationToken)), button, path, token))
            .AsPublicFunction(name).RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(path, (HttpContext context, PanelLinks links, PeerAssessmentPanels panels, CancellationToken cancellationToken) =>
                AnswerAsync(context, accept, links, panels, cancellationToken))
            .AsPublicFunction(name + "Confirm").RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Open the link in your invitation again and press the button.");
    }

    /// <summary>Which panel the link answers, read (never written) so the person sees what they are saying yes or no to.</summary>
    private static async Task<string> PanelNamedAsync(
        PanelLinks.SeatPayload? seat, PeerAssessmentRequestStore requests, StandardCatalogue standards, CancellationToken cancellationToken)
    {
        if (seat is null || !DateOnly.TryParseExact(seat.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || await requests.FindAsync(seat.Region, seat.Reference, cancellationToken) is not { } request)
        {
            return "this peer-assessment panel";
        }

        var role = PanelPages.RoleName(standards.Find(request.StandardId), seat.RoleId);
        return $"the peer-assessment panel for {request.ServiceName} at {request.CouncilName} on {PanelDates.Day(date)} (your role: {role})";
    }

    private static async Task<Results<Ok<PanelView>, BodyProblem, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        string reference, HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentPanels panels, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PanelChoice>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request)
        {
            return ApiErrors.Problem(ApiErrors.NotFound, "There is no peer-assessment request with that reference.");
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var result = await panels.ConfirmAsync(request, body!, string.IsNullOrEmpty(ifMatch) ? null : new ETag(ifMatch), "organiser:api", cancellationToken);
        switch (result.Outcome)
        {
            case PanelOutcome.Saved:
                context.Response.Headers.ETag = result.Request.ETag.ToString();
                return TypedResults.Ok(PanelView.Of(result.Request));
            case PanelOutcome.Invalid:
                return ApiErrors.ValidationProblem(result.ApiErrors());
            case PanelOutcome.Closed:
                return ApiErrors.Problem(ApiErrors.Conflict with { Title = "The report is published" }, "The panel of a published report no longer changes.");
            default:
                return ApiErrors.Problem(ApiErrors.Conflict, "The request changed since you read it (another lead or organiser saved its panel). Read it again and send your change once more.");
        }
    }

    private static async Task<IResult> LeadConfirmAsync(
        string slug, string reference, HttpContext context, PeerGroupLeadership leadership, PeerAssessmentRequestStore store, PeerAssessmentPanels panels,
        PanelEditorViews views, LeadRequestPage page, CancellationToken cancellationToken)
    {
        if (await RequestPages.FindLedAsync(context.User, slug, reference, leadership, store, cancellationToken) is not ({ } group, { } request))
        {
            return PageResults.NotFound();
        }

        var form = PanelForm.From(await context.Request.ReadFormAsync(cancellationToken), views.RolesOf(request));
        var result = await panels.ConfirmAsync(request, form.Choice(), form.ExpectedETag(), Actor(context), cancellationToken);
        return result.Outcome == PanelOutcome.Saved
            ? TypedResults.Redirect($"{RequestPages.LeadHref(slug, reference)}?panel={PanelNotices.Saved}")
            : await page.RenderAsync(group, await store.FindAsync(request.PartitionKey, reference, cancellationToken) ?? request, form with { ETag = null },
                PanelEditorViews.Errors(result), null, result.PageStatus, cancellationToken);
    }

    private static async Task<IResult> LeadRemoveAsync(
        string slug, string reference, HttpContext context, PeerGroupLeadership leadership, PeerAssessmentRequestStore store, PeerAssessmentPanels panels,
        LeadRequestPage page, CancellationToken cancellationToken)
    {
        if (await RequestPages.FindLedAsync(context.User, slug, reference, leadership, store, cancellationToken) is not ({ } group, { } request))
        {
            return PageResults.NotFound();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var etag = form[PanelForm.ETagField].ToString();
        var result = await panels.RemoveAsync(request, form["roleId"], form["assessorId"], etag.Length == 0 ? null : new ETag(etag), Actor(context), cancellationToken);
        return result.Outcome == PanelOutcome.Saved
            ? TypedResults.Redirect($"{RequestPages.LeadHref(slug, reference)}?panel={PanelNotices.Removed}")
            : await page.RenderAsync(group, await store.FindAsync(request.PartitionKey, reference, cancellationToken) ?? request, null,
                PanelEditorViews.Errors(result), null, result.PageStatus, cancellationToken);
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, bool accept, PanelLinks links, PeerAssessmentPanels panels, CancellationToken cancellationToken)
    {
        if (links.Read(await EmailedLinks.TokenAsync(context.Request, cancellationToken)) is not { } seat)
        {
            return new ComponentParameters<PanelAnswerPage>().Set(p => p.Outcome, ResponseOutcome.NotValid).Result(StatusCodes.Status400BadRequest);
        }

        var outcome = await panels.RespondAsync(seat, accept, cancellationToken);
        return new ComponentParameters<PanelAnswerPage>().Set(p => p.Outcome, outcome)
            .Result(outcome == ResponseOutcome.NoLongerOpen ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
    }

    private static string Actor(HttpContext context) => $"contact:{context.User.Scope().ContactReference}";
}
