using LocalGovStandard.Access;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>
/// A signed-in contact's pages: their council's list, each assessment's task list (or, once submitted,
/// its read-only summary), and the question pages. Every route needs the contact session, and every
/// read is scoped to its council, so another council's references are not found.
/// </summary>
public static class AssessmentPages
{
    public const string ListHref = "/assessments";

    public static void MapAssessmentPages(this IEndpointRouteBuilder app)
    {
        var assessments = app.MapGroup("/assessments").RequireAuthorization(ContactSession.Policy).RequireValidForms(PageResults.ExpiredDetail);
        assessments.MapGet("", ListAsync).AsPublicFunction("AssessmentListPage");
        assessments.MapGet("/keep-alive", KeepAlive).AsPublicFunction("AssessmentKeepAlive");
        assessments.MapDetailsPages();
        assessments.MapGet("/{reference}", ShowAsync).AsPublicFunction("AssessmentPage");
        assessments.MapPointPages();
        assessments.MapGet("/{reference}/confirmation", ShowConfirmationAsync).AsPublicFunction("AssessmentConfirmationPage");
        assessments.MapPost("/{reference}/reassess", ReassessAsync).AsPublicFunction("AssessmentReassessSubmit");
        assessments.MapActionPages();
    }

    /// <summary>A page of a draft: not found outside the caller's council, the summary once submitted, else <paramref name="render"/>.</summary>
    internal static Task<IResult> DraftPageAsync(string reference, HttpContext context, AssessmentService assessments, Func<AssessmentEntity, IResult> render, CancellationToken cancellationToken) =>
        DraftPageAsync(reference, context.User.Scope(), assessments, render, cancellationToken);

    internal static async Task<IResult> DraftPageAsync(string reference, CouncilScope scope, AssessmentService assessments, Func<AssessmentEntity, IResult> render, CancellationToken cancellationToken)
    {
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return PageResults.NotFound();
        }

        return entity.Status != AssessmentEntity.Draft ? TypedResults.Redirect(ViewHref(reference)) : render(entity);
    }

    public static string ViewHref(string reference) => $"/assessments/{reference}";

    public static string DetailsHref(string reference) => $"/assessments/{reference}/details";

    public static string CheckHref(string reference) => $"/assessments/{reference}/check";

    public static string ConfirmationHref(string reference) => $"/assessments/{reference}/confirmation";

    public static string ReassessHref(string reference) => $"/assessments/{reference}/reassess";

    private static async Task<RazorComponentResult> ListAsync(
        bool? actionDone, HttpContext context, AssessmentService assessments, CouncilDirectory councils, StandardCatalogue catalogue, PeerGroupLeadership leadership,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var (all, actions) = await assessments.ListAsync(scope, cancellationToken);
        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        return new ComponentParameters<AssessmentListPage>()
            .Set(p => p.CouncilName, council?.OfficialName ?? scope.GssCode)
            .Set(p => p.ContactName, scope.ContactName)
            .Set(p => p.Drafts, all.Where(a => a.Status == AssessmentEntity.Draft).ToList())
            .Set(p => p.Submitted, all.Where(a => a.Status == AssessmentEntity.Submitted).OrderByDescending(a => a.SubmittedAt).ToList())
            .Set(p => p.OpenActions, actions.Where(a => a.Status == ActionEntity.Open).ToList())
            .Set(p => p.Catalogue, catalogue)
            .Set(p => p.Now, clock.GetUtcNow())
            .Set(p => p.ActionDone, actionDone == true)
            .Set(p => p.GroupsLed, (await leadership.GroupsLedByAsync(context.User, cancellationToken)).Select(g => new Choice(g.Slug, g.Name)).ToList())
            .Result();
    }

    /// <summary>"Stay signed in": any request restarts the sliding session, so this one need do nothing else.</summary>
    private static NoContent KeepAlive(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ShowAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, TimeProvider clock, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(context, reference, cancellationToken);
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return PageResults.NotFound();
        }

        var view = AssessmentView.From(entity, catalogue);
        var standard = catalogue.Find(entity.StandardId)!;
        if (entity.Status == AssessmentEntity.Draft)
        {
            return new ComponentParameters<TaskListPage>().Set(p => p.Assessment, view).Set(p => p.Standard, standard).Result();
        }

        var (_, actions) = await assessments.ListAsync(scope, cancellationToken);
        return new ComponentParameters<SubmittedAssessmentPage>()
            .Set(p => p.Assessment, view)
            .Set(p => p.Standard, standard)
            .Set(p => p.Catalogue, catalogue)
            .Set(p => p.Actions, actions.Where(a => a.ConcernsAssessment(reference)).OrderBy(a => a.PointNumber).ToList())
            .Set(p => p.Now, clock.GetUtcNow())
            .Result();
    }

    private static async Task<IResult> ShowConfirmationAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(context, reference, cancellationToken);
        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (entity is null)
        {
            return PageResults.NotFound();
        }

        if (entity.Status != AssessmentEntity.Submitted)
        {
            return TypedResults.Redirect(ViewHref(reference));
        }

        var (_, actions) = await assessments.ListAsync(scope, cancellationToken);
        return new ComponentParameters<ConfirmationPage>()
            .Set(p => p.Assessment, AssessmentView.From(entity, catalogue))
            .Set(p => p.Standard, catalogue.Find(entity.StandardId)!)
            .Set(p => p.Actions, actions.Where(a => a.ConcernsAssessment(reference) && a.Status == ActionEntity.Open).ToList())
            .Result();
    }

    /// <summary>Starts (or, if one is in progress, goes back to) the reassessment of a submitted assessment's failing points.</summary>
    private static async Task<IResult> ReassessAsync(string reference, HttpContext context, AssessmentService assessments, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var result = await assessments.ReassessAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, cancellationToken);
        return result switch
        {
            { Assessment: { } draft } => TypedResults.Redirect(ViewHref(draft.Reference)),
            { Failure: WriteFailure.NotFound } => PageResults.NotFound(),
            _ => TypedResults.Redirect(ViewHref(reference)),
        };
    }
}
