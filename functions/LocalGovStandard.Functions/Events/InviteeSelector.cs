using System.Globalization;
using LocalGovStandard.Assessments;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Events;

public sealed record Invitee(string InvitationId, string Region, string ContactRowKey, string ContactKey, string GssCode,
    string CouncilName, string ContactName, string ContactEmail, DateTimeOffset VerifiedAt, int SubmittedAssessments, string Reason);

/// <summary>
/// Early adopters by explicit criteria. Reads per region partition: the verified, consenting
/// contacts (Signups), and the submitted assessments by council (a RowKey-free partition-range
/// query over that region's "{region}|{yyyy-MM}" partitions) only when a minimum is asked for.
/// Anyone on the suppression list is left out.
/// </summary>
public sealed class InviteeSelector(
    ContactStore store,
    SubmittedAssessmentQueries submitted,
    SuppressionList suppressions)
{
    public static string InvitationId(string gssCode, string contactKey) => $"{gssCode}-{contactKey}";

    /// <summary>What an invitee is made from: reading only these keeps a selection of thousands light.</summary>
    private static readonly string[] InviteeColumns =
    [
        nameof(ContactEntity.ContactKey), nameof(ContactEntity.GssCode), nameof(ContactEntity.CouncilName), nameof(ContactEntity.ContactName),
        nameof(ContactEntity.ContactEmail), nameof(ContactEntity.VerifiedAt),
    ];

    public async Task<IReadOnlyList<Invitee>> SelectAsync(InviteeCriteria criteria, CancellationToken cancellationToken)
    {
        var regions = criteria.PeerGroups.Count == 0
            ? Regions.All.ToList()
            : criteria.PeerGroups.SelectMany(GroupMembership.RegionsOf).DistinctBy(r => r.Slug).ToList();
        var suppressed = await suppressions.AllAsync(cancellationToken);
        var perRegion = await Task.WhenAll(regions.Select(region => SelectInRegionAsync(region, criteria, suppressed, cancellationToken)));
        // One person signed up for two councils (a shared service, say) is invited once, for the first council by name.
        return perRegion.SelectMany(r => r)
            .OrderBy(i => i.CouncilName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.ContactName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.InvitationId, StringComparer.Ordinal)
            .DistinctBy(i => i.ContactKey)
            .ToList();
    }

    private async Task<List<Invitee>> SelectInRegionAsync(Region region, InviteeCriteria criteria, IReadOnlySet<string> suppressed, CancellationToken cancellationToken)
    {
        var contacts = (await store.ContactableAsync(region.Slug, criteria.VerifiedBefore, InviteeColumns, cancellationToken))
            .Where(contact => !suppressed.Contains(contact.ContactKey))
            .Where(contact => criteria.PeerGroups.Count == 0 || criteria.PeerGroups.Any(g => GroupMembership.Includes(g, region.Slug, contact.GssCode)))
            .ToList();

        if (contacts.Count == 0)
        {
            return [];
        }

        var counts = criteria.MinSubmittedAssessments is null ? null : await submitted.CountsByCouncilAsync(region.Slug, cancellationToken);
        var invitees = new List<Invitee>();
        foreach (var contact in contacts)
        {
            var count = counts?.GetValueOrDefault(contact.GssCode) ?? 0;
            if (criteria.MinSubmittedAssessments is { } minimum && count < minimum)
            {
                continue;
            }

            var reason = $"Signed up and verified on {contact.VerifiedAt!.Value.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}"
                + $" (on or before {criteria.VerifiedOnOrBefore.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}), agreed to be contacted";
            if (criteria.MinSubmittedAssessments is { } min)
            {
                reason += $"; {contact.CouncilName} has submitted {count} assessment{(count == 1 ? "" : "s")} (at least {min})";
            }

            if (criteria.PeerGroups.FirstOrDefault(g => GroupMembership.Includes(g, region.Slug, contact.GssCode)) is { } peerGroup)
            {
                reason += $"; in the {peerGroup.Name} peer group";
            }

            invitees.Add(new Invitee(InvitationId(contact.GssCode, contact.ContactKey), region.Slug, contact.RowKey, contact.ContactKey, contact.GssCode,
                contact.CouncilName, contact.ContactName, contact.ContactEmail, contact.VerifiedAt.Value, count, reason));
        }

        return invitees;
    }
}
