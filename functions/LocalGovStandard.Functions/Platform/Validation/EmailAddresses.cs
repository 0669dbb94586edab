using System.Text.RegularExpressions;

namespace LocalGovStandard.Platform.Validation;

public static partial class EmailAddresses
{
    /// <summary>A practical address check: a dot-atom local part and a domain of letter/digit/hyphen labels.</summary>
    /// <returns>The address with its domain lower-cased, or null when it is not an address.</returns>
    public static (string Address, string Domain)? Normalise(string value)
    {
        var match = Pattern().Match(value);
        if (!match.Success)
        {
            return null;
        }

        var domain = match.Groups["domain"].Value.ToLowerInvariant();
        return ($"{match.Groups["local"].Value}@{domain}", domain);
    }

    /// <summary>
    /// The part after the last '@', trimmed and in lower case: how an address is matched to councils' domains, and the
    /// only part of it a queued email shows in clear.
    /// </summary>
    public static string DomainOf(string emailAddress) => emailAddress[(emailAddress.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();

    [GeneratedRegex(@"^(?<local>[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@(?<domain>([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")]
    private static partial Regex Pattern();
}
