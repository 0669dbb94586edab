using LocalGovStandard.PeerAssessments;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>What the pure proposer's tests feed it: Westminster's London request under one standard, three roles, two dates.</summary>
internal static class ProposerInputs
{
    public const string Westminster = "E09000033";
    public const string Standard = "service-standard-2019";
    public static readonly AssessorRole Lead = new("lead-assessor", "Lead assessor");
    public static readonly AssessorRole Research = new("user-research", "User research");
    public static readonly AssessorRole Design = new("design", "Design");
    public static readonly DateOnly Today = new(2027, 2, 1);
    public static readonly DateOnly March12 = new(2027, 3, 12);
    public static readonly DateOnly March19 = new(2027, 3, 19);

    public static ApprovedAssessor Assessor(string id, string name, string council, string region, params string[] roles) =>
        new(id, name, council, $"{council} council", region, roles, [Standard], [], 2, new DateOnly(2026, 1, 15));

    public static ProposalInput Input(
        IEnumerable<ApprovedAssessor> pool, IEnumerable<PanelSeat>? seats = null, IReadOnlyList<string>? conflicts = null, IReadOnlyList<DateOnly>? dates = null) =>
        new(Westminster, "london", "London", ["london"], conflicts ?? [], Standard, [Lead, Research, Design], dates ?? [March12, March19], Today, pool.ToList(), seats?.ToList() ?? []);
}
