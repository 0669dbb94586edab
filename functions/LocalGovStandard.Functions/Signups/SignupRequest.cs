namespace LocalGovStandard.Signups;

/// <summary>The sign-up as the API and the form send it. Everything is optional here so validation can name each missing field.</summary>
public sealed record SignupRequest(
    string? CouncilCode,
    string? ContactName,
    string? ContactEmail,
    string? JobTitle,
    string? AdoptionRoute,
    bool? ConsentToContact,
    bool? ConsentToPublish)
{
    /// <summary>Field names in the order they appear on the form (the error summary follows it).</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
        ["councilCode", "contactName", "contactEmail", "jobTitle", "adoptionRoute", "consentToContact", "consentToPublish"];
}

/// <summary>A sign-up that passed validation: trimmed, normalised, and for a council that can sign up.</summary>
public sealed record ValidSignup(
    Register.Council Council,
    string ContactName,
    string ContactEmail,
    string JobTitle,
    string AdoptionRoute,
    bool ConsentToPublish);
