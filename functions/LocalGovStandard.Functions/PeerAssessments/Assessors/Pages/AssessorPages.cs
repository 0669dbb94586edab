using LocalGovStandard.Access;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Assessors.Pages;

/// <summary>
/// A signed-in contact's assessor pages: their own offer (and withdrawing it), and, for a peer group they lead, the
/// group's assessors and the approval. A group they do not lead, or an assessor outside it, is not found.
/// </summary>
public static class AssessorPages
{
    private const string ExpiredDetail = "For your security, forms expire. Go back, reload the page and try again. Nothing you entered on that page was saved.";

    public static void MapAssessorPages(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup(AssessorRoutes.ProfileHref).RequireAuthorization(ContactSession.Policy).RequireValidForms(ExpiredDetail);
        own.MapGet("", ShowAsync).AsPublicFunction("AssessorProfilePage");
        own.MapPost("", SaveAsync).AsPublicFunction("AssessorProfileSave");
        own.MapPost("/withdraw", WithdrawAsync).AsPublicFunction("AssessorProfileWithdraw");

        var lead = app.MapGroup("/assessments/peer-groups/{peerGroup}/assessors").RequireAuthorization(ContactSession.Policy).RequireValidForms(ExpiredDetail);
        lead.MapGet("", ListAsync).AsPublicFunction("LeadAssessorsPage");
        lead.MapGet("/{assessorId}", ShowApprovalAsync).AsPublicFunction("LeadApproveAssessorPage");
        lead.MapPost("/{assessorId}", ApproveAsync).AsPublicFunction("LeadApproveAssessor");
    }

    private static async Task<RazorComponentResult> ShowAsync(
        string? done, HttpContext context, AssessorPool pool, AssessorProfileValidator validator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var assessor = await pool.FindAsync(context.User.Scope(), cancellationToken);
        var form = assessor is null ? AssessorProfileForm.Blank : AssessorProfileForm.From(assessor, UkTime.Today(clock));
        return ProfilePage(assessor, form, validator, new FormErrors(), done switch
        {
            "saved" => "Your offer to assess was saved",
            "withdrawn" => "You have withdrawn from the assessor pool",
            _ => null,
        }).Result();
    }

    private static async Task<IResult> SaveAsync(
        HttpContext context, AssessorPool pool, AssessorProfileValidator validator, TimeProvider clock, CancellationToken cancellationToken)
    {
        var posted = AssessorProfileForm.Read(await context.Request.ReadFormAsync(cancellationToken));
        var (profile, errors, shown) = posted.Check(validator, UkTime.Today(clock));
        var scope = context.User.Scope();
        if (profile is null)
        {
            return ProfilePage(await pool.FindAsync(scope, cancellationToken), shown, validator, errors, done: null).Result(StatusCodes.Status400BadRequest);
        }

        await pool.OfferAsync(scope, profile, cancellationToken);
        return TypedResults.Redirect(AssessorRoutes.ProfileHref + "?done=saved");
    }

    private static async Task<RedirectHttpResult> WithdrawAsync(HttpContext context, AssessorPool pool, CancellationToken cancellationToken) =>
        await pool.WithdrawAsync(context.User.Scope(), cancellationToken) is null
            ? TypedResults.Redirect(AssessorRoutes.ProfileHref)
            : TypedResults.Redirect(AssessorRoutes.ProfileHref + "?done=withdrawn");

    private static async Task<IResult> ListAsync(
        string peerGroup, bool? approved, HttpContext context, PeerGroupLeadership leadership, AssessorPool pool, AssessorProfileValidator validator,
        CancellationToken cancellationToken)
    {
        if (await leadership.LedGroupAsync(context.User, peerGroup, cancellationToken) is not { } group)
        {
            return NotFound();
        }

        return new ComponentParameters<LeadAssessorsPage>()
            .Set(p => p.GroupSlug, group.Slug)
            .Set(p => p.GroupName, group.Name)
            .Set(p => p.Assessors, group.Members(await pool.InRegionsAsync(group.PartitionSlugs, cancellationToken), a => a.GssCode).ToList())
            .Set(p => p.Labels, validator)
            .Set(p => p.Done, approved == true ? "The assessor was approved" : null)
            .Set(p => p.ViewerAssessorId, OwnAssessorId(context))
            .Result();
    }

