using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LocalGovStandard.Platform.Storage;

/// <summary>
/// Keeps the Data Protection key ring (antiforgery tokens, cookies) in one blob, so every
/// scaled-out instance reads the same keys. Writes are ETag-guarded appends.
/// </summary>
public sealed class BlobKeyRepository(BlobServiceClient blobs) : IXmlRepository
{
    private const string BlobName = "keys.xml";

    private BlobClient Blob => blobs.GetBlobContainerClient(BlobContainerNames.DataProtection).GetBlobClient(BlobName);

    public IReadOnlyCollection<XElement> GetAllElements() => Load().Document.Root!.Elements().ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        while (true)
        {
            var (document, etag) = Load();
            document.Root!.Add(element);
            var conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var stream = new MemoryStream();
                document.Save(stream);
                stream.Position = 0;
                Blob.Upload(stream, new BlobUploadOptions { Conditions = conditions });
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another instance wrote a key at the same moment; reload and append again.
            }
        }
    }

    private (XDocument Document, ETag? ETag) Load()
    {
        blobs.GetBlobContainerClient(BlobContainerNames.DataProtection).CreateIfNotExists();
        try
        {
            var download = Blob.DownloadContent();
            using var stream = download.Value.Content.ToStream();
            return (XDocument.Load(stream), download.Value.Details.ETag);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return (new XDocument(new XElement("repository")), null);
        }
    }
}
