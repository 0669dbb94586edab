using LocalGovStandard.Signups;

namespace LocalGovStandard.Register;

public sealed record DomainsImported(int Added, int AlreadyThere, int ContactsApproved, IReadOnlyList<RegisterLineError> Errors);

/// <summary>
/// A CSV of councils' domains, from the API or the console: imported, then whoever was waiting with an address on a
/// domain that was added is approved, since that address is now proven by its emailed link alone.
/// </summary>
public sealed class CouncilDomainImport(CouncilDirectory directory, CouncilDomains domains, ContactApprovals approvals)
{
    public async Task<DomainsImported> ImportAndApproveAsync(TextReader csv, string actor, CancellationToken cancellationToken)
    {
        var import = await domains.ImportAsync(csv, directory, actor, cancellationToken);
        var approved = 0;
        foreach (var council in import.Added.GroupBy(a => a.GssCode))
        {
            if (await directory.FindByCodeAsync(council.Key, cancellationToken) is { } found)
            {
                approved += await approvals.ApproveOnDomainsAsync(found, council.Select(a => a.Domain).ToList(), actor, cancellationToken);
            }
        }

        return new DomainsImported(import.Added.Count, import.AlreadyThere, approved, import.Errors);
    }
}
