using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Errors;

namespace LocalGovStandard.ApiReference;

/// <summary>What each error status means on this API, and an example of its problem body (RFC 9457, from <see cref="ApiErrors"/>).</summary>
public static class ProblemExamples
{
    private static readonly Dictionary<int, (ApiErrors.ErrorType Type, string Detail)> Examples = new()
    {
        [400] = (ApiErrors.Validation, "Correct the fields listed in errors and send the request again."),
        [401] = (ApiErrors.Unauthorized, "Send the organiser key in the x-functions-key header (or the code query parameter)."),
        [403] = (ApiErrors.CrossSite, "This request came from another site with your session cookie, so it was refused. Scripts use a bearer token from POST /api/access/token."),
        [404] = (ApiErrors.NotFound, "There is no contact with that council code and reference."),
        [406] = (ApiErrors.NotAcceptable, "The feed answers " + Feed.FeedFormat.Offered + "."),
        [409] = (ApiErrors.Conflict, "The draft changed since you read it (perhaps in another tab). Reload it to see the latest answers, then make your change again."),
        [413] = (ApiErrors.PayloadTooLarge, "The request body is larger than this route accepts."),
        [415] = (ApiErrors.UnsupportedMediaType, "Send the request body as JSON with Content-Type: application/json."),
        [428] = (ApiErrors.Conflict with { Title = "If-Match is required" }, "Send the If-Match header with the ETag from your last read of the assessment, so a change from another tab is never overwritten."),
        [429] = (ApiErrors.TooManyRequests, "You have made too many requests. Wait 42 seconds and try again."),
        [503] = (ApiErrors.StorageUnavailable, $"Your request was not completed, so nothing was saved. Try again in {ApiErrors.RetryAfterSeconds} seconds. If it keeps happening, contact the LocalGov Standard team and quote the reference."),
    };

    public static string Meaning(int status, IReadOnlyList<string> schemes) => status switch
    {
        400 => "The request is not valid: errors names each field at fault and what to do.",
        401 when schemes.Contains(ApiSecuritySchemes.OrganiserKey) => "The organiser key is missing or wrong.",
        401 when schemes.Contains(ApiSecuritySchemes.ReadKey) => "The read key is missing or wrong.",
        401 => "No current session: the bearer token or cookie is missing, expired, or its session has ended (signed out, declined, erased).",
        403 => "A state change with the session cookie came from another site.",
        404 => "There is no such record, or it belongs to another council (which is not revealed).",
        406 => "The Accept header asks for a format the feed does not offer.",
        409 => "The record changed since it was read, or it can no longer change.",
        410 => "The link has expired.",
        413 => "The request body is larger than this route accepts.",
        415 => "The request has the wrong content type.",
        428 => "The If-Match header (the ETag from the last read) is missing.",
        429 => "Too many requests (or wrong keys) from this address: wait for the Retry-After seconds.",
        503 => "Storage or email was briefly unreachable; nothing was saved. Retry after the Retry-After seconds.",
        _ => "An error, described by the problem's title and detail.",
    };

    public static JsonNode For(int status)
    {
        var (type, detail) = Examples.TryGetValue(status, out var known)
            ? known
            : (new ApiErrors.ErrorType("error", status, "Error"), "See the problem's title and detail.");
        var example = new JsonObject
        {
            ["type"] = type.Uri,
            ["title"] = type.Title,
            ["status"] = status,
            ["detail"] = detail,
            ["reference"] = "ERR-4F1C2A9B07",
        };
        if (status == StatusCodes.Status400BadRequest)
        {
            example["errors"] = new JsonObject { ["contactEmail"] = new JsonArray("Enter an email address in the correct format, like name@yourcouncil.gov.uk") };
        }

        return example;
    }
}
