using Azure;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using EvidenceWrite = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<LocalGovStandard.Assessments.AssessmentView>,
    LocalGovStandard.Assessments.WriteProblem>;

namespace LocalGovStandard.Assessments.Evidence;

/// <summary>
/// Evidence files on an assessment's points: upload (multipart), download and remove. Only a session for the
/// assessment's council reaches them; any other council's references and ids are simply not found.
/// </summary>
public static class EvidenceApi
{
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddSingleton<EvidenceService>();
        return services;
    }

    public static void MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/api/assessments/{reference}/evidence").RequireAuthorization(ContactSession.Policy);
        evidence.MapPost("", UploadAsync)
            .AsPublicFunction("UploadEvidence")
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceUploadReader.MaxRequestBytes));
        evidence.MapGet("/{evidenceId}", DownloadAsync).AsPublicFunction("DownloadEvidence").WithSecurityHeadersPolicy(SecurityHeaders.DownloadPolicy);
        evidence.MapDelete("/{evidenceId}", RemoveAsync).AsPublicFunction("RemoveEvidence");
    }

    private static async Task<Results<Created<AssessmentView>, WriteProblem, BodyProblem>> UploadAsync(
        string reference, HttpContext context, EvidenceService evidence, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        if (IfMatch(context.Request) is not { } etag)
        {
            return PreconditionRequired();
        }

        var (upload, problem) = await EvidenceUploadReader.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return new BodyProblem(problem);
        }

        using var content = new MemoryStream(upload!.Content.Array!, upload.Content.Offset, upload.Content.Count, writable: false);
        var result = await evidence.AddAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, upload.Point, upload.FileName, upload.ContentType, content, etag, cancellationToken);
        if (result.TooLarge)
        {
            return new BodyProblem(EvidenceUploadReader.TooLarge());
        }

        if (result.Write.Assessment is not { } entity)
        {
            return Failure(result.Write);
        }

        context.Response.Headers.ETag = entity.ETag.ToString();
        return TypedResults.Created($"/api/assessments/{entity.Reference}/evidence/{result.File!.Id}", AssessmentView.From(entity, catalogue));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(string reference, string evidenceId, HttpContext context, EvidenceService evidence, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        var download = await evidence.OpenAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, evidenceId, cancellationToken);
        if (download is null)
        {
            return EvidenceNotFound();
        }

        // Content-Security-Policy, Cache-Control and nosniff come from SecurityHeaders.DownloadPolicy.
        return TypedResults.Stream(download.Content, download.File.ContentType, download.File.FileName);
    }

    private static async Task<EvidenceWrite> RemoveAsync(
        string reference, string evidenceId, HttpContext context, EvidenceService evidence, StandardCatalogue catalogue, AssessmentScopes scopes, CancellationToken cancellationToken)
    {
        if (IfMatch(context.Request) is not { } etag)
        {
            return PreconditionRequired();
        }

        var result = await evidence.RemoveAsync(await scopes.ForAsync(context, reference, cancellationToken), reference, evidenceId, etag, cancellationToken);
        return result.Failure == WriteFailure.NotFound ? (WriteProblem)EvidenceNotFound() : Respond(context, result, catalogue);
    }

    private static EvidenceWrite Respond(HttpContext context, WriteResult result, StandardCatalogue catalogue)
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
            WriteFailure.NotFound => ApiErrors.Problem(ApiErrors.NotFound, "There is no assessment with that reference for your council."),
            WriteFailure.Changed => ApiErrors.Problem(ApiErrors.Conflict,
                "The draft changed since you read it (perhaps in another tab). Reload it to see the latest answers and evidence, then try again. Nothing was saved."),
            WriteFailure.NotDraft => ApiErrors.Problem(ApiErrors.Conflict,
                "This assessment has been submitted and cannot be changed, so its evidence cannot change either. Start a reassessment to record new evidence."),
            _ => ApiErrors.ValidationProblem(result.Errors!.ToDictionary()),
        };

    /// <summary>Not found, for another council's evidence too: its existence is not revealed.</summary>
    private static ProblemHttpResult EvidenceNotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no evidence file with that id on an assessment of your council.");

    private static ETag? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } value ? new ETag(value) : null;

    private static WriteProblem PreconditionRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required",
            type: ApiErrors.Conflict.Uri, detail: "Send the If-Match header with the ETag from your last read of the assessment, so a change from another tab is never overwritten.");
}
