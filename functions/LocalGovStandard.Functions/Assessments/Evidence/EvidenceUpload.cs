using System.Globalization;
using System.Text;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Uploads;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace LocalGovStandard.Assessments.Evidence;

/// <summary>The fields of an evidence upload: <c>point</c> and one <c>file</c>.</summary>
public sealed record EvidenceUpload(int Point, string? FileName, string? ContentType, ArraySegment<byte> Content);

/// <summary>
/// Reads a multipart/form-data evidence upload as a stream of sections, holding at most one file of
/// <see cref="UploadedFiles.MaxFileBytes"/> + 1 bytes. Every way the body can be wrong becomes a 400, 413 or 415
/// ProblemDetails, never a 500.
/// </summary>
public static class EvidenceUploadReader
{
    /// <summary>The route's request limit: the largest file plus room for the multipart framing and the point field.</summary>
    public const long MaxRequestBytes = UploadedFiles.MaxFileBytes + 256 * 1024;

    private const int MaxSections = 10;
    private const int MaxPointFieldBytes = 32;

    public static async Task<(EvidenceUpload? Upload, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiErrors.Problem(ApiErrors.UnsupportedMediaType,
                "Send the evidence as multipart/form-data with the fields point (the point number) and file."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary);
        if (StringSegment.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return (null, ApiErrors.Problem(ApiErrors.MalformedRequest, "The multipart boundary is missing or longer than 70 characters."));
        }

        try
        {
            return await ReadSectionsAsync(new MultipartReader(boundary.Value!, request.Body)
            {
                HeadersCountLimit = 16,
                HeadersLengthLimit = 16 * 1024,
                BodyLengthLimit = MaxRequestBytes,
            }, cancellationToken);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or DecoderFallbackException)
        {
            return (null, ApiErrors.Problem(ApiErrors.MalformedRequest,
                "The multipart body could not be read. Send multipart/form-data with the fields point and file."));
        }
    }

    /// <summary>413, with the message on the <c>file</c> field as for any other field error.</summary>
    public static IResult TooLarge() => UploadedFiles.TooLargeProblem();

    private static async Task<(EvidenceUpload? Upload, IResult? Problem)> ReadSectionsAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        string? pointText = null;
        string? fileName = null;
        string? contentType = null;
        ArraySegment<byte>? content = null;
        var sections = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (++sections > MaxSections)
            {
                return (null, ApiErrors.Problem(ApiErrors.MalformedRequest, $"Send at most {MaxSections} form fields: point and file."));
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name);
            if (name.Equals("file", StringComparison.Ordinal))
            {
                if (content is not null)
                {
                    return (null, ApiErrors.FieldProblem("file", "Upload one file at a time"));
                }

                fileName = FileNameOf(disposition);
                contentType = section.ContentType;
                var (bytes, tooLarge) = await UploadedFiles.ReadBoundedAsync(section.Body, UploadedFiles.MaxFileBytes, cancellationToken);
                if (tooLarge)
                {
                    return (null, TooLarge());
                }

                content = bytes;
            }
            else if (name.Equals("point", StringComparison.Ordinal))
            {
                var (bytes, tooLong) = await UploadedFiles.ReadBoundedAsync(section.Body, MaxPointFieldBytes, cancellationToken);
                pointText = tooLong ? "" : new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
        }

        var point = 0;
        if (string.IsNullOrWhiteSpace(pointText))
        {
            errors.Add("point", "Say which point the evidence is for");
        }
        else if (!int.TryParse(pointText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out point))
        {
            errors.Add("point", "The point must be a whole number, like 3");
        }

        if (content is not { } file || (file.Count == 0 && string.IsNullOrEmpty(fileName)))
        {
            errors.Add("file", "Select a file");
        }

        return errors.IsValid
            ? (new EvidenceUpload(point, fileName, contentType, content!.Value), null)
            : (null, ApiErrors.ValidationProblem(errors.ToDictionary()));
    }

    /// <summary>The RFC 5987 <c>filename*</c> when sent (browsers use it for non-ASCII names), else <c>filename</c>.</summary>
    private static string? FileNameOf(ContentDispositionHeaderValue disposition)
    {
        var star = disposition.FileNameStar;
        var name = StringSegment.IsNullOrEmpty(star) ? HeaderUtilities.RemoveQuotes(disposition.FileName) : star;
        return name.Value;
    }
}
