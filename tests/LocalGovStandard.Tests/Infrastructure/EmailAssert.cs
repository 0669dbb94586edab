using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

public static partial class EmailAssert
{
    /// <summary>RFC 5322 msg-id in its dot-atom form: "&lt;" id-left "@" id-right "&gt;".</summary>
    [GeneratedRegex(@"^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+>$")]
    private static partial Regex MsgId();

    /// <summary>Every recipient of every request has a well-formed Message-ID header, and no two are the same.</summary>
    public static void UniqueMessageIds(IEnumerable<CapturedRequest> requests)
    {
        var ids = requests.SelectMany(r => r.MessageIdHeaders).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Matches(MsgId(), id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The HTML part is a whole document: doctype, English, UTF-8 and a title that starts as given (HTML-encoded).</summary>
    public static void WholeHtmlDocument(string html, string titleStart)
    {
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + titleStart, html, StringComparison.Ordinal);
        Assert.Contains("</title></head><body>", html, StringComparison.Ordinal);
        Assert.EndsWith("</body></html>", html, StringComparison.Ordinal);
    }
}
