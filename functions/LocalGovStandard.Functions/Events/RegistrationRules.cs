using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Events;

public sealed record RegistrationRequest(string? Name, string? Email, string? Organisation);

/// <summary>A registrant whose address is permitted for the group: their council is the one whose domain the address is on.</summary>
public sealed record ValidRegistration(string Name, string Email, string Organisation, string ContactKey, Council Council);

/// <summary>
/// Who may register for a meet-up open to registration (ADR 0024): an address on a permitted public-sector domain (as for
/// sign-up) that is also the domain of a council in the group's area (the group's regions, or its councils for a council-list
/// group), by the register's council domains. The answer depends only on the address and the group, never on whether the
/// address registered before.
/// </summary>
public sealed class RegistrationRules(CouncilDomains domains, CouncilDirectory directory, IOptionsMonitor<ServiceOptions> options)
{
    public const int NameMaxLength = SignupValidator.NameMaxLength;
    public const int EmailMaxLength = SignupValidator.EmailMaxLength;
    public const int OrganisationMaxLength = 120;

    public static readonly IReadOnlyList<string> FieldOrder = ["name", "email", "organisation"];

    public async Task<(ValidRegistration? Registration, FieldErrors Errors)> ValidateAsync(
        PeerGroup group, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("name", request.Name, "Full name", NameMaxLength, "Enter your full name");
        var email = errors.RequiredText("email", request.Email, "Email address", EmailMaxLength, "Enter your work email address");
        var organisation = errors.RequiredText("organisation", request.Organisation, "Organisation", OrganisationMaxLength, "Enter the organisation you work for");
        Council? council = null;
        string? address = null;
        if (email is not null)
        {
            (address, council) = await PermittedAsync(group, email, errors, cancellationToken);
        }

        return errors.IsValid && council is not null
            ? (new ValidRegistration(name!, address!, organisation!, SignupService.ContactKey(address!), council), errors)
            : (null, errors);
    }

    private async Task<(string? Address, Council? Council)> PermittedAsync(PeerGroup group, string email, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (EmailAddresses.Normalise(email) is not var (address, domain))
        {
            errors.Add("email", "Enter an email address in the correct format, like name@yourcouncil.gov.uk");
            return (null, null);
        }

        var allowed = options.CurrentValue.AllowedDomainList;
        if (!CouncilDomains.Covers(allowed, domain))
        {
            errors.Add("email", $"Enter your public-sector work email address. It must end in {string.Join(", ", allowed)}");
            return (null, null);
        }

        foreach (var gssCode in await domains.CouncilsCoveringAsync(domain, cancellationToken))
        {
            if (await directory.FindByCodeAsync(gssCode, cancellationToken) is { } council && group.Contains(council.GssCode, council.Region.Slug))
            {
                return (address, council);
            }
        }

        errors.Add("email", $"Enter the work email address of a council in the {group.Name} peer group's area. This meet-up is open only to them");
        return (null, null);
    }
}
