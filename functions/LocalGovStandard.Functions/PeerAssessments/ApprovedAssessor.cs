namespace LocalGovStandard.PeerAssessments;

/// <summary>
/// An assessor a peer-group lead or an organiser has approved, as a panel proposal sees them.
/// <paramref name="Roles"/> are role ids from the standards' <c>assessorRoles</c>; <paramref name="Standards"/> are standard ids.
/// <paramref name="ContactKey"/> is their contact row's key in <paramref name="Region"/>: where a panel invitation is addressed.
/// </summary>
public sealed record ApprovedAssessor(
    string AssessorId,
    string Name,
    string CouncilCode,
    string CouncilName,
    string Region,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Standards,
    IReadOnlyList<DateOnly> Unavailable,
    int PerQuarter,
    DateOnly TrainedOn,
    string ContactKey = "");
