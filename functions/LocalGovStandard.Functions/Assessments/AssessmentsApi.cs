using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;
using AssessmentWrite = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<LocalGovStandard.Assessments.AssessmentView>,
    LocalGovStandard.Assessments.WriteProblem,
    LocalGovStandard.Platform.Validation.BodyProblem>;

namespace LocalGovStandard.Assessments;

public static class AssessmentsApi
{
    public static IServiceCollection AddAssessments(this IServiceCollection services)
    {
        services.AddOptions<AssessmentOptions>().BindConfiguration(AssessmentOptions.Section);
        services.AddSingleton<AssessmentDetailsValidator>();
        services.AddSingleton<AssessmentService>();
        services.AddSingleton<AssessmentScopes>();
        services.AddSingleton<SubmittedAssessmentQueries>();
        services.AddPersonalDataHolder<AssessmentPersonalData>();
        return services;
    }

    public static void MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assessments").RequireAuthorization(ContactSession.Policy);
        api.MapGet("", ListAsync).AsPublicFunction("ListAssessments");
        api.MapPost("", CreateAsync).AsPublicFunction("CreateAssessment");
        api.MapGet("/{reference}", GetAsync).AsPublicFunction("GetAssessment");
        api.MapPut("/{reference}/details", UpdateDetailsAsync).AsPublicFunction("UpdateAssessmentDetails");
        api.MapPut("/{reference}/points/{number:int}", RatePointAsync).AsPublicFunction("RateAssessmentPoint");
        api.MapPost("/{reference}/submit", SubmitAsync).AsPublicFunction("SubmitAssessment");
        api.MapPost("/{reference}/reassess", ReassessAsync).AsPublicFunction("ReassessAssessment");
        app.MapPost("/api/actions/{reference}/{point:int}/done", CompleteActionAsync)
            .RequireAuthorization(ContactSession.Policy)
            .AsPublicFunction("CompleteAction");
    }

    private static async Task<Ok<CouncilAssessmentsView>> ListAsync(HttpContext context, AssessmentService assessments, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (all, actions) = await assessments.ListAsync(context.User.Scope(), cancellationToken);
        var now = clock.GetUtcNow();
        AssessmentSummary Summary(AssessmentEntity a) => new(a.Reference, a.ServiceName, a.StandardId, a.Type, a.Status,
            a.Status == AssessmentEntity.Submitted ? a.OverallRating : null, a.UpdatedAt, a.PredecessorReference);
        var open = actions.Where(a => a.Status == ActionEntity.Open).Select(a => ActionView.From(a, now)).ToList();
        return TypedResults.Ok(new CouncilAssessmentsView(
            all.Where(a => a.Status == AssessmentEntity.Draft).Select(Summary).ToList(),
            all.Where(a => a.Status == AssessmentEntity.Submitted).Select(Summary).ToList(),
            open,
            open.Count(a => a.Overdue),
            actions.Where(a => a.Status != ActionEntity.Open).Select(a => ActionView.From(a, now)).ToList()));
    }

    private static async Task<Results<Created<AssessmentView>, BodyProblem, ValidationProblem>> CreateAsync(
        HttpContext context, AssessmentDetailsValidator validator, AssessmentService assessments, CouncilDirectory councils, StandardCatalogue catalogue, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssessmentDetailsRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (details, errors) = await validator.ValidateAsync(body!, cancellationToken);
        if (details is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var scope = context.User.Scope();
        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        var created = await assessments.CreateAsync(scope, council?.OfficialName ?? scope.GssCode, details, cancellationToken);
        context.Response.Headers.ETag = created.ETag.ToString();
        return TypedResults.Created($"/api/assessments/{created.Reference}", AssessmentView.From(created, catalogue));
    }

    private static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> GetAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var entity = await assessments.FindAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, cancellationToken);
        if (entity is null)
        {
            return NotFound();
        }

        context.Response.Headers.ETag = entity.ETag.ToString();
        return TypedResults.Ok(AssessmentView.From(entity, catalogue));
    }

    private static async Task<AssessmentWrite> UpdateDetailsAsync(
        string reference, HttpContext context, AssessmentDetailsValidator validator, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        if (IfMatch(context.Request) is not { } etag)
        {
            return PreconditionRequired();
        }

        var (body, problem) = await JsonBody.ReadAsync<AssessmentDetailsRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (details, errors) = await validator.ValidateAsync(body!, cancellationToken);
        return details is null
            ? (WriteProblem)ApiErrors.ValidationProblem(errors.ToDictionary())
            : Respond(context, await assessments.UpdateDetailsAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, details, etag, cancellationToken), catalogue);
    }

    private static async Task<AssessmentWrite> RatePointAsync(
        string reference, int number, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        if (IfMatch(context.Request) is not { } etag)
        {
            return PreconditionRequired();
        }

        var (body, problem) = await JsonBody.ReadAsync<PointRequest>(context.Request, cancellationToken);
        return problem is not null ? problem : Respond(context, await assessments.RatePointAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, number, body!.Rating, body.Notes, etag, cancellationToken), catalogue);
    }

    private static async Task<AssessmentWrite> SubmitAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        if (IfMatch(context.Request) is not { } etag)
        {
            return PreconditionRequired();
        }

        var body = context.Request.ContentLength is > 0 || context.Request.HasJsonContentType()
            ? await JsonBody.ReadAsync<SubmitRequest>(context.Request, cancellationToken)
            : (new SubmitRequest(null), null);
        return body.Problem is { } problem ? problem : Respond(context, await assessments.SubmitAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, body.Value!.OverallRating, etag, cancellationToken), catalogue);
    }

    private static async Task<Results<Created<AssessmentView>, WriteProblem>> ReassessAsync(
        string reference, HttpContext context, AssessmentService assessments, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var result = await assessments.ReassessAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, cancellationToken);
        if (result.Assessment is not { } created)
        {
            return Failure(result);
        }

        context.Response.Headers.ETag = created.ETag.ToString();
        return TypedResults.Created($"/api/assessments/{created.Reference}", AssessmentView.From(created, catalogue));
    }

    private static async Task<Results<Ok<ActionView>, BodyProblem, ValidationProblem, ProblemHttpResult>> CompleteActionAsync(string reference, int point, HttpContext context, AssessmentService assessments, TimeProvider clock, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ActionDoneRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var note = errors.OptionalMultilineText("note", body!.Note, "Note", 1000);
        if (note is null)
        {
            errors.Add("note", "Say what was done to complete the action");
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var (action, failure) = await assessments.MarkActionDoneAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, point, note, cancellationToken);
        return failure switch
        {
            null => TypedResults.Ok(ActionView.From(action!, clock.GetUtcNow())),
            WriteFailure.NotFound => NotFound(),
            WriteFailure.NotDraft => ApiErrors.Problem(ApiErrors.Conflict, "This action is already done or closed."),
            _ => ApiErrors.Problem(ApiErrors.Conflict, "The action changed since you read it. Reload it and try again."),
        };
    }

    private static AssessmentWrite Respond(HttpContext context, WriteResult result, StandardCatalogue catalogue)
    {
        if (result.Assessment is { } entity)
        {
            context.Response.Headers.ETag = entity.ETag.ToString();
            return TypedResults.Ok(AssessmentView.From(entity, catalogue));
        }

        return Failure(result);
    }

    private static WriteProblem Failure(WriteResult result) =>
        result.Failure switch
        {
            WriteFailure.NotFound => NotFound(),
            WriteFailure.Changed => ApiErrors.Problem(ApiErrors.Conflict,
                "The draft changed since you read it (perhaps in another tab). Reload it to see the latest answers, then make your change again."),
            WriteFailure.NotDraft => ApiErrors.Problem(ApiErrors.Conflict,
                "This assessment has been submitted and cannot be changed. Start a reassessment to record new ratings."),
            WriteFailure.NotPermitted => ApiErrors.Problem(ApiErrors.Forbidden, "Only the panel's lead assessor can submit the panel's assessment."),
            _ => ApiErrors.ValidationProblem(result.Errors!.ToDictionary()),
        };

    /// <summary>Not found, for another council's references too: their existence is not revealed.</summary>
    private static ProblemHttpResult NotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no assessment with that reference for your council.");

    private static ETag? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } value ? new ETag(value) : null;

    private static WriteProblem PreconditionRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required",
            type: ApiErrors.Conflict.Uri, detail: "Send the If-Match header with the ETag from your last read of the assessment, so a change from another tab is never overwritten.");
}
