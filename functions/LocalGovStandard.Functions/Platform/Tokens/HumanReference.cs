using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace LocalGovStandard.Platform.Tokens;

/// <summary>References people read out and type: LGS-7K2P-9QXD. No 0/O or 1/I/L to confuse.</summary>
public static partial class HumanReference
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New(string prefix = "LGS")
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 8);
        return $"{prefix}-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    public static bool IsWellFormed(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Z]{3}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex Pattern();
}
