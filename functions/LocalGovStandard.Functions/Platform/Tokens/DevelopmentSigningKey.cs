using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalGovStandard.Platform.Tokens;

/// <summary>
/// Development's signing key when none is configured: generated once and kept in a file under the
/// git-ignored <c>.data/</c>, so links emailed to the local outbox still work after a restart.
/// </summary>
public static class DevelopmentSigningKey
{
    private const int MinimumLength = 32;

    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= MinimumLength } kept)
        {
            return kept;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
