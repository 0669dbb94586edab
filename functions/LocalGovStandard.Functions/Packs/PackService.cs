using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Uploads;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Packs;

public enum PackFailure
{
    NotFound,
    Changed,
    Invalid,
    TooLarge,
}

/// <summary>A change's outcome: the pack as saved, or why nothing was saved.</summary>
public sealed record PackWrite(Pack? Pack, PackFailure? Failure = null, FieldErrors? Errors = null)
{
    public static PackWrite Fail(PackFailure failure) => new(null, failure);

    public static PackWrite Invalid(FieldErrors errors) => new(null, PackFailure.Invalid, errors);

    public static PackWrite Invalid(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }
}

public sealed record PackDownload(PackFile File, Stream Content);

/// <summary>
/// Creating, changing, publishing and adopting packs, and their files, for a <see cref="PackFacilitator"/>: a lead's pages
/// and the organiser's console and API all come here. A pack the facilitator cannot see is simply not found. Every change
/// is audited under the facilitator's actor, and nothing is half-stored: a file's blob goes before its row, and is deleted
/// again if the row cannot be written.
/// </summary>
public sealed partial class PackService(
    [FromKeyedServices(TableNames.ContentPacks)] TableClient table,
    BlobServiceClient blobs,
    PeerGroupStore groups,
    StandardCatalogue standards,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PackService> logger)
{
    private const string FallbackFileName = "pack-file";

    private BlobContainerClient Container => blobs.GetBlobContainerClient(BlobContainerNames.Packs);

    public Standard Standard => standards.Find(PackRules.StandardId)!;

    public async Task<PackLibrary> LibraryAsync(CancellationToken cancellationToken)
    {
        var packs = new List<Pack>();
        await foreach (var entity in table.QueryAsync<PackEntity>(e => e.PartitionKey == PackEntity.Partition, cancellationToken: cancellationToken))
        {
            packs.Add(Pack.From(entity));
        }

        return new PackLibrary(packs.OrderByDescending(p => p.PublishedAt ?? p.UpdatedAt).ToList());
    }

    /// <summary>The pack when <paramref name="viewer"/> may see it; otherwise null, as if it did not exist.</summary>
    public async Task<Pack?> FindAsync(PackFacilitator viewer, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var entity = await EntityAsync(id, cancellationToken);
        return entity is not null && viewer.CanSee(Pack.From(entity)) ? Pack.From(entity) : null;
    }

    public async Task<PackWrite> CreateAsync(PackFacilitator facilitator, string groupSlug, PackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facilitator);
        if (!facilitator.Facilitates(groupSlug) || await groups.FindAsync(groupSlug, cancellationToken) is not { } group)
        {
            return PackWrite.Fail(PackFailure.NotFound);
        }

        var errors = new FieldErrors();
        if (PackRules.Check(request, Standard, errors) is not { } content)
        {
            return PackWrite.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var entity = new PackEntity { RowKey = UploadedFiles.NewId(), GroupSlug = group.Slug, GroupName = group.Name, CreatedAt = now };
        Apply(entity, content, now);
        await table.AddEntityAsync(entity, cancellationToken);
        await audit.WriteAsync(facilitator.Actor, "pack.created", $"pack:{entity.RowKey}", $"group {group.Slug}", CancellationToken.None);
        return new PackWrite(await ReadBackAsync(entity.RowKey));
    }

    /// <param name="ifMatch">The ETag the change was made against (a page's hidden field, the API's If-Match); null to change the latest.</param>
    public Task<PackWrite> UpdateAsync(PackFacilitator facilitator, string id, PackRequest request, ETag? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(facilitator, id, ifMatch, "pack.changed", entity =>
        {
            var errors = new FieldErrors();
            if (PackRules.Check(request, Standard, errors) is not { } content)
            {
                return errors;
            }

            Apply(entity, content, clock.GetUtcNow());
            return null;
        }, cancellationToken);

    public Task<PackWrite> PublishAsync(PackFacilitator facilitator, string id, CancellationToken cancellationToken) =>
        ChangeAsync(facilitator, id, null, "pack.published", entity =>
        {
            if (entity.Status != PackEntity.Published)
            {
                entity.Status = PackEntity.Published;
                entity.PublishedAt = clock.GetUtcNow();
            }

            return null;
        }, cancellationToken);

    /// <summary>
    /// Makes <paramref name="groupSlug"/>'s own draft copy of a published pack, files too, recording where it came from.
    /// The copy's blobs are written first; if its row cannot be, they are deleted, so a failed adoption leaves nothing.
    /// </summary>
    public async Task<PackWrite> AdoptAsync(PackFacilitator facilitator, string sourceId, string? groupSlug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facilitator);
        if (await EntityAsync(sourceId, cancellationToken) is not { } source || !facilitator.CanSee(Pack.From(source)))
        {
            return PackWrite.Fail(PackFailure.NotFound);
        }

        if (string.IsNullOrWhiteSpace(groupSlug) || !facilitator.Facilitates(groupSlug) || await groups.FindAsync(groupSlug, cancellationToken) is not { } group)
        {
            return PackWrite.Invalid("peerGroup", "Choose a peer group you facilitate to adopt the pack into");
        }

        if (source.Status != PackEntity.Published)
        {
            return PackWrite.Invalid("packId", "Only a published pack can be adopted. Publish it first");
        }

        if (source.GroupSlug == group.Slug)
        {
            return PackWrite.Invalid("peerGroup", $"This pack is already {group.Name}'s. Change it instead of adopting it");
        }

        var now = clock.GetUtcNow();
        var copy = new PackEntity
        {
            RowKey = UploadedFiles.NewId(),
            GroupSlug = group.Slug,
            GroupName = group.Name,
            Title = source.Title,
            Points = source.Points,
            Agenda = source.Agenda,
            Exercises = source.Exercises,
            CreatedAt = now,
            UpdatedAt = now,
            OriginId = source.RowKey,
            OriginGroupName = source.GroupName,
            OriginTitle = source.Title,
            OriginAt = source.PublishedAt ?? source.UpdatedAt,
        };

        var copied = new List<PackFile>();
        try
        {
            foreach (var file in source.Files())
            {
                var target = file with { Id = UploadedFiles.NewId() };
                var content = await Container.GetBlobClient(BlobName(source.RowKey, file.Id)).DownloadContentAsync(cancellationToken);
                await UploadAsync(copy.RowKey, target, content.Value.Content.ToStream(), cancellationToken);
                copied.Add(target);
            }

            copy.SetFiles(copied);
            await table.AddEntityAsync(copy, cancellationToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException)
        {
            foreach (var file in copied)
            {
                await DeleteQuietlyAsync(BlobName(copy.RowKey, file.Id));
            }

            throw;
        }

        await audit.WriteAsync(facilitator.Actor, "pack.adopted", $"pack:{copy.RowKey}", $"from pack:{source.RowKey} into group {group.Slug}", CancellationToken.None);
        return new PackWrite(await ReadBackAsync(copy.RowKey));
    }

    /// <summary>Adds a slide deck or handout, checked exactly as evidence is (<see cref="UploadedFiles"/>).</summary>
    public async Task<PackWrite> AddFileAsync(PackFacilitator facilitator, string id, string? fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facilitator);
        if (await EntityAsync(id, cancellationToken) is not { } entity || !facilitator.Facilitates(entity.GroupSlug))
        {
            return PackWrite.Fail(PackFailure.NotFound);
        }

        var (bytes, tooLarge) = await UploadedFiles.ReadBoundedAsync(content, UploadedFiles.MaxFileBytes, cancellationToken);
        if (tooLarge)
        {
            return new PackWrite(null, PackFailure.TooLarge, Errors("file", UploadedFiles.TooLargeMessage));
        }

        var errors = new FieldErrors();
        var name = UploadedFiles.SanitiseFileName(fileName, FallbackFileName);
        if (entity.Files().Count >= PackRules.MaxFiles)
        {
            errors.Add("file", $"A pack can have {PackRules.MaxFiles} files at most. This one has that many already");
        }

        if (!errors.IsValid || UploadedFiles.Check(name, bytes, errors) is not { } type)
        {
            return PackWrite.Invalid(errors);
        }

        var file = new PackFile(UploadedFiles.NewId(), name, type.ContentType, bytes.Count, clock.GetUtcNow());
        await UploadAsync(entity.RowKey, file, new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), cancellationToken);
        PackWrite result;
        try
        {
            result = await ChangeAsync(facilitator, id, entity.ETag, "pack.file-added", current =>
            {
                current.SetFiles([.. current.Files(), file]);
                current.UpdatedAt = file.UploadedAt;
                return null;
            }, cancellationToken);
        }
        catch (RequestFailedException)
        {
            await DeleteQuietlyAsync(BlobName(entity.RowKey, file.Id));
            throw;
        }

        if (result.Pack is null)
        {
            await DeleteQuietlyAsync(BlobName(entity.RowKey, file.Id));
        }

        return result;
    }

    /// <summary>A file of a pack the viewer may see; null otherwise (a draft's files are its facilitators' only).</summary>
    public async Task<PackDownload?> OpenFileAsync(PackFacilitator viewer, string id, string fileId, CancellationToken cancellationToken)
    {
        if (!UploadedFiles.IsFileId(fileId) || await FindAsync(viewer, id, cancellationToken) is not { } pack || pack.Files.FirstOrDefault(f => f.Id == fileId) is not { } file)
        {
            return null;
        }

        try
        {
            var download = await Container.GetBlobClient(BlobName(pack.Id, file.Id)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new PackDownload(file, download.Value.Content);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Records that an event used a published pack (once per event); false when there is no such published pack.</summary>
    public async Task<bool> RecordUseAsync(string id, PackUse use, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(use);
        var result = await ChangeAsync(null, id, null, "pack.used", entity =>
        {
            entity.SetUses([.. entity.Uses().Where(u => u.EventId != use.EventId), use]);
            return null;
        }, cancellationToken, requirePublished: true, actor: $"event:{use.EventId}");
        return result.Pack is not null;
    }

    private async Task<PackWrite> ChangeAsync(
        PackFacilitator? facilitator, string id, ETag? ifMatch, string action, Func<PackEntity, FieldErrors?> change, CancellationToken cancellationToken,
        bool requirePublished = false, string? actor = null)
    {
        if (await EntityAsync(id, cancellationToken) is not { } entity
            || (facilitator is not null && !facilitator.Facilitates(entity.GroupSlug))
            || (requirePublished && entity.Status != PackEntity.Published))
        {
            return PackWrite.Fail(PackFailure.NotFound);
        }

        if (ifMatch is { } expected && expected != entity.ETag)
        {
            return PackWrite.Fail(PackFailure.Changed);
        }

        if (change(entity) is { } errors)
        {
            return PackWrite.Invalid(errors);
        }

        try
        {
            await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return PackWrite.Fail(PackFailure.Changed);
        }

        await audit.WriteAsync(actor ?? facilitator!.Actor, action, $"pack:{id}", cancellationToken: CancellationToken.None);
        return new PackWrite(await ReadBackAsync(id));
    }

    private async Task<PackEntity?> EntityAsync(string id, CancellationToken cancellationToken)
    {
        if (!PackRules.IsPackId(id))
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<PackEntity>(PackEntity.Partition, id, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<Pack> ReadBackAsync(string id) => Pack.From((await EntityAsync(id, CancellationToken.None))!);

    private static void Apply(PackEntity entity, PackContent content, DateTimeOffset now)
    {
        entity.Title = content.Title;
        entity.Points = string.Join(',', content.Points);
        entity.Agenda = content.Agenda;
        entity.Exercises = content.Exercises;
        entity.UpdatedAt = now;
    }

    private async Task UploadAsync(string packId, PackFile file, Stream content, CancellationToken cancellationToken) =>
        await Container.GetBlobClient(BlobName(packId, file.Id)).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = file.ContentType, ContentDisposition = UploadedFiles.AttachmentDisposition(file.FileName) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

    private async Task DeleteQuietlyAsync(string blobName)
    {
        try
        {
            await Container.GetBlobClient(blobName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException exception)
        {
            LogOrphan(blobName, exception.Status);
        }
    }

    private static FieldErrors Errors(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    private static string BlobName(string packId, string fileId) => $"{packId}/{fileId}";

    [LoggerMessage(LogLevel.Warning, "Pack blob {BlobName} could not be deleted (status {Status}); no pack refers to it")]
    private partial void LogOrphan(string blobName, int status);
}
