using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

public static partial class MessageIdAssert
{
    /// <summary>RFC 5322 msg-id in its dot-atom form: "&lt;" id-left "@" id-right "&gt;".</summary>
    [GeneratedRegex(@"^<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+>$")]
    private static partial Regex MsgId();

    /// <summary>Every recipient of every request has a well-formed Message-ID header, and no two are the same.</summary>
    public static void UniqueAndWellFormed(IEnumerable<CapturedRequest> requests)
    {
        var ids = requests.SelectMany(r => r.MessageIdHeaders).ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.Matches(MsgId(), id ?? ""));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
