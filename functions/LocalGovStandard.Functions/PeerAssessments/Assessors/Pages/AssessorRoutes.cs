namespace LocalGovStandard.PeerAssessments.Assessors.Pages;

/// <summary>Where the assessor pages live: a contact's own offer, and each peer group's list for its leads.</summary>
public static class AssessorRoutes
{
    public const string ProfileHref = "/assessments/assessor-profile";
    public const string WithdrawHref = "/assessments/assessor-profile/withdraw";

    public static string LeadListHref(string peerGroup) => $"/assessments/peer-groups/{peerGroup}/assessors";

    public static string LeadApproveHref(string peerGroup, string assessorId) => $"{LeadListHref(peerGroup)}/{assessorId}";
}
