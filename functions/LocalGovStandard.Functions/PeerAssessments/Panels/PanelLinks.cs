using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// The signed link in a panel invitation: one seat (request, role, assessor) for one date. A link for an earlier date,
/// or a seat the lead has since filled with someone else, no longer answers anything.
/// </summary>
public sealed class PanelLinks(SignedTokens tokens, IOptionsMonitor<ServiceOptions> options)
{
    public const string Purpose = "panel-response";
    public const string AcceptPath = "/assessments/panels/accept";
    public const string DeclinePath = "/assessments/panels/decline";

    public sealed record SeatPayload(string Region, string Reference, string RoleId, string AssessorId, string Date);

    public string Token(string region, string reference, string roleId, string assessorId, string date) =>
        tokens.Sign(Purpose, new SeatPayload(region, reference, roleId, assessorId, date));

    public Uri Accept(string token) => options.CurrentValue.Link($"{AcceptPath}?token={token}");

    public Uri Decline(string token) => options.CurrentValue.Link($"{DeclinePath}?token={token}");

    public Uri Link(string path) => options.CurrentValue.Link(path);

    public SeatPayload? Read(string? token) =>
        tokens.Verify<SeatPayload>(Purpose, token) is { } seat && seat.Reference.Length > 0 && seat.AssessorId.Length > 0 ? seat : null;
}
