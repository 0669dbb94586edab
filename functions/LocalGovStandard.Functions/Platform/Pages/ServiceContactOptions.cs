using System.ComponentModel.DataAnnotations;

namespace LocalGovStandard.Platform.Pages;

/// <summary>
/// Who people write to, shown on every page (footer, phase banner, error pages). Bound from
/// <c>LocalGovStandard:Contact</c> (env: <c>LocalGovStandard__Contact__Name</c>).
/// </summary>
public sealed class ServiceContactOptions : IValidatableObject
{
    public const string Section = "LocalGovStandard:Contact";

    [Required, EmailAddress]
    public string Email { get; set; } = "standard@localgov.digital";

    /// <summary>Where the phase banner's feedback link goes: an https form or a mailto address. Unset: an email to <see cref="Email"/>.</summary>
    public string? FeedbackUrl { get; set; }

    public string EmailLink => "mailto:" + Email;

    public string FeedbackLink => string.IsNullOrWhiteSpace(FeedbackUrl)
        ? $"mailto:{Email}?subject={Uri.EscapeDataString("Feedback on the LocalGov Digital Service Standard service")}"
        : FeedbackUrl;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(FeedbackUrl)
            && !(Uri.TryCreate(FeedbackUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "mailto"))
        {
            yield return new ValidationResult("FeedbackUrl must be an absolute https:// address or a mailto: address.", [nameof(FeedbackUrl)]);
        }
    }
}
