using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Progress;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Reports;

public enum DownloadLinkResult
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>Signed, expiring links to a stored workbook, for leads whose workbook is too large to attach.</summary>
public sealed class ReportDownloadLinks(SignedTokens tokens, IOptionsMonitor<ServiceOptions> service, IOptionsMonitor<ReportOptions> options, TimeProvider clock)
{
    public const string Path = "/reports/download";

    private sealed record Payload(string Month, string PeerGroup, DateTimeOffset ExpiresAt);

    private const string Purpose = "report-download";

    public (Uri Link, DateTimeOffset ExpiresAt) Create(ReportMonth month, string peerGroup)
    {
        var expiresAt = clock.GetUtcNow() + options.CurrentValue.DownloadLinkLifetime;
        var token = tokens.Sign(Purpose, new Payload(month.ToString(), peerGroup, expiresAt));
        return (service.CurrentValue.Link($"{Path}?token={token}"), expiresAt);
    }

    public (DownloadLinkResult Result, ReportMonth Month, string PeerGroup) Read(string? token)
    {
        var payload = tokens.Verify<Payload>(Purpose, token);
        if (payload is null || !ReportMonth.TryParse(payload.Month, out var month))
        {
            return (DownloadLinkResult.Invalid, default, "");
        }

        return clock.GetUtcNow() >= payload.ExpiresAt
            ? (DownloadLinkResult.Expired, month, payload.PeerGroup)
            : (DownloadLinkResult.Valid, month, payload.PeerGroup);
    }
}
