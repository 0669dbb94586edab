using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>The token values of the links in a message (verification, sign-in, RSVP, unsubscribe, download).</summary>
public static partial class LinkTokens
{
    public static IEnumerable<string> In(string text) => TokenValue().Matches(text).Select(m => Uri.UnescapeDataString(m.Groups[1].Value));

    [GeneratedRegex(@"token=([A-Za-z0-9_.%-]+)")]
    private static partial Regex TokenValue();
}
