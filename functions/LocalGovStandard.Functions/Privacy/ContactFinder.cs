using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Privacy;

/// <summary>A contact as a personal-data request names them: their council's code and their sign-up reference.</summary>
public sealed record ContactLocation(Council Council, ContactEntity? Contact, ErasureEntity? Erasure);

public sealed class ContactFinder(CouncilDirectory directory, ContactStore contacts)
{
    /// <returns>Null when there is no such council or reference; otherwise the contact, or the erasure still finishing.</returns>
    public async Task<ContactLocation?> FindAsync(string councilCode, string reference, CancellationToken cancellationToken)
    {
        if (!HumanReference.IsWellFormed(reference) || await directory.FindByCodeAsync(councilCode, cancellationToken) is not { } council)
        {
            return null;
        }

        var contact = await contacts.FindByReferenceAsync(council, reference, cancellationToken);
        if (contact is not null)
        {
            return new ContactLocation(council, contact, null);
        }

        var erasure = await contacts.FindErasureAsync(council, reference, cancellationToken);
        return erasure is null ? null : new ContactLocation(council, null, erasure);
    }
}
