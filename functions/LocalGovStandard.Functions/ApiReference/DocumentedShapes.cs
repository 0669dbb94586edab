using System.Text.Json.Serialization;

namespace LocalGovStandard.ApiReference;

/// <summary>The shape of a page of an OData entity set, as the feed writes it (the feed's handlers return OData's own results).</summary>
public sealed record FeedPage<TRow>(
    [property: JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("value")] IReadOnlyList<TRow> Value,
    [property: JsonPropertyName("@odata.nextLink")] string? NextLink,
    [property: JsonPropertyName("@odata.count")] long? Count);

/// <summary>The multipart fields of an evidence upload, which the handler reads itself (to check the content as it streams).</summary>
public sealed record EvidenceUploadForm(int Point, IFormFile File);

/// <summary>The multipart field of a content pack's file upload.</summary>
public sealed record PackFileUploadForm(IFormFile File);

/// <summary>The feed's service document: its entity sets, as OData JSON.</summary>
public sealed record FeedServiceDocument(
    [property: JsonPropertyName("@odata.context")] string Context,
    [property: JsonPropertyName("value")] IReadOnlyList<FeedEntitySet> Value);

public sealed record FeedEntitySet(string Name, string Kind, string Url);
