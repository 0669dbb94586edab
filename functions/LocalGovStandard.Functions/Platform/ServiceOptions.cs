using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Platform;

/// <summary>The product's own settings, bound from the <c>LocalGovStandard</c> section (env: <c>LocalGovStandard__Name</c>).</summary>
public sealed class ServiceOptions
{
    public const string Section = "LocalGovStandard";

    /// <summary>The organiser key for <c>/api/admin/*</c>. Unset means every admin route answers 401.</summary>
    public string? AdminKey { get; set; }

    /// <summary>The read key for the OData feed at <c>/odata</c> (Power BI). Unset means the feed answers 401.</summary>
    public string? ReadKey { get; set; }

    /// <summary>Rows per page of the OData feed; more rows are behind <c>@odata.nextLink</c>.</summary>
    [Range(1, 10_000)]
    public int FeedPageSize { get; set; } = 500;

    /// <summary>Base of the links in emails, e.g. https://standard.localgov.digital.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>Comma-separated email domains a council contact may use; subdomains are included.</summary>
    [Required]
    public string AllowedEmailDomains { get; set; } = "gov.uk,gov.scot,gov.wales,llyw.cymru";

    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Unverified contacts are deleted this long after their link expired (data minimisation).</summary>
    public TimeSpan UnverifiedRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// HMAC key for signed links (assessment access, RSVP), at least 32 characters. Required outside
    /// Development; in Development, unset means a generated key kept in <see cref="TokenSigningKeyFile"/>.
    /// </summary>
    [MinLength(32)]
    public string? TokenSigningKey { get; set; }

    /// <summary>Development only, when <see cref="TokenSigningKey"/> is unset: where the generated key is kept, so links survive a restart.</summary>
    public string TokenSigningKeyFile { get; set; } = ".data/token-signing-key";

    /// <summary>
    /// The signing key before the last rotation: links signed with it still verify (new links use
    /// <see cref="TokenSigningKey"/>), so emails already sent (RSVP, unsubscribe, downloads) keep working.
    /// </summary>
    [MinLength(32)]
    public string? PreviousTokenSigningKey { get; set; }

    /// <summary>How long an emailed sign-in link for assessments works.</summary>
    public TimeSpan AccessLinkLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A contact's session ends after this long without a request (sliding).</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an emailed link to approve or decline a contact works.</summary>
    public TimeSpan ApprovalLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most this many verification links, sign-in links or approval requests go to one address in an hour.</summary>
    [Range(1, int.MaxValue)]
    public int EmailsPerAddressPerHour { get; set; } = 5;

    public IReadOnlyList<string> AllowedDomainList =>
        AllowedEmailDomains.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('.').ToLowerInvariant())
            .ToList();

    /// <summary>
    /// An app setting whose Key Vault reference could not be resolved keeps the literal
    /// "@Microsoft.KeyVault(...)" text. Such a value is treated as unset, never used as a secret.
    /// </summary>
    public static string? Secret(string? value) =>
        string.IsNullOrEmpty(value) || value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) ? null : value;

    public Uri Link(string pathAndQuery) => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/"), pathAndQuery.TrimStart('/'));
}
