using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Proposals;

/// <summary>
/// Proposes a peer-assessment panel: one assessor per role the standard needs (lead first), none from the assessed
/// council or a declared conflict, all knowing the standard, free on the chosen preferred date and under their
/// quarterly limit; nearest first (same peer group, then a neighbouring region, then anywhere), then the least loaded.
/// On a reassessment, whoever sat on the earlier panel comes before all of those for the role they held there.
/// Pure and deterministic: the same input gives the same panel whatever order the pool comes in (ADR 0021).
/// </summary>
public static class PanelProposer
{
    /// <summary>How many partial panels the search may try before it gives up on a date (it only backtracks when the greedy choice leaves a role empty).</summary>
    private const int SearchBudget = 20_000;

    public static PanelProposal Propose(ProposalInput input)
    {
        var dates = input.PreferredDates.Distinct().Order().ToList();
        var candidates = input.Pool
            .Where(a => Exclusion(input, a, dates) is null)
            .Select(a => new Candidate(a, NearnessOf(input, a), RecentLoad(input, a)))
            .OrderBy(c => c.Nearness).ThenBy(c => c.Load).ThenBy(c => c.Assessor.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Assessor.AssessorId, StringComparer.Ordinal)
            .ToList();

        var first = FirstSeats(input);

        // The date that suits most: on a reassessment the most of the first panel able to sit again; then the most
        // eligible assessors free on it; the earliest of equals.
        var ranked = dates
            .Select(d => (Date: d, Returning: first.Values.Count(s => Returns(s, candidates, d, input)), Free: candidates.Count(c => IsFree(input, c.Assessor, d))))
            .OrderByDescending(d => d.Returning).ThenByDescending(d => d.Free).ThenBy(d => d.Date)
            .ToList();

        foreach (var (date, returning, free) in ranked)
        {
            var chosen = Search(input.Roles, candidates.Where(c => IsFree(input, c.Assessor, date)).ToList(), first);
            if (chosen is null)
            {
                continue;
            }

            var members = input.Roles.Zip(chosen, (role, c) => Member(input, role, c, date, first)).ToList();
            var best = ranked[0].Date == date;
            var why = first.Count == 0
                ? best
                    ? $"{Day(date)}: {free} of the {candidates.Count} eligible assessors are free, the most of the {dates.Count} preferred dates"
                    : $"{Day(date)}: no complete panel on a date more assessors are free; {free} of the {candidates.Count} eligible assessors are free"
                : best
                    ? $"{Day(date)}: {returning} of the {first.Count} members of the first panel can sit again, the most of the {dates.Count} preferred dates; {free} of the {candidates.Count} eligible assessors are free"
                    : $"{Day(date)}: no complete panel on a date more of the first panel can sit; {returning} of its {first.Count} members and {free} of the {candidates.Count} eligible assessors are free";
            return new PanelProposal(date, why, members, []);
        }

        return new PanelProposal(null, null, [], Gaps(input, dates, candidates, ranked.Select(r => r.Date).ToList()));
    }

    /// <summary>
    /// Depth-first over the roles in order, each role's candidates nearest and least loaded first, except that whoever sat
    /// in the role on the first panel comes first and whoever sat in another role comes last (so they stay free for it):
    /// the first complete panel is the greedy one when that works.
    /// </summary>
    private static List<Candidate>? Search(IReadOnlyList<AssessorRole> roles, List<Candidate> free, IReadOnlyDictionary<string, FirstPanelSeat> first)
    {
        var returning = first.Values.Select(s => s.AssessorId).ToHashSet(StringComparer.Ordinal);
        var chosen = new List<Candidate>();
        var budget = SearchBudget;
        return Fill(0) ? chosen : null;

        bool Fill(int index)
        {
            if (index == roles.Count)
            {
                return true;
            }

            var role = roles[index].Id;
            var ordered = free.Where(c => c.Assessor.Roles.Contains(role) && !chosen.Contains(c))
                .OrderBy(c => first.TryGetValue(role, out var seat) && seat.AssessorId == c.Assessor.AssessorId ? 0 : returning.Contains(c.Assessor.AssessorId) ? 2 : 1);
            foreach (var candidate in ordered)
            {
                if (--budget < 0)
                {
                    return false;
                }

                chosen.Add(candidate);
                if (Fill(index + 1))
                {
                    return true;
                }

                chosen.RemoveAt(chosen.Count - 1);
            }

            return false;
        }
    }

