using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Tokens;

/// <summary>
/// Tamper-proof tokens for emailed links: a JSON payload and its HMAC-SHA256, both base64url. The
/// purpose (which kind of link) is signed with the payload, so a token made for one kind of link
/// never verifies as another. Expiry and single use are the caller's rules; this class only proves
/// the payload is ours and meant for this purpose. New tokens are signed with the current key; the
/// previous key (during a rotation) still verifies.
/// </summary>
public sealed partial class SignedTokens
{
    private readonly byte[] _key;
    private readonly byte[][] _verifyingKeys;

    public SignedTokens(IOptions<ServiceOptions> options, IHostEnvironment environment, ILogger<SignedTokens> logger)
    {
        _key = Encoding.UTF8.GetBytes(CurrentKey(options.Value, environment, logger));
        _verifyingKeys = ServiceOptions.Secret(options.Value.PreviousTokenSigningKey) is { } previous
            ? [_key, Encoding.UTF8.GetBytes(previous)]
            : [_key];
    }

    private static string CurrentKey(ServiceOptions options, IHostEnvironment environment, ILogger logger)
    {
        if (ServiceOptions.Secret(options.TokenSigningKey) is { } configured)
        {
            return configured;
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(SigningKeyRequirement.Missing);
        }

        var path = Path.GetFullPath(options.TokenSigningKeyFile);
        LogDevelopmentKey(logger, path);
        return DevelopmentSigningKey.LoadOrCreate(path);
    }

    public string Sign<T>(string purpose, T payload)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload, JsonSerializerOptions.Web);
        return WebEncoders.Base64UrlEncode(body) + "." + WebEncoders.Base64UrlEncode(Mac(_key, purpose, body));
    }

    /// <summary>The payload, or null when the token was changed, signed with another key, or made for another purpose.</summary>
    public T? Verify<T>(string purpose, string? token) where T : class
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048 || token.Split('.') is not [var encodedBody, var encodedSignature])
        {
            return null;
        }

        try
        {
            var body = WebEncoders.Base64UrlDecode(encodedBody);
            var signature = WebEncoders.Base64UrlDecode(encodedSignature);
            return _verifyingKeys.Any(key => CryptographicOperations.FixedTimeEquals(signature, Mac(key, purpose, body)))
                ? JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)
                : null;
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The MAC of the purpose, a NUL (no purpose contains one) and the payload.</summary>
    private static byte[] Mac(byte[] key, string purpose, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var signed = new byte[Encoding.UTF8.GetByteCount(purpose) + 1 + body.Length];
        var written = Encoding.UTF8.GetBytes(purpose, signed);
        body.CopyTo(signed, written + 1);
        return HMACSHA256.HashData(key, signed);
    }

    [LoggerMessage(LogLevel.Information, "LocalGovStandard:TokenSigningKey is not set: Development signs links with the generated key kept in {Path}")]
    private static partial void LogDevelopmentKey(ILogger logger, string path);
}
