using System.Text.RegularExpressions;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <summary>The sign-up rules, shared by the form and the API so both answer the same way.</summary>
public sealed partial class SignupValidator(CouncilDirectory directory, IOptionsMonitor<ServiceOptions> options)
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int JobTitleMaxLength = 100;

    public async Task<(ValidSignup? Signup, FieldErrors Errors)> ValidateAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();

        var council = await ValidateCouncilAsync(request.CouncilCode, errors, cancellationToken);
        var name = errors.RequiredText("contactName", request.ContactName, "Full name", NameMaxLength, "Enter your full name");
        var email = ValidateEmail(request.ContactEmail, errors);
        var jobTitle = errors.RequiredText("jobTitle", request.JobTitle, "Job title", JobTitleMaxLength, "Enter your job title");

        var route = request.AdoptionRoute?.Trim();
        if (string.IsNullOrEmpty(route))
        {
            errors.Add("adoptionRoute", "Select how your council is adopting the Standard");
        }
        else if (!AdoptionRoutes.IsKnown(route))
        {
            errors.Add("adoptionRoute", $"Adoption route must be one of: {string.Join(", ", AdoptionRoutes.All.Select(r => r.Value))}");
        }

        if (request.ConsentToContact != true)
        {
            errors.Add("consentToContact", "Confirm that LocalGov Digital can contact you about the Standard");
        }

        return errors.IsValid
            ? (new ValidSignup(council!, name!, email!, jobTitle!, route!, request.ConsentToPublish == true), errors)
            : (null, errors);
    }

    private async Task<Council?> ValidateCouncilAsync(string? code, FieldErrors errors, CancellationToken cancellationToken)
    {
        var gss = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(gss))
        {
            errors.Add("councilCode", "Select your council");
            return null;
        }

        if (!GssPattern().IsMatch(gss))
        {
            errors.Add("councilCode", "Council code must be the council's GSS code, a letter and 8 digits like E09000033");
            return null;
        }

        var council = await directory.FindByCodeAsync(gss, cancellationToken);
        if (council is null)
        {
            errors.Add("councilCode", "Select a council from the list: that code is not in the council register");
            return null;
        }

        if (!council.CanSignUp)
        {
            errors.Add("councilCode", $"{council.OfficialName} is no longer a current council, so it cannot sign up. Select your current council");
            return null;
        }

        return council;
    }

    private string? ValidateEmail(string? value, FieldErrors errors)
    {
        var email = errors.RequiredText("contactEmail", value, "Email address", EmailMaxLength, "Enter your council email address");
        if (email is null)
        {
            return null;
        }

        if (EmailAddresses.Normalise(email) is not var (address, domain))
        {
            errors.Add("contactEmail", "Enter an email address in the correct format, like name@yourcouncil.gov.uk");
            return null;
        }

        var allowed = options.CurrentValue.AllowedDomainList;
        if (!allowed.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal)))
        {
            errors.Add("contactEmail", $"Enter your council email address. It must end in {string.Join(", ", allowed)}");
            return null;
        }

        return address;
    }

    [GeneratedRegex("^[ENSWK][0-9]{8}$")]
    private static partial Regex GssPattern();
}