    private static ProposedMember Member(ProposalInput input, AssessorRole role, Candidate c, DateOnly date, IReadOnlyDictionary<string, FirstPanelSeat> first)
    {
        var a = c.Assessor;
        var load = c.Load == 1 ? "1 assessment" : $"{c.Load} assessments";
        var where = c.Nearness switch
        {
            Nearness.SamePeerGroup => $"same peer group ({input.PeerGroupName})",
            Nearness.NeighbouringRegion => $"neighbouring region ({RegionName(a.Region)})",
            _ => $"no nearer assessor ({RegionName(a.Region)})",
        };
        var seat = first.GetValueOrDefault(role.Id);
        var sat = seat?.AssessorId == a.AssessorId;
        var explanation = sat
            ? $"{a.Name}, {a.CouncilName}: {role.Label.ToLowerInvariant()}, sat on the first assessment, {load} in the last 12 months, {where}, available {Day(date)}"
            : $"{a.Name}, {a.CouncilName}: {role.Label.ToLowerInvariant()}, {load} in the last 12 months, {where}, available {Day(date)}";
        if (seat is not null && !sat)
        {
            explanation += $"; in place of {FirstName(input, seat, role)}, who was on the first panel but {WhyNotAgain(input, seat, role, date)}";
        }

        return new ProposedMember(role.Id, role.Label, a.AssessorId, a.Name, a.CouncilCode, a.CouncilName, c.Nearness, c.Load, explanation, sat);
    }

