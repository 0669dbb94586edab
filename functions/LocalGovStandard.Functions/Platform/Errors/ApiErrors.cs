using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Errors;

/// <summary>One catalogue of the problem types this service answers with (RFC 9457 ProblemDetails).</summary>
public static class ApiErrors
{
    private const string TypeBase = "https://localgovstandard.org.uk/problems/";

    public static readonly ErrorType Validation = new("validation", StatusCodes.Status400BadRequest, "Some of the information is missing or not valid");
    public static readonly ErrorType MalformedRequest = new("malformed-request", StatusCodes.Status400BadRequest, "The request could not be read");
    public static readonly ErrorType Unauthorized = new("unauthorized", StatusCodes.Status401Unauthorized, "A valid key is required");
    public static readonly ErrorType CrossSite = new("cross-site", StatusCodes.Status403Forbidden, "Requests from other sites are refused");
    public static readonly ErrorType Forbidden = new("forbidden", StatusCodes.Status403Forbidden, "You cannot do this");
    public static readonly ErrorType NotFound = new("not-found", StatusCodes.Status404NotFound, "Not found");
    public static readonly ErrorType NotAcceptable = new("not-acceptable", StatusCodes.Status406NotAcceptable, "The service cannot answer in the format asked for");
    public static readonly ErrorType Conflict = new("conflict", StatusCodes.Status409Conflict, "The record changed since you read it");
    public static readonly ErrorType ContactAddress = new("contact-address", StatusCodes.Status409Conflict, "The address is a contact's");
    public static readonly ErrorType PayloadTooLarge = new("payload-too-large", StatusCodes.Status413PayloadTooLarge, "The request is too large");
    public static readonly ErrorType UnsupportedMediaType = new("unsupported-media-type", StatusCodes.Status415UnsupportedMediaType, "The request has the wrong content type");
    public static readonly ErrorType TooManyRequests = new("too-many-requests", StatusCodes.Status429TooManyRequests, "Too many requests");
    public static readonly ErrorType Unexpected = new("unexpected", StatusCodes.Status500InternalServerError, "Sorry, there is a problem with the service");
    public static readonly ErrorType StorageUnavailable = new("storage-unavailable", StatusCodes.Status503ServiceUnavailable, "The service is temporarily unavailable");

    /// <summary>The browsable API reference (the OpenAPI document is at <see cref="OpenApiDocumentPath"/>).</summary>
    public const string ReferencePath = "/api/reference";

    public const string OpenApiDocumentPath = "/openapi/v1.json";

    /// <summary>The problem member that links a client to the API reference.</summary>
    public const string ReferenceLink = "apiReference";

    /// <summary>Seconds a client should wait before retrying after a 503 or 429.</summary>
    public const int RetryAfterSeconds = 30;

    public static ValidationProblem ValidationProblem(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail ?? "Correct the fields listed in errors and send the request again.",
            title: Validation.Title, type: Validation.Uri);

    public static ValidationProblem FieldProblem(string field, string message) =>
        ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Problem(ErrorType error, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: error.Status, title: error.Title, type: error.Uri);

    public sealed record ErrorType(string Slug, int Status, string Title)
    {
        public string Uri => TypeBase + Slug;
    }
}