    private static async Task<IResult> ShowApprovalAsync(
        string peerGroup, string assessorId, HttpContext context, PeerGroupLeadership leadership, AssessorPool pool, AssessorProfileValidator validator,
        TimeProvider clock, CancellationToken cancellationToken) =>
        await LedAssessorAsync(peerGroup, assessorId, context, leadership, pool, cancellationToken) is ({ } group, { } assessor)
            ? ApprovalPage(group, assessor, validator, clock, null).Result()
            : NotFound();

    private static async Task<IResult> ApproveAsync(
        string peerGroup, string assessorId, HttpContext context, PeerGroupLeadership leadership, AssessorPool pool, AssessorProfileValidator validator,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await LedAssessorAsync(peerGroup, assessorId, context, leadership, pool, cancellationToken) is not ({ } group, { } assessor))
        {
            return NotFound();
        }

        var actor = $"contact:{context.User.Scope().ContactReference} (lead of {group.Slug})";
        var outcome = await TrainingDateForm.ApproveAsync(context, assessor, actor, pool, clock, cancellationToken);
        return outcome.Approved
            ? TypedResults.Redirect(AssessorRoutes.LeadListHref(group.Slug) + "?approved=true")
            : ApprovalPage(group, assessor, validator, clock, outcome).Result(StatusCodes.Status400BadRequest);
    }

    private static string OwnAssessorId(HttpContext context) =>
        AssessorKeys.Id(context.User.Scope().GssCode, context.User.Scope().ContactReference);

    /// <summary>
    /// The group when the signed-in contact leads it, and the assessor when their council is in it and they are not the
    /// lead themselves: nobody approves their own offer (another lead or an organiser does).
    /// </summary>
    private static async Task<(PeerGroup? Group, AssessorEntity? Assessor)> LedAssessorAsync(
        string peerGroup, string assessorId, HttpContext context, PeerGroupLeadership leadership, AssessorPool pool, CancellationToken cancellationToken)
    {
        if (await leadership.LedGroupAsync(context.User, peerGroup, cancellationToken) is not { } group)
        {
            return (null, null);
        }

        var assessor = await pool.FindAsync(assessorId, cancellationToken);
        return assessor is not null && group.Contains(assessor.GssCode, assessor.PartitionKey) && assessor.AssessorId != OwnAssessorId(context)
            ? (group, assessor)
            : (group, null);
    }

    private static ComponentParameters<AssessorProfilePage> ProfilePage(
        AssessorEntity? assessor, AssessorProfileForm form, AssessorProfileValidator validator, FormErrors errors, string? done) =>
        new ComponentParameters<AssessorProfilePage>()
            .Set(p => p.Assessor, assessor)
            .Set(p => p.Form, form)
            .Set(p => p.Roles, validator.Roles.Select(r => new Choice(r.Id, r.Label)).ToList())
            .Set(p => p.Standards, validator.Standards.Select(s => new Choice(s.Id, validator.StandardName(s.Id))).ToList())
            .Set(p => p.Errors, errors)
            .Set(p => p.Done, done);

    private static ComponentParameters<LeadApprovePage> ApprovalPage(
        PeerGroup group, AssessorEntity assessor, AssessorProfileValidator validator, TimeProvider clock, TrainingDateForm.Outcome? outcome) =>
        new ComponentParameters<LeadApprovePage>()
            .Set(p => p.GroupSlug, group.Slug)
            .Set(p => p.GroupName, group.Name)
            .Set(p => p.Approval, TrainingDateForm.View.For(assessor, validator, clock, outcome));

    private static RazorComponentResult NotFound() =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Detail, "There is nothing at this address for you. If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.")
            .Result(StatusCodes.Status404NotFound);
}