    /// <summary>The first panel's seats by role, for the roles this standard still needs (a role held twice keeps its first seat).</summary>
    private static Dictionary<string, FirstPanelSeat> FirstSeats(ProposalInput input) =>
        input.FirstPanel.Where(s => input.Roles.Any(r => r.Id == s.RoleId)).GroupBy(s => s.RoleId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static bool Returns(FirstPanelSeat seat, List<Candidate> candidates, DateOnly date, ProposalInput input) =>
        candidates.Any(c => c.Assessor.AssessorId == seat.AssessorId && c.Assessor.Roles.Contains(seat.RoleId) && IsFree(input, c.Assessor, date));

    private static string FirstName(ProposalInput input, FirstPanelSeat seat, AssessorRole role) =>
        input.Pool.FirstOrDefault(a => a.AssessorId == seat.AssessorId)?.Name is { Length: > 0 } current ? current
        : seat.Name.Length > 0 ? seat.Name
        : $"the first panel's {Noun(input, role)}";

    /// <summary>Why a member of the first panel is not offered again in their role on this date.</summary>
    private static string WhyNotAgain(ProposalInput input, FirstPanelSeat seat, AssessorRole role, DateOnly date)
    {
        if (input.Pool.FirstOrDefault(a => a.AssessorId == seat.AssessorId) is not { } a)
        {
            return "is no longer an approved assessor";
        }

        if (Exclusion(input, a, input.PreferredDates) is { } excluded)
        {
            return $"is {excluded}";
        }

        if (!a.Roles.Contains(role.Id))
        {
            return "no longer takes this role";
        }

        if (a.Unavailable.Contains(date))
        {
            return $"is not available on {Day(date)}";
        }

        return IsFree(input, a, date)
            ? "no complete panel could include them"
            : $"has reached their quarterly limit in the quarter of {Day(date)}";
    }

    /// <summary>For each role nobody can fill, why; when every role has someone but never together on one date, that.</summary>
    private static List<string> Gaps(ProposalInput input, List<DateOnly> dates, List<Candidate> candidates, List<DateOnly> ranked)
    {
        if (dates.Count == 0)
        {
            return ["No panel: the request has no preferred dates"];
        }

        var gaps = new List<string>();
        foreach (var role in input.Roles)
        {
            if (candidates.Any(c => c.Assessor.Roles.Contains(role.Id) && dates.Any(d => IsFree(input, c.Assessor, d))))
            {
                continue;
            }

            var approved = input.Pool.Where(a => a.Roles.Contains(role.Id)).ToList();
            var noun = Noun(input, role);
            if (approved.Count == 0)
            {
                gaps.Add($"No {noun}: no approved assessor takes this role");
                continue;
            }

            var reasons = approved
                .Select(a => Exclusion(input, a, dates) ?? "at their quarterly limit or unavailable on every preferred date")
                .GroupBy(r => r, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => approved.Count == 1 ? g.Key : g.Count() == approved.Count ? $"{(approved.Count == 2 ? "both" : "all")} {g.Key}" : $"{g.Count()} {g.Key}");
            gaps.Add($"No {noun}: {approved.Count} approved, {string.Join("; ", reasons)}");
        }

        if (gaps.Count > 0)
        {
            return gaps;
        }

        // Every role has someone on some date, but no date has a whole panel.
        foreach (var date in ranked)
        {
            var free = candidates.Where(c => IsFree(input, c.Assessor, date)).ToList();
            var missing = input.Roles.FirstOrDefault(r => !free.Any(c => c.Assessor.Roles.Contains(r.Id)));
            gaps.Add(missing is not null
                ? $"On {Day(date)}: no {Noun(input, missing)} is free"
                : $"On {Day(date)}: too few free assessors to give each role a different person");
        }

        return gaps;
    }

    /// <summary>Why this assessor can never sit on this panel, or null when they can on some date.</summary>
    private static string? Exclusion(ProposalInput input, ApprovedAssessor a, IReadOnlyList<DateOnly> dates)
    {
        if (a.CouncilCode == input.CouncilCode)
        {
            return "from the assessed council";
        }

        if (input.Conflicts.Contains(a.CouncilCode, StringComparer.Ordinal))
        {
            return "from a declared conflict";
        }

        if (!a.Standards.Contains(input.StandardId, StringComparer.Ordinal))
        {
            return "not assessing against this standard";
        }

        if (!input.Roles.Any(r => a.Roles.Contains(r.Id)))
        {
            return "taking no role this standard needs";
        }

        if (!dates.Any(d => !a.Unavailable.Contains(d)))
        {
            return "not available on any preferred date";
        }

        return null;
    }

    /// <summary>"lead assessor", "design assessor".</summary>
    private static string Noun(ProposalInput input, AssessorRole role) =>
        role == input.Roles[0] ? role.Label.ToLowerInvariant() : $"{role.Label.ToLowerInvariant()} assessor";

    private static bool IsFree(ProposalInput input, ApprovedAssessor a, DateOnly date) =>
        !a.Unavailable.Contains(date)
        && input.Seats.Count(s => s.AssessorId == a.AssessorId && Quarter(s.Date) == Quarter(date)) < a.PerQuarter;

    private static Nearness NearnessOf(ProposalInput input, ApprovedAssessor a)
    {
        var region = RegionSlug(a.Region);
        var samePeerGroup = input.PeerGroupCouncils.Count > 0
            ? input.PeerGroupCouncils.Contains(a.CouncilCode, StringComparer.OrdinalIgnoreCase)
            : input.PeerGroupRegions.Contains(region, StringComparer.Ordinal);
        if (samePeerGroup)
        {
            return Nearness.SamePeerGroup;
        }

        return RegionNeighbours.AreNeighbours(input.CouncilRegion, region) ? Nearness.NeighbouringRegion : Nearness.Elsewhere;
    }

    /// <summary>Panels dated from 12 months before today on, so ones confirmed for the coming months count too.</summary>
    private static int RecentLoad(ProposalInput input, ApprovedAssessor a) =>
        input.Seats.Count(s => s.AssessorId == a.AssessorId && s.Date > input.Today.AddYears(-1));

    private static (int Year, int Quarter) Quarter(DateOnly date) => (date.Year, (date.Month - 1) / 3);

    /// <summary>The pool may name regions by slug or by name.</summary>
    private static string RegionSlug(string region) => (Regions.FromSlug(region) ?? Regions.FromName(region))?.Slug ?? region;

    private static string RegionName(string region) => (Regions.FromSlug(region) ?? Regions.FromName(region))?.Name ?? region;

    private static string Day(DateOnly date) => PanelDates.Day(date);

    private sealed record Candidate(ApprovedAssessor Assessor, Nearness Nearness, int Load);
}
