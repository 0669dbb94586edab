using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.PeerAssessments.Panels.Pages;

/// <summary>Everything the panel section of a request's page shows, for a lead's page and the console's alike.</summary>
/// <param name="Action">Where the form posts; removing a member posts to <c>{Action}/remove</c>.</param>
public sealed record PanelEditorView(
    string Action,
    string ETag,
    IReadOnlyList<Choice> Dates,
    string? SelectedDate,
    IReadOnlyList<RoleRow> Roles,
    IReadOnlyList<MemberRow> Members,
    FormErrors Errors,
    string? Notice,
    bool Closed)
{
    public bool Confirmed => Members.Count > 0;
}

/// <param name="Suggestion">For an open seat on a confirmed panel: the next proposal's choice and why.</param>
/// <param name="NotOffered">"Name, Council: why", for each assessor of this role who is not offered.</param>
public sealed record RoleRow(string RoleId, string Label, IReadOnlyList<Choice> Choices, string? Selected, string? Suggestion, IReadOnlyList<string> NotOffered)
{
    public string Field => PanelForm.RoleField(RoleId);
}

public sealed record MemberRow(PanelMemberRecord Member, string RoleLabel);
