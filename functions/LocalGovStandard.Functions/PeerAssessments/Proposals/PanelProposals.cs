using System.Globalization;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Proposals;

/// <summary>
/// Gathers what <see cref="PanelProposer"/> needs for one request: the request, its council's peer group, the
/// standard's roles, today, and the load from panels already confirmed on requests. The approved assessors come from
/// the caller (the assessor pool), so this feature does not reach into how assessors are kept.
/// </summary>
public sealed class PanelProposals(PeerAssessmentRequestStore store, PeerAssessmentRequests requests, StandardCatalogue standards, TimeProvider clock)
{
    /// <returns>Null when there is no request with this reference.</returns>
    public async Task<PanelProposal?> ProposeAsync(string reference, IReadOnlyList<ApprovedAssessor> pool, CancellationToken cancellationToken)
    {
        if (await store.FindAnywhereAsync(reference, cancellationToken) is not { } request)
        {
            return null;
        }

        var group = await requests.GroupOfAsync(request.GssCode, request.PartitionKey, cancellationToken);
        var standard = standards.Find(request.StandardId)!;
        var input = new ProposalInput(
            request.GssCode,
            request.PartitionKey,
            group?.Name ?? request.PartitionKey,
            group?.Regions.Select(r => r.Slug).ToList() ?? [request.PartitionKey],
            request.ConflictCodes(),
            standard.Id,
            standard.AssessorRoles,
            request.Dates(),
            UkTime.Today(clock),
            pool,
            await SeatsAsync(cancellationToken))
        {
            PeerGroupCouncils = group?.Councils.Select(c => c.GssCode).ToList() ?? [],
        };
        return PanelProposer.Propose(input);
    }

    /// <summary>Every place on a confirmed panel, from every region's requests.</summary>
    private async Task<List<PanelSeat>> SeatsAsync(CancellationToken cancellationToken) =>
        (await store.AllAsync(cancellationToken))
            .Where(r => r.PanelDate is not null)
            .SelectMany(r => r.SeatedPanel().Select(m => new PanelSeat(m.AssessorId, DateOnly.ParseExact(r.PanelDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture))))
            .ToList();
}
