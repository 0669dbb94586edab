using LocalGovStandard.Access;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.PeerAssessments.Requests.Pages;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments;

/// <summary>A council's requests for peer assessments. The council is always the session's; another council's references are not found.</summary>
public static class PeerAssessmentsApi
{
    public static IServiceCollection AddPeerAssessments(this IServiceCollection services)
    {
        services.AddSingleton<PeerAssessmentRequestStore>();
        services.AddSingleton<PeerAssessmentRequestValidator>();
        services.AddSingleton<PeerAssessmentRequestDetails>();
        services.AddSingleton<PeerAssessmentRequests>();
        services.AddSingleton<ReportReadings>();
        services.AddSingleton<CouncilFeedback>();
        services.AddSingleton<PanelProposals>();
        services.AddSingleton<PeerAssessmentQueries>();
        services.AddPersonalDataHolder<PeerAssessmentRequestPersonalData>();
        return services;
    }

    /// <summary>The API and the pages (the council's, and its peer group's leads').</summary>
    public static void MapPeerAssessments(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        app.MapPeerAssessmentsApi();
        app.MapPeerAssessmentPages();
        admin.MapGet("/peer-assessments/{reference}/proposal", ProposeAsync).AsKeyedFunction("ProposePeerAssessmentPanel");
    }

    private static async Task<Results<Ok<PanelProposal>, ProblemHttpResult>> ProposeAsync(
        string reference, AssessorPool pool, PanelProposals proposals, CancellationToken cancellationToken) =>
        await proposals.ProposeAsync(reference, await pool.ApprovedAsync(cancellationToken), cancellationToken) is { } proposal
            ? TypedResults.Ok(proposal)
            : ApiErrors.Problem(ApiErrors.NotFound, "There is no peer-assessment request with that reference.");

    private static void MapPeerAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/peer-assessments").RequireAuthorization(ContactSession.Policy);
        api.MapGet("", ListAsync).AsPublicFunction("ListPeerAssessmentRequests");
        api.MapPost("", CreateAsync).AsPublicFunction("RequestPeerAssessment");
        api.MapGet("/{reference}", GetAsync).AsPublicFunction("GetPeerAssessmentRequest");
        api.MapFeedbackApi();
    }

    private static async Task<Ok<List<PeerAssessmentRequestView>>> ListAsync(
        HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var views = new List<PeerAssessmentRequestView>();
        foreach (var request in await store.ForCouncilAsync(scope.Region, scope.GssCode, cancellationToken))
        {
            views.Add(await details.ViewAsync(request, cancellationToken));
        }

        return TypedResults.Ok(views);
    }

    private static async Task<Results<Created<PeerAssessmentRequestView>, BodyProblem, ValidationProblem>> CreateAsync(
        HttpContext context, PeerAssessmentRequestValidator validator, PeerAssessmentRequests requests, PeerAssessmentRequestDetails details,
        CouncilDirectory councils, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PeerAssessmentRequestBody>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var scope = context.User.Scope();
        var (valid, errors) = await validator.ValidateAsync(scope, body!, cancellationToken);
        if (valid is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        var created = await requests.CreateAsync(scope, council?.OfficialName ?? scope.GssCode, valid, cancellationToken);
        return TypedResults.Created($"/api/peer-assessments/{created.Reference}", await details.ViewAsync(created, cancellationToken));
    }

    private static async Task<Results<Ok<PeerAssessmentRequestView>, ProblemHttpResult>> GetAsync(
        string reference, HttpContext context, PeerAssessmentRequestStore store, PeerAssessmentRequestDetails details, CancellationToken cancellationToken)
    {
        var scope = context.User.Scope();
        var found = await store.FindAsync(scope.Region, reference, cancellationToken);
        return found is null || found.GssCode != scope.GssCode
            ? ApiErrors.Problem(ApiErrors.NotFound, "There is no peer-assessment request with that reference for your council.")
            : TypedResults.Ok(await details.ViewAsync(found, cancellationToken));
    }
}
