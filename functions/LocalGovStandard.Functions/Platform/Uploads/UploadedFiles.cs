using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Platform.Uploads;

/// <summary>An accepted kind of uploaded file (assessment evidence, a content pack's slides and handouts): its extension, the content type it is stored and served with, and its name for people.</summary>
public sealed record UploadedFileType(string Extension, string ContentType, string Label);

/// <summary>
/// What uploaded files may be: at most <see cref="MaxFileBytes"/> each, of
/// an allowed type checked by extension and by content (an .exe or a PNG renamed .pdf is refused), with a safe file name.
/// Zips (docx, xlsx, pptx, odt) are only listed, never extracted, so a zip bomb costs nothing.
/// </summary>
public static partial class UploadedFiles
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const int MaxFileNameLength = 100;
    public const string AllowedTypesText = "PDF, DOCX, XLSX, PPTX, ODT, CSV, TXT, PNG or JPG";
    public const string TooLargeMessage = "The selected file must be 10 MB or smaller";
    public const string WrongTypeMessage = "The selected file must be a " + AllowedTypesText;

    private const string OdtMimeType = "application/vnd.oasis.opendocument.text";

    private static readonly Dictionary<string, UploadedFileType> Types = new UploadedFileType[]
    {
        new("pdf", "application/pdf", "PDF"),
        new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"),
        new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"),
        new("odt", OdtMimeType, "ODT"),
        new("csv", "text/csv; charset=utf-8", "CSV"),
        new("txt", "text/plain; charset=utf-8", "TXT"),
        new("png", "image/png", "PNG"),
        new("jpg", "image/jpeg", "JPG"),
        new("jpeg", "image/jpeg", "JPG"),
    }.ToDictionary(t => t.Extension, StringComparer.Ordinal);

    /// <summary>413, with the message on the <c>file</c> field as for any other field error.</summary>
    public static IResult TooLargeProblem() =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["file"] = [TooLargeMessage] })
        {
            Status = ApiErrors.PayloadTooLarge.Status,
            Title = ApiErrors.PayloadTooLarge.Title,
            Type = ApiErrors.PayloadTooLarge.Uri,
            Detail = TooLargeMessage + ". Nothing was saved.",
        });

    /// <summary>A new file id: 16 random lowercase hex characters, safe in a URL and a blob path.</summary>
    public static string NewId() => RandomNumberGenerator.GetHexString(16, lowercase: true);

    public static bool IsFileId(string? value) => value is not null && IdPattern().IsMatch(value);

    /// <summary>
    /// Reads at most <paramref name="limit"/> + 1 bytes, so an oversized file is refused without buffering all of it.
    /// </summary>
    public static async Task<(ArraySegment<byte> Content, bool TooLarge)> ReadBoundedAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var capacity = limit + 1;
        var buffer = new byte[(int)Math.Min(capacity, stream.CanSeek ? Math.Max(stream.Length - stream.Position + 1, 1) : 81920)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return (default, true);
                }

                Array.Resize(ref buffer, (int)Math.Min(capacity, Math.Max((long)buffer.Length * 2, 4096)));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (new ArraySegment<byte>(buffer, 0, length), false);
            }

            length += read;
        }
    }

    /// <summary>
    /// Checks the (already sanitised) file name's extension and the content agree and are allowed.
    /// </summary>
    /// <returns>The file's type, or null after adding an error for <c>file</c>.</returns>
    public static UploadedFileType? Check(string fileName, ReadOnlyMemory<byte> content, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(errors);
        if (content.Length == 0)
        {
            errors.Add("file", "The selected file is empty");
            return null;
        }

        if (content.Length > MaxFileBytes)
        {
            errors.Add("file", TooLargeMessage);
            return null;
        }

        if (!Types.TryGetValue(ExtensionOf(fileName), out var type))
        {
            errors.Add("file", WrongTypeMessage);
            return null;
        }

        if (!ContentIs(type, content))
        {
            errors.Add("file", $"The selected file is not a real {type.Label} file: its content does not match its .{type.Extension} name. {WrongTypeMessage}");
            return null;
        }

        return type;
    }

    /// <summary>
    /// Keeps only the last path segment (no directories, "..", or drive letters), only letters, digits, spaces and
    /// <c>.-_()[]</c>, collapses whitespace and keeps at most <see cref="MaxFileNameLength"/> characters with the
    /// extension. Never empty: a name with nothing left becomes <c>{fallbackStem}.{ext}</c>.
    /// </summary>
    public static string SanitiseFileName(string? fileName, string fallbackStem)
    {
        var name = fileName ?? "";
        var cut = name.LastIndexOfAny(['/', '\\', ':']);
        if (cut >= 0)
        {
            name = name[(cut + 1)..];
        }

        // Lone surrogates would make normalisation throw; astral characters are not kept anyway.
        name = new string(name.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(NormalizationForm.FormC);
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            // CR, LF and tab become spaces; other control characters, like anything not listed, are dropped.
            if (char.IsWhiteSpace(c))
            {
                kept.Append(' ');
            }
            else if (char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '(' or ')' or '[' or ']')
            {
                kept.Append(c);
            }
        }

        name = Spaces().Replace(kept.ToString(), " ").Trim();
        var dot = name.LastIndexOf('.');
        var extension = dot >= 0 ? name[(dot + 1)..].Replace(" ", "", StringComparison.Ordinal) : "";
        var stem = (dot >= 0 ? name[..dot] : name).Trim(' ', '.');
        if (extension.Length > 20)
        {
            extension = extension[..20];
        }

        var suffix = extension.Length == 0 ? "" : "." + extension;
        if (stem.Length + suffix.Length > MaxFileNameLength)
        {
            stem = stem[..(MaxFileNameLength - suffix.Length)].TrimEnd(' ', '.');
        }

        return (stem.Length == 0 ? fallbackStem : stem) + suffix;
    }

    /// <summary>A Content-Disposition value that makes browsers save the file rather than show it.</summary>
    public static string AttachmentDisposition(string fileName)
    {
        var header = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }

    private static string ExtensionOf(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        return dot < 0 ? "" : fileName[(dot + 1)..].ToLowerInvariant();
    }

    private static bool ContentIs(UploadedFileType type, ReadOnlyMemory<byte> content) => type.Extension switch
    {
        "pdf" => content.Span.StartsWith("%PDF-"u8),
        "png" => content.Span.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "jpg" or "jpeg" => content.Span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "docx" => IsOfficeOpenXml(content, "word/"),
        "xlsx" => IsOfficeOpenXml(content, "xl/"),
        "pptx" => IsOfficeOpenXml(content, "ppt/"),
        "odt" => IsOpenDocumentText(content),
        "csv" or "txt" => IsPlainText(content.Span),
        _ => false,
    };

    /// <summary>A ZIP with [Content_Types].xml and the part folder of the application (word/, xl/ or ppt/).</summary>
    private static bool IsOfficeOpenXml(ReadOnlyMemory<byte> content, string partFolder) =>
        WithZip(content, archive =>
            archive.Entries.Any(e => e.FullName == "[Content_Types].xml")
            && archive.Entries.Any(e => e.FullName.StartsWith(partFolder, StringComparison.Ordinal)));

    /// <summary>A ZIP whose first entry is <c>mimetype</c> holding exactly the ODF text mime type (read with a small cap).</summary>
    private static bool IsOpenDocumentText(ReadOnlyMemory<byte> content) =>
        WithZip(content, archive =>
        {
            if (archive.Entries is not [{ FullName: "mimetype" } first, ..] || first.Length > 100)
            {
                return false;
            }

            using var stream = first.Open();
            var buffer = new byte[101];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return buffer.AsSpan(0, read).SequenceEqual(Encoding.ASCII.GetBytes(OdtMimeType));
        });

    private static bool WithZip(ReadOnlyMemory<byte> content, Func<ZipArchive, bool> check)
    {
        if (!content.Span.StartsWith("PK\x03\x04"u8))
        {
            return false;
        }

        var segment = MemoryMarshal.TryGetArray(content, out var array) ? array : new ArraySegment<byte>(content.ToArray());
        try
        {
            using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
            return check(archive);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>UTF-8 (a BOM is allowed) with no NUL or other control characters but tab, CR and LF.</summary>
    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            content = content[3..];
        }

        if (!Utf8.IsValid(content))
        {
            return false;
        }

        foreach (var b in content)
        {
            if ((b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n') || b == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
