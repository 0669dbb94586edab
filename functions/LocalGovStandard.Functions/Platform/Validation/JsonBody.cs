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
    public static async Task<(T? Value, BodyProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, new BodyProblem(ApiErrors.Problem(ApiErrors.UnsupportedMediaType, "Send the request body as JSON with Content-Type: application/json.")));
        }

        try
        {
            var value = await request.ReadFromJsonAsync<T>(StrictOptions, cancellationToken);
            return value is null
                ? (null, new BodyProblem(ApiErrors.FieldProblem("body", "The request body must be a JSON object.")))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, new BodyProblem(Describe(exception)));
        }
    }

    /// <summary>The web defaults, refusing fields the route does not have (a typo would otherwise be silently ignored).</summary>
    private static readonly JsonSerializerOptions StrictOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// A value of the wrong type names its field; an unknown field names itself; anything else
    /// (truncated, single quotes, too deep) is a broken body, whatever field the reader had reached.
    /// The first two point to the API reference, in the message and as the problem's <c>apiReference</c> link.
    /// </summary>
    private static ValidationProblem Describe(JsonException exception)
    {
        var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
        if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var unknown = UnmappedName(exception.Message) ?? field;
            return ReferenceProblem(unknown, $"{unknown} is not a field of this request. Remove it, and check the API reference at {ApiErrors.ReferencePath} for the field names.");
        }

        return field != "body" && exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? ReferenceProblem(field, $"{field} has the wrong type or format. Check the API reference at {ApiErrors.ReferencePath} for this field.")
            : ApiErrors.FieldProblem("body", "The request body is not valid JSON.");
    }

    private static ValidationProblem ReferenceProblem(string field, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            $"Correct the fields listed in errors and send the request again. The API reference at {ApiErrors.ReferencePath} describes every route's fields.",
            title: ApiErrors.Validation.Title,
            type: ApiErrors.Validation.Uri,
            extensions: new Dictionary<string, object?> { [ApiErrors.ReferenceLink] = ApiErrors.ReferencePath });

    /// <summary>The property name in "The JSON property 'x' could not be mapped to any .NET member ...".</summary>
    private static string? UnmappedName(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }
}
