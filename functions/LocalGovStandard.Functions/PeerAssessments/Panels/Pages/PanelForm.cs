using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels.Pages;

/// <summary>What the panel form posts: the date, one assessor per role (<c>role-{id}</c>) and the ETag the page was read with.</summary>
public sealed record PanelForm(string? Date, IReadOnlyDictionary<string, string?> Assessors, string? ETag)
{
    public const string DateField = "date";
    public const string ETagField = "etag";

    public static string RoleField(string roleId) => $"role-{roleId}";

    public static PanelForm From(IFormCollection form, IReadOnlyList<AssessorRole> roles) =>
        new(form[DateField], roles.ToDictionary(r => r.Id, r => (string?)form[RoleField(r.Id)].ToString()), form[ETagField]);

    /// <summary>Roles left unchosen go without a member, so the service names each as missing.</summary>
    public PanelChoice Choice() =>
        new(Date, Assessors.Where(a => !string.IsNullOrWhiteSpace(a.Value)).Select(a => (PanelMemberChoice?)new PanelMemberChoice(a.Key, a.Value)).ToList());

    public Azure.ETag? ExpectedETag() => string.IsNullOrEmpty(ETag) ? null : new Azure.ETag(ETag);
}
