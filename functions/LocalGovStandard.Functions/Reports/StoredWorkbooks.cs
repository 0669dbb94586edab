using System.IO.Compression;
using System.Security;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>
/// The monthly workbooks kept in Blob Storage name consenting contacts. An erasure finds the ones that
/// name the person (by reading each package's XML: whatever sheet, and whatever peer group held their
/// region that month) and, once their contact row is gone, builds them again without them.
/// </summary>
[HoldsPersonalData(BlobContainerNames.Reports)]
public sealed class StoredWorkbooks(BlobServiceClient blobs, PeerGroupStore peerGroups, MonthlyReportRunner runner) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) =>
        sections.Add("storedWorkbooksNamingThem", await NamingAsync([subject.Email, subject.Name], cancellationToken));

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.ToRebuild.AddRange(await NamingAsync([subject.Email, subject.Name], cancellationToken));

    public async Task FinishAsync(IReadOnlyList<string> toRebuild, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        foreach (var blobName in toRebuild)
        {
            await RebuildAsync(blobName, cancellationToken);
        }

        erasure.Count("workbooksRebuilt", "Stored workbooks built again without them", toRebuild.Count);
        erasure.Count("earlierWorkbookVersionsDeleted", "Earlier versions of stored workbooks deleted", await DeleteEarlierVersionsAsync(cancellationToken));
    }

    private async Task<IReadOnlyList<string>> NamingAsync(IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        var needles = values.Where(v => v.Length > 0).SelectMany(v => new[] { v, SecurityElement.Escape(v) }).Distinct(StringComparer.Ordinal).ToList();
        var container = blobs.GetBlobContainerClient(BlobContainerNames.Reports);
        var naming = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(cancellationToken);
            if (Contains(content.Value.Content.ToArray(), needles))
            {
                naming.Add(blob.Name);
            }
        }

        return naming;
    }

    /// <summary>Builds the workbook again from today's records; one whose peer group no longer exists is deleted.</summary>
    private async Task RebuildAsync(string blobName, CancellationToken cancellationToken)
    {
        var parts = blobName.Split('/');
        var month = default(ReportMonth);
        var group = parts.Length == 2 && ReportMonth.TryParse(parts[0], out month) && parts[1].EndsWith(".xlsx", StringComparison.Ordinal)
            ? await peerGroups.FindAsync(parts[1][..^".xlsx".Length], cancellationToken)
            : null;
        if (group is null)
        {
            await blobs.GetBlobContainerClient(BlobContainerNames.Reports).DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken);
            return;
        }

        await runner.RebuildStoredAsync(month, group, cancellationToken);
    }

    /// <summary>
    /// Blob versioning keeps each overwritten workbook (see infra/bicep/modules/storage.bicep), and an earlier version can
    /// name the person however the current one reads. Workbooks can always be built again, so every earlier version of
    /// every stored workbook goes; soft delete then holds them only for its retention days.
    /// </summary>
    private async Task<int> DeleteEarlierVersionsAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(BlobContainerNames.Reports);
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.Version, prefix: null, cancellationToken))
        {
            if (blob.VersionId is { } versionId && blob.IsLatestVersion != true
                && await container.GetBlobClient(blob.Name).WithVersion(versionId).DeleteIfExistsAsync(cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static bool Contains(byte[] package, IReadOnlyList<string> needles)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            {
                using var reader = new StreamReader(entry.Open());
                var xml = reader.ReadToEnd();
                if (needles.Any(n => xml.Contains(n, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (InvalidDataException)
        {
            // Not a package: treat it as naming them, so it is rebuilt or removed rather than kept unread.
            return true;
        }
    }
}
