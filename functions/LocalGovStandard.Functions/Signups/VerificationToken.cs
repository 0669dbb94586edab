using System.Text;
using LocalGovStandard.Platform.Tokens;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalGovStandard.Signups;

/// <summary>
/// The verification link's token: where the contact is stored plus a 256-bit secret. The contact
/// row holds only the secret's hash, so a token cannot be forged from stored data or guessed.
/// </summary>
public sealed record VerificationToken(string Partition, string RowKey, string Secret)
{
    public static VerificationToken New(string partition, string rowKey) => new(partition, rowKey, SecretTokens.NewSecret());

    public string Encode() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{Partition}\n{RowKey}\n{Secret}"));

    public static VerificationToken? TryDecode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token)).Split('\n');
            return parts is [var partition, var rowKey, var secret] && partition.Length > 0 && rowKey.Length > 0 && secret.Length >= 32
                ? new VerificationToken(partition, rowKey, secret)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
