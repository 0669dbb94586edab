using System.Globalization;

namespace LocalGovStandard.Platform.Tokens;

/// <summary>
/// The unused single-use links of one person, kept in one column as "hash:expiry-ticks" pairs. A new link is added
/// beside the earlier ones (a mail scanner or a second request must not cancel the link the person is about to
/// use), expired ones drop out, and the caller clears the whole list when any of them is used.
/// </summary>
public static class OutstandingLinks
{
    /// <summary>More than the hourly per-address cap, so a capped sender never pushes out a live link.</summary>
    private const int MaxKept = 10;

    public static string Add(string? list, string secret, DateTimeOffset expiresAt, DateTimeOffset now) =>
        AddHash(list, SecretTokens.Hash(secret), expiresAt, now);

    public static string AddHash(string? list, string hash, DateTimeOffset expiresAt, DateTimeOffset now) =>
        string.Join(' ', Live(list, now)
            .Append((Hash: hash, ExpiresTicks: expiresAt.UtcTicks))
            .TakeLast(MaxKept)
            .Select(link => $"{link.Hash}:{link.ExpiresTicks.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Whether the secret belongs to one of the list's links that has not expired.</summary>
    public static bool Matches(string? list, string secret, DateTimeOffset now) =>
        Live(list, now).Any(link => SecretTokens.HashMatches(secret, link.Hash));

    private static IEnumerable<(string Hash, long ExpiresTicks)> Live(string? list, DateTimeOffset now)
    {
        foreach (var pair in (list ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.Split(':') is [var hash, var ticks]
                && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresTicks)
                && expiresTicks > now.UtcTicks)
            {
                yield return (hash, expiresTicks);
            }
        }
    }
}
