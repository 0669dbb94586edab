using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>Who may take a role on one request's panel on one date; the others with the reason they are not offered.</summary>
public sealed record RoleOptions(AssessorRole Role, IReadOnlyList<ApprovedAssessor> Eligible, IReadOnlyList<string> NotOffered);

/// <summary>
/// The rules a lead's or organiser's choice is held to, the same ones the proposer keeps: never the assessed council
/// or a declared conflict, the role and the standard, available on the date and within their quarterly limit. Someone
/// who declined this panel may be chosen again (a lead asking them once more); the proposer never suggests them.
/// </summary>
public static class PanelEligibility
{
    /// <param name="otherSeats">Seats on other requests' panels, for the quarterly limit.</param>
    /// <returns>Why the assessor cannot take the role, or null when they can.</returns>
    public static string? WhyNot(PeerAssessmentRequestEntity request, string roleId, ApprovedAssessor assessor, DateOnly date, IReadOnlyList<PanelSeat> otherSeats)
    {
        if (assessor.CouncilCode == request.GssCode)
        {
            return "from the assessed council";
        }

        if (request.ConflictCodes().Contains(assessor.CouncilCode, StringComparer.Ordinal))
        {
            return "from a council the request declared a conflict";
        }

        if (!assessor.Standards.Contains(request.StandardId, StringComparer.Ordinal))
        {
            return "does not assess against this standard";
        }

        if (!assessor.Roles.Contains(roleId, StringComparer.Ordinal))
        {
            return "does not take this role";
        }

        if (assessor.Unavailable.Contains(date))
        {
            return $"not available on {PanelDates.Day(date)}";
        }

        return otherSeats.Count(s => s.AssessorId == assessor.AssessorId && SameQuarter(s.Date, date)) >= assessor.PerQuarter
            ? $"already at their limit of {assessor.PerQuarter} assessment(s) that quarter"
            : null;
    }

    /// <summary>Per role (the standard's order), who may take it on the date and why each other assessor of that role may not.</summary>
    public static IReadOnlyList<RoleOptions> Options(
        PeerAssessmentRequestEntity request, IReadOnlyList<AssessorRole> roles, IReadOnlyList<ApprovedAssessor> pool, DateOnly date, IReadOnlyList<PanelSeat> otherSeats) =>
        roles.Select(role => new RoleOptions(
                role,
                pool.Where(a => WhyNot(request, role.Id, a, date, otherSeats) is null).ToList(),
                pool.Where(a => a.Roles.Contains(role.Id, StringComparer.Ordinal))
                    .Select(a => (a, Why: WhyNot(request, role.Id, a, date, otherSeats)))
                    .Where(x => x.Why is not null)
                    .Select(x => $"{x.a.Name}, {x.a.CouncilName}: {x.Why}")
                    .ToList()))
            .ToList();

    private static bool SameQuarter(DateOnly a, DateOnly b) => a.Year == b.Year && (a.Month - 1) / 3 == (b.Month - 1) / 3;
}
