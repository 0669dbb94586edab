using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Uploads;
using Microsoft.Net.Http.Headers;

namespace LocalGovStandard.Packs;

/// <summary>Reads a pack file upload (multipart/form-data with one <c>file</c>); a body that cannot be read becomes a 400, 413 or 415.</summary>
public static class PackFileForm
{
    /// <summary>The route's request limit: the largest file plus room for the multipart framing and the form's other fields.</summary>
    public const long MaxRequestBytes = UploadedFiles.MaxFileBytes + 256 * 1024;

    public static async Task<(IFormFile? File, IFormCollection? Form, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, ApiErrors.Problem(ApiErrors.UnsupportedMediaType, "Send the file as multipart/form-data with the field file."));
        }

        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return (form.Files.GetFile("file"), form, null);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, null, UploadedFiles.TooLargeProblem());
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, ApiErrors.Problem(ApiErrors.MalformedRequest, "The multipart body could not be read. Send multipart/form-data with the field file."));
        }
    }
}
