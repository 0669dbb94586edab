using LocalGovStandard.Access;
using LocalGovStandard.PeerAssessments.Assessors.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Assessors;

/// <summary>
/// The assessor pool's JSON routes: a contact's own offer (their session) and, under /api/admin (the organiser key),
/// the list by peer group and the approval. The pages (<see cref="AssessorPages"/>) call the same <see cref="AssessorPool"/>.
/// </summary>
public static class AssessorsApi
{
    public const string ApiActor = "organiser";

    public static IServiceCollection AddAssessors(this IServiceCollection services)
    {
        services.AddSingleton<AssessorPool>();
        services.AddSingleton<AssessorProfileValidator>();
        services.AddPersonalDataHolder<AssessorPersonalData>();
        return services;
    }

    public static void MapAssessors(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        var api = app.MapGroup("/api/assessor-profile").RequireAuthorization(ContactSession.Policy);
        api.MapGet("", GetOwnAsync).AsPublicFunction("GetAssessorProfile");
        api.MapPut("", OfferAsync).AsPublicFunction("PutAssessorProfile");
        api.MapPost("/withdraw", WithdrawAsync).AsPublicFunction("WithdrawAssessorProfile");
        admin.MapGet("/assessors", ListAsync).AsKeyedFunction("ListAssessors");
        admin.MapPost("/assessors/{assessorId}/approve", ApproveAsync).AsKeyedFunction("ApproveAssessor");
        app.MapAssessorPages();
    }

    private static async Task<Results<Ok<AssessorView>, ProblemHttpResult>> GetOwnAsync(
        HttpContext context, AssessorPool pool, TimeProvider clock, CancellationToken cancellationToken) =>
        await pool.FindAsync(context.User.Scope(), cancellationToken) is { } entity
            ? TypedResults.Ok(AssessorView.From(entity, UkTime.Today(clock)))
            : NotOffered();

    private static async Task<Results<Ok<AssessorView>, BodyProblem, ValidationProblem>> OfferAsync(
        HttpContext context, AssessorProfileValidator validator, AssessorPool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssessorProfileRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (profile, errors) = validator.Validate(body!);
        if (profile is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        return TypedResults.Ok(AssessorView.From(await pool.OfferAsync(context.User.Scope(), profile, cancellationToken), UkTime.Today(clock)));
    }

    private static async Task<Results<Ok<AssessorView>, ProblemHttpResult>> WithdrawAsync(
        HttpContext context, AssessorPool pool, TimeProvider clock, CancellationToken cancellationToken) =>
        await pool.WithdrawAsync(context.User.Scope(), cancellationToken) is { } entity
            ? TypedResults.Ok(AssessorView.From(entity, UkTime.Today(clock)))
            : NotOffered();

    private static async Task<Results<Ok<IReadOnlyList<AssessorView>>, ValidationProblem>> ListAsync(
        string? peerGroup, AssessorPool pool, PeerGroupStore groups, TimeProvider clock, CancellationToken cancellationToken)
    {
        PeerGroup? group = null;
        if (!string.IsNullOrEmpty(peerGroup) && (group = await groups.FindAsync(peerGroup, cancellationToken)) is null)
        {
            return ApiErrors.FieldProblem("peerGroup", "There is no peer group with that slug. GET /api/peer-groups lists them.");
        }

        var assessors = group is null
            ? await pool.InRegionsAsync(Register.Regions.All.Select(r => r.Slug), cancellationToken)
            : group.Members(await pool.InRegionsAsync(group.PartitionSlugs, cancellationToken), a => a.GssCode).ToList();
        var today = UkTime.Today(clock);
        return TypedResults.Ok<IReadOnlyList<AssessorView>>(assessors.Select(a => AssessorView.From(a, today)).ToList());
    }

    private static async Task<Results<Ok<AssessorView>, BodyProblem, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        string assessorId, HttpContext context, AssessorPool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssessorApprovalRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var today = UkTime.Today(clock);
        var (trainedOn, dateProblem) = TrainingDate.Check(body!.TrainedOn, today);
        if (trainedOn is null)
        {
            return ApiErrors.FieldProblem(TrainingDate.Field, dateProblem!);
        }

        if (await pool.FindAsync(assessorId, cancellationToken) is not { } entity)
        {
            return ApiErrors.Problem(ApiErrors.NotFound, "There is no assessor with that id. GET /api/admin/assessors lists them.");
        }

        var (result, approved) = await pool.ApproveAsync(entity, trainedOn.Value, ApiActor, cancellationToken);
        return result == ApprovalResult.Withdrawn
            ? ApiErrors.Problem(ApiErrors.Conflict, "They have withdrawn from the assessor pool. They can offer again, and then be approved.")
            : TypedResults.Ok(AssessorView.From(approved, today));
    }

    private static ProblemHttpResult NotOffered() =>
        ApiErrors.Problem(ApiErrors.NotFound, "You have not offered to assess. PUT /api/assessor-profile to offer.");
}
