using System.Text.Json.Serialization;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Proposals;

/// <summary>A place on a confirmed panel: what an assessor's load is counted from.</summary>
public sealed record PanelSeat(string AssessorId, DateOnly Date);

/// <summary>Everything a proposal is made from; the proposer reads nothing else.</summary>
/// <param name="PeerGroupRegions">Region slugs of the assessed council's peer group.</param>
/// <param name="Conflicts">Council codes the panel must not come from.</param>
/// <param name="Roles">The standard's assessor roles, lead first.</param>
public sealed record ProposalInput(
    string CouncilCode,
    string CouncilRegion,
    string PeerGroupName,
    IReadOnlyList<string> PeerGroupRegions,
    IReadOnlyList<string> Conflicts,
    string StandardId,
    IReadOnlyList<AssessorRole> Roles,
    IReadOnlyList<DateOnly> PreferredDates,
    DateOnly Today,
    IReadOnlyList<ApprovedAssessor> Pool,
    IReadOnlyList<PanelSeat> Seats)
{
    /// <summary>For a group made from a list of councils, its council codes (then they, not its regions, are the same peer group).</summary>
    public IReadOnlyList<string> PeerGroupCouncils { get; init; } = [];

    /// <summary>For a reassessment: who sat on the earlier request's panel, each in their role; offered first when they still can sit.</summary>
    public IReadOnlyList<FirstPanelSeat> FirstPanel { get; init; } = [];
}

/// <summary>A member of the earlier panel a reassessment offers again first (the name as the earlier panel kept it: blank once erased).</summary>
public sealed record FirstPanelSeat(string RoleId, string AssessorId, string Name);

[JsonConverter(typeof(JsonStringEnumConverter<Nearness>))]
public enum Nearness
{
    SamePeerGroup,
    NeighbouringRegion,
    Elsewhere,
}

/// <param name="RecentAssessments">Panels in the 12 months before the proposal, and any confirmed since.</param>
/// <param name="SatOnFirstPanel">On a reassessment: this person sat in this role on the earlier panel.</param>
public sealed record ProposedMember(
    string RoleId, string RoleLabel, string AssessorId, string Name, string CouncilCode, string CouncilName, Nearness Nearness, int RecentAssessments, string Explanation,
    bool SatOnFirstPanel = false);

/// <summary>
/// A proposed panel and its date, each choice explained; or, when no complete panel exists, no date, no members and
/// a sentence for each gap saying which role is missing and why.
/// </summary>
public sealed record PanelProposal(DateOnly? Date, string? DateExplanation, IReadOnlyList<ProposedMember> Members, IReadOnlyList<string> Gaps)
{
    public bool IsComplete => Date is not null && Gaps.Count == 0;

    /// <summary>The earlier request a reassessment's panel is proposed for (its seated members are offered first).</summary>
    public string? ReassessmentOf { get; init; }
}
