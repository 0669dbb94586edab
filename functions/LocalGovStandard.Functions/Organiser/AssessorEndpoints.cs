using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Assessors.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>The assessor pool in the console: who offered to assess, by peer group, and the approval with their training date.</summary>
public static class AssessorEndpoints
{
    public const string ListHref = "/organiser/assessors";

    public static string ApproveHref(string assessorId) => $"{ListHref}/{assessorId}";

    public static void MapConsoleAssessors(this RouteGroupBuilder console)
    {
        console.MapGet("/assessors", ListAsync).AsPublicFunction("ConsoleAssessors");
        console.MapGet("/assessors/{assessorId}", ShowAsync).AsPublicFunction("ConsoleAssessor");
        console.MapPost("/assessors/{assessorId}", ApproveAsync).AsPublicFunction("ConsoleApproveAssessor");
    }

    private static async Task<IResult> ListAsync(
        string? peerGroup, bool? approved, PeerGroupStore peerGroups, AssessorPool pool, AssessorProfileValidator validator, CancellationToken cancellationToken)
    {
        var groups = await peerGroups.AllAsync(cancellationToken);
        var chosen = string.IsNullOrWhiteSpace(peerGroup) ? null : groups.FirstOrDefault(g => g.Slug == peerGroup);
        var errors = new FormErrors();
        if (!string.IsNullOrWhiteSpace(peerGroup) && chosen is null)
        {
            errors.Add("peerGroup", "Choose a peer group from the list");
        }

        return new ComponentParameters<AssessorsPage>()
            .Set(p => p.PeerGroups, groups.Select(g => new Choice(g.Slug, g.Name)).ToList())
            .Set(p => p.PeerGroup, peerGroup)
            .Set(p => p.Assessors, errors.Any ? [] : chosen is null
                ? await pool.InRegionsAsync(Register.Regions.All.Select(r => r.Slug), cancellationToken)
                : chosen.Members(await pool.InRegionsAsync(chosen.PartitionSlugs, cancellationToken), a => a.GssCode).ToList())
            .Set(p => p.Labels, validator)
            .Set(p => p.Errors, errors)
            .Set(p => p.Done, approved == true ? "The assessor was approved" : null)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ShowAsync(
        string assessorId, AssessorPool pool, AssessorProfileValidator validator, TimeProvider clock, CancellationToken cancellationToken) =>
        await pool.FindAsync(assessorId, cancellationToken) is { } assessor
            ? ApprovalPage(assessor, validator, clock, null).Result()
            : AssessorNotFound();

    private static async Task<IResult> ApproveAsync(
        string assessorId, HttpContext context, AssessorPool pool, AssessorProfileValidator validator, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await pool.FindAsync(assessorId, cancellationToken) is not { } assessor)
        {
            return AssessorNotFound();
        }

        var outcome = await TrainingDateForm.ApproveAsync(context, assessor, ConsoleForms.Actor, pool, clock, cancellationToken);
        return outcome.Approved
            ? TypedResults.Redirect(ListHref + "?approved=true")
            : ApprovalPage(assessor, validator, clock, outcome).Result(StatusCodes.Status400BadRequest);
    }

    private static ComponentParameters<ApproveAssessorPage> ApprovalPage(
        AssessorEntity assessor, AssessorProfileValidator validator, TimeProvider clock, TrainingDateForm.Outcome? outcome) =>
        new ComponentParameters<ApproveAssessorPage>()
            .Set(p => p.Approval, TrainingDateForm.View.For(assessor, validator, clock, outcome));

    private static RazorComponentResult AssessorNotFound() =>
        ConsoleForms.NotFound("There is no assessor with that id.");
}
