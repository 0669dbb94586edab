using System.Security.Claims;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>One request a signed-in contact holds a panel grant for, their seat on it, and the scope the grant gives.</summary>
public sealed record GrantedSeat(PeerAssessmentRequestEntity Request, PanelMemberRecord Member, CouncilScope Scope)
{
    public bool IsLead => Member.RoleId == PanelGrant.LeadRole;
}

/// <summary>
/// The one place that decides a panel member's grant. A contact holds it for a request while the request's panel is
/// confirmed (not yet published) and their own seat on it is accepted: matched on their contact key and council, both
/// from the session, never from the URL. The grant's scope covers the panel's draft (and, read-only, the council's
/// latest submitted self-assessment of the service); it ends when the report is published or the seat is declined or removed.
/// </summary>
public sealed class PanelGrant(PeerAssessmentRequestStore requests, PanelSeatIndex index, AssessmentService assessments, StandardCatalogue standards) : IPanelGrants
{
    public const string LeadRole = "lead-assessor";

    /// <summary>Every request the contact holds a grant for, soonest panel date first: their seat rows, then a point read of each request.</summary>
    public async Task<IReadOnlyList<GrantedSeat>> SeatsAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var seats = new List<GrantedSeat>();
        foreach (var row in await index.ForContactAsync(user.FindFirstValue(ContactSession.ContactClaim) ?? "", cancellationToken))
        {
            if (await requests.FindAsync(row.Region, row.RowKey, cancellationToken) is { } request && Seat(user, request) is { } seat)
            {
                seats.Add(seat);
            }
        }

        return seats.OrderBy(s => s.Request.PanelDate, StringComparer.Ordinal).ThenBy(s => s.Request.Reference, StringComparer.Ordinal).ToList();
    }

    /// <summary>The contact's seat on this request when they hold its grant; otherwise null (as if the request did not exist).</summary>
    public async Task<GrantedSeat?> SeatAsync(ClaimsPrincipal user, string requestReference, CancellationToken cancellationToken) =>
        await requests.FindAnywhereAsync(requestReference, cancellationToken) is { } request ? Seat(user, request) : null;

    /// <summary>The grant's scope over the panel's draft, which the panel's first write opens (by page or API); a read never does.</summary>
    public async Task<CouncilScope?> ScopeForAsync(ClaimsPrincipal user, string panelReference, bool opensDraft, CancellationToken cancellationToken)
    {
        if (await SeatAsync(user, PanelDraftReference.RequestOf(panelReference), cancellationToken) is not { } seat)
        {
            return null;
        }

        if (opensDraft)
        {
            await OpenDraftAsync(seat, cancellationToken);
        }

        return seat.Scope;
    }

    /// <summary>The panel's draft if a member has started it; null before then. Creates nothing.</summary>
    public Task<AssessmentEntity?> DraftAsync(GrantedSeat seat, CancellationToken cancellationToken) =>
        assessments.FindAsync(seat.Scope, PanelDraftReference.For(seat.Request.Reference), cancellationToken);

    /// <summary>
    /// The panel's draft: the request's service, standard, date and seated panel, in the assessed council's partition.
    /// Created on the first call; two members starting at once make one draft (its reference comes from the request's).
    /// </summary>
    public async Task<AssessmentEntity?> OpenDraftAsync(GrantedSeat seat, CancellationToken cancellationToken)
    {
        var request = seat.Request;
        if (standards.Find(request.StandardId) is not { } standard)
        {
            return null;
        }

        var details = new AssessmentDetails(request.ServiceName, request.ServiceUrl, request.Phase, "peer", standard, request.PanelDate ?? "",
            request.SeatedPanel().Select(m => new PanelMember(m.Name, m.CouncilCode, m.CouncilName, m.RoleId)).ToList());
        return await assessments.OpenPanelDraftAsync(seat.Scope, request.CouncilName, details, cancellationToken);
    }

    public static GrantedSeat? Seat(ClaimsPrincipal user, PeerAssessmentRequestEntity request)
    {
        if (request.Status != PeerAssessmentRequestEntity.PanelConfirmed
            || user.FindFirstValue(ContactSession.ContactClaim) is not { Length: > 0 } contactKey
            || user.FindFirstValue(ContactSession.CouncilClaim) is not { Length: > 0 } council)
        {
            return null;
        }

        var member = request.Panel().FirstOrDefault(m => m.Status == PanelMemberStatus.Accepted && m.ContactKey == contactKey && m.CouncilCode == council);
        if (member is null || council == request.GssCode)
        {
            return null;
        }

        var own = user.Scope();
        var scope = new CouncilScope(request.GssCode, request.PartitionKey, own.ContactKey, own.ContactReference, own.ContactName,
            new PanelScope(request.Reference, member.RoleId == LeadRole));
        return new GrantedSeat(request, member, scope);
    }
}
