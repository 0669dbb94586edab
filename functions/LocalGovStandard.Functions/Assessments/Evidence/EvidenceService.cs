using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Uploads;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Assessments.Evidence;

/// <param name="File">Set when the change added this file.</param>
/// <param name="TooLarge">The file was over <see cref="UploadedFiles.MaxFileBytes"/>; nothing was read beyond the limit or stored.</param>
public sealed record EvidenceWriteResult(WriteResult Write, EvidenceFile? File = null, bool TooLarge = false);

public sealed record EvidenceDownload(EvidenceFile File, Stream Content);

/// <summary>
/// Evidence files for assessment points. Each is a private blob at <c>{gss}/{reference}/{point}/{id}</c>, with the
/// council taken from the session's <see cref="CouncilScope"/>, never from the request, and recorded on the draft's
/// point under the draft's ETag (so a stale tab gets a 409, and a submitted assessment cannot change).
/// </summary>
public sealed partial class EvidenceService(
    BlobServiceClient blobs,
    AssessmentService assessments,
    StandardCatalogue standards,
    AuditLog audit,
    TimeProvider clock,
    ILogger<EvidenceService> logger)
{
    /// <summary>A reassessment's carried points may point back through a chain of predecessors; this bounds the walk.</summary>
    private const int MaxCarriedHops = 50;

    private BlobContainerClient Container => blobs.GetBlobContainerClient(BlobContainerNames.Evidence);

    public static string BlobName(string gssCode, string reference, int point, string evidenceId) =>
        $"{gssCode}/{reference}/{point}/{evidenceId}";

    /// <summary>
    /// Validates the file, uploads it, then records it on the point. If recording fails (stale ETag, submitted
    /// meanwhile, storage fault) the blob is deleted again, so nothing is half-stored.
    /// </summary>
    public async Task<EvidenceWriteResult> AddAsync(
        CouncilScope scope, string reference, int point, string? fileName, string? declaredContentType, Stream content, ETag ifMatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (bytes, tooLarge) = await UploadedFiles.ReadBoundedAsync(content, UploadedFiles.MaxFileBytes, cancellationToken);
        if (tooLarge)
        {
            var errors = new FieldErrors();
            errors.Add("file", UploadedFiles.TooLargeMessage);
            return new EvidenceWriteResult(WriteResult.Invalid(errors), TooLarge: true);
        }

        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        if (StateFailure(entity, ifMatch) is { } failure)
        {
            return new EvidenceWriteResult(WriteResult.Fail(failure));
        }

        var invalid = new FieldErrors();
        CanAddTo(entity!, point, invalid);
        var name = UploadedFiles.SanitiseFileName(fileName, EvidenceRules.FallbackFileName);
        var type = UploadedFiles.Check(name, bytes, invalid);
        if (!invalid.IsValid)
        {
            return new EvidenceWriteResult(WriteResult.Invalid(invalid));
        }

        var file = new EvidenceFile(UploadedFiles.NewId(), name, type!.ContentType, bytes.Count, clock.GetUtcNow());
        var blob = Container.GetBlobClient(BlobName(scope.GssCode, entity!.Reference, point, file.Id));
        await blob.UploadAsync(new BinaryData(bytes.AsMemory()), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, ContentDisposition = UploadedFiles.AttachmentDisposition(file.FileName) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

        WriteResult result;
        try
        {
            // Not cancellable: once the row is written the blob must stay, so the outcome has to be known.
            result = await assessments.ChangeDraftAsync(scope, entity.Reference, ifMatch, $"assessment.point-{point}-evidence-added", draft =>
            {
                var errors = new FieldErrors();
                if (!CanAddTo(draft, point, errors))
                {
                    return errors;
                }

                var points = draft.Points();
                var existing = points.GetValueOrDefault(point);
                points[point] = existing is null ? new PointAnswer(null, null, [file]) : existing with { Evidence = [.. existing.Evidence, file] };
                if (!draft.TrySetPoints(points))
                {
                    var full = new FieldErrors();
                    full.Add("file", "This assessment has reached the most it can hold. Shorten some notes or remove a file first");
                    return full;
                }

                return null;
            }, CancellationToken.None);
        }
        catch (Exception)
        {
            if (!await IsRecordedOrUnknownAsync(scope, entity.Reference, file.Id))
            {
                await DeleteQuietlyAsync(blob);
            }

            throw;
        }

        if (result.Assessment is null)
        {
            await DeleteQuietlyAsync(blob);
            return new EvidenceWriteResult(result);
        }

        await audit.WriteAsync($"contact:{scope.ContactReference}", "evidence.added", blob.Name,
            $"{file.ContentType}; {file.Size} bytes; declared {Describe(declaredContentType)}", CancellationToken.None);
        return new EvidenceWriteResult(result, file);
    }

    /// <summary>Removes the file from its point, then deletes its blob. Files on carried-over points stay with their original assessment.</summary>
    public async Task<WriteResult> RemoveAsync(CouncilScope scope, string reference, string evidenceId, ETag ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var entity = UploadedFiles.IsFileId(evidenceId) ? await assessments.FindAsync(scope, reference, cancellationToken) : null;
        if (entity is null || Locate(entity, evidenceId) is not { } found)
        {
            return WriteResult.Fail(WriteFailure.NotFound);
        }

        var result = await assessments.ChangeDraftAsync(scope, entity.Reference, ifMatch, $"assessment.point-{found.Point}-evidence-removed", draft =>
        {
            var errors = new FieldErrors();
            if (Locate(draft, evidenceId) is not { } current)
            {
                errors.Add("evidenceId", "That evidence file has already been removed");
                return errors;
            }

            if (current.Answer.CarriedFrom is { } carried)
            {
                errors.Add("evidenceId", $"Point {current.Point} passed in {carried.Reference} and is carried over, with its evidence; only the points being reassessed can change");
                return errors;
            }

            var points = draft.Points();
            points[current.Point] = current.Answer with { Evidence = current.Answer.Evidence.Where(e => e.Id != evidenceId).ToList() };
            draft.SetPoints(points);
            return null;
        }, CancellationToken.None);

        if (result.Assessment is not null)
        {
            var blobName = BlobName(scope.GssCode, entity.Reference, found.Point, evidenceId);
            await DeleteQuietlyAsync(Container.GetBlobClient(blobName));
            await audit.WriteAsync($"contact:{scope.ContactReference}", "evidence.removed", blobName, cancellationToken: CancellationToken.None);
        }

        return result;
    }

    /// <summary>The file and its content, or null when the assessment or file is not this council's.</summary>
    public async Task<EvidenceDownload?> OpenAsync(CouncilScope scope, string reference, string evidenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!UploadedFiles.IsFileId(evidenceId))
        {
            return null;
        }

        var entity = await assessments.FindAsync(scope, reference, cancellationToken);
        var found = entity is null ? null : Locate(entity, evidenceId);

        // A carried-over point's files live with the assessment that first recorded them.
        for (var hops = 0; found?.Answer.CarriedFrom is { } carried && hops < MaxCarriedHops; hops++)
        {
            var predecessor = await assessments.FindAsync(scope, carried.Reference, cancellationToken);
            if (predecessor is null || Locate(predecessor, evidenceId) is not { } earlier)
            {
                break;
            }

            (entity, found) = (predecessor, earlier);
        }

        if (found is null)
        {
            return null;
        }

        try
        {
            var blob = Container.GetBlobClient(BlobName(scope.GssCode, entity!.Reference, found.Point, evidenceId));
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new EvidenceDownload(found.File, download.Value.Content);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private static WriteFailure? StateFailure(AssessmentEntity? entity, ETag ifMatch) => entity switch
    {
        null => WriteFailure.NotFound,
        { Status: not AssessmentEntity.Draft } => WriteFailure.NotDraft,
        _ when entity.ETag != ifMatch => WriteFailure.Changed,
        _ => null,
    };

    /// <returns>True when the point exists, is not carried over and has room for another file; otherwise adds an error.</returns>
    private bool CanAddTo(AssessmentEntity entity, int point, FieldErrors errors)
    {
        var standard = standards.Find(entity.StandardId)!;
        if (standard.Point(point) is null)
        {
            errors.Add("point", $"{standard.Name} has points 1 to {standard.Points.Count}");
            return false;
        }

        var existing = entity.Points().GetValueOrDefault(point);
        if (existing?.CarriedFrom is { } carried)
        {
            errors.Add("point", $"Point {point} passed in {carried.Reference} and is carried over; evidence can only be added to the points being reassessed");
            return false;
        }

        if (existing?.Evidence.Count >= EvidenceRules.MaxFilesPerPoint)
        {
            errors.Add("file", $"Point {point} already has {EvidenceRules.MaxFilesPerPoint} evidence files, the most allowed. Remove one before adding another");
            return false;
        }

        return true;
    }

    private static Located? Locate(AssessmentEntity entity, string evidenceId) =>
        entity.Points()
            .SelectMany(p => p.Value.Evidence.Where(e => e.Id == evidenceId).Select(e => new Located(p.Key, p.Value, e)))
            .FirstOrDefault();

    /// <summary>After a fault while recording: true when the file did get recorded, or when that cannot be told (keep the blob).</summary>
    private async Task<bool> IsRecordedOrUnknownAsync(CouncilScope scope, string reference, string evidenceId)
    {
        try
        {
            var entity = await assessments.FindAsync(scope, reference, CancellationToken.None);
            return entity is not null && Locate(entity, evidenceId) is not null;
        }
        catch (RequestFailedException)
        {
            return true;
        }
    }

    private async Task DeleteQuietlyAsync(BlobClient blob)
    {
        try
        {
            await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException exception)
        {
            LogOrphan(blob.Name, exception.Status);
        }
    }

    private static string Describe(string? declaredContentType)
    {
        var text = new string((declaredContentType ?? "none").Where(c => !char.IsControl(c)).Take(100).ToArray());
        return text.Length == 0 ? "none" : text;
    }

    [LoggerMessage(LogLevel.Warning, "Evidence blob {BlobName} could not be deleted (status {Status}); it is not referenced by any assessment")]
    private partial void LogOrphan(string blobName, int status);

    private sealed record Located(int Point, PointAnswer Answer, EvidenceFile File);
}
