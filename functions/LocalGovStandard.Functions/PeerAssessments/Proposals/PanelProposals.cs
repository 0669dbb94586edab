using System.Globalization;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Proposals;

/// <summary>
/// Gathers what <see cref="PanelProposer"/> needs for one request: the request, its council's peer group, the
/// standard's roles, today, and the load from panels already confirmed on requests. The approved assessors come from
/// the caller (the assessor pool), so this feature does not reach into how assessors are kept. A reassessment's proposal
/// also gets the earlier request's seated panel, to offer it first.
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

        var standard = standards.Find(request.StandardId)!;
        var input = await InputAsync(request, standard.AssessorRoles, request.Dates(), pool, cancellationToken);
        return PanelProposer.Propose(input with { FirstPanel = await FirstPanelAsync(request, cancellationToken) }) with { ReassessmentOf = request.ReassessmentOf };
    }

    /// <summary>For a reassessment, who accepted a seat on the earlier request's panel and kept it to the end.</summary>
    private async Task<IReadOnlyList<FirstPanelSeat>> FirstPanelAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken) =>
        request.ReassessmentOf is { } earlierReference && await store.FindAsync(request.PartitionKey, earlierReference, cancellationToken) is { } earlier
            ? earlier.Panel().Where(m => m.Status == PanelMemberStatus.Accepted).Select(m => new FirstPanelSeat(m.RoleId, m.AssessorId, m.Name)).ToList()
            : [];

    /// <summary>
    /// For a confirmed panel with open seats (a member declined or was removed): the next proposal for those roles on
    /// the panel's date, from the pool without anyone already on this panel's record. Null when no seat is open.
    /// </summary>
    public async Task<PanelProposal?> ProposeReplacementsAsync(PeerAssessmentRequestEntity request, IReadOnlyList<ApprovedAssessor> pool, CancellationToken cancellationToken)
    {
        var seated = request.SeatedPanel();
        var open = standards.Find(request.StandardId)!.AssessorRoles.Where(r => !seated.Any(m => m.RoleId == r.Id)).ToList();
        if (request.PanelDate is null || open.Count == 0)
        {
            return null;
        }

        var onRecord = request.Panel().Select(m => m.AssessorId).ToHashSet(StringComparer.Ordinal);
        var date = DateOnly.ParseExact(request.PanelDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return PanelProposer.Propose(await InputAsync(request, open, [date], pool.Where(a => !onRecord.Contains(a.AssessorId)).ToList(), cancellationToken));
    }

    private async Task<ProposalInput> InputAsync(
        PeerAssessmentRequestEntity request, IReadOnlyList<AssessorRole> roles, IReadOnlyList<DateOnly> dates, IReadOnlyList<ApprovedAssessor> pool, CancellationToken cancellationToken)
    {
        var group = await requests.GroupOfAsync(request.GssCode, request.PartitionKey, cancellationToken);
        return new ProposalInput(
            request.GssCode,
            request.PartitionKey,
            group?.Name ?? request.PartitionKey,
            group?.Regions.Select(r => r.Slug).ToList() ?? [request.PartitionKey],
            request.ConflictCodes(),
            request.StandardId,
            roles,
            dates,
            UkTime.Today(clock),
            pool,
            await SeatsAsync(cancellationToken))
        {
            PeerGroupCouncils = group?.Councils.Select(c => c.GssCode).ToList() ?? [],
        };
    }

    /// <summary>Every place on a confirmed panel, from every region's requests.</summary>
    private async Task<List<PanelSeat>> SeatsAsync(CancellationToken cancellationToken) =>
        (await store.AllAsync(cancellationToken))
            .Where(r => r.PanelDate is not null)
            .SelectMany(r => r.SeatedPanel().Select(m => new PanelSeat(m.AssessorId, DateOnly.ParseExact(r.PanelDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture))))
            .ToList();
}
