using System.Text.Json;
using LocalGovStandard.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Validation;

/// <summary>
/// Reads a JSON request body so that every way it can be wrong (not JSON, wrong content type,
/// a field of the wrong type) becomes a 400 or 415 that names the field, never a 500.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiErrors.Problem(ApiErrors.UnsupportedMediaType, "Send the request body as JSON with Content-Type: application/json."));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null
                ? (null, ApiErrors.FieldProblem("body", "The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, Describe(exception));
        }
    }

    private static ValidationProblem Describe(JsonException exception)
    {
        var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
        var message = field == "body"
            ? "The request body is not valid JSON."
            : $"{field} has the wrong type or format. Check the API reference for this field.";
        return ApiErrors.FieldProblem(field, message);
    }
}
