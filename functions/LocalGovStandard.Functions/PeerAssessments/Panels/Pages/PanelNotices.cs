namespace LocalGovStandard.PeerAssessments.Panels.Pages;

/// <summary>The success banner after a redirect: <c>?panel=saved</c> or <c>?panel=removed</c>.</summary>
public static class PanelNotices
{
    public const string Saved = "saved";
    public const string Removed = "removed";

    public static string? For(string? panel) => panel switch
    {
        Saved => "The panel is saved. New members are being emailed their invitations.",
        Removed => "The member was removed. Choose a replacement below.",
        _ => null,
    };
}
