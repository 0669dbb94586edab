using System.Collections.Concurrent;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// Every log line any app writes during the whole test run, and every secret the tests handed out
/// (keys from settings, tokens from the links in emails), so one final check can look for leaks.
/// </summary>
public static class SuiteLogs
{
    private static readonly ConcurrentQueue<string> RecordedLines = new();
    private static readonly ConcurrentDictionary<string, byte> KnownSecrets = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Lines => RecordedLines;

    public static IEnumerable<string> Secrets => KnownSecrets.Keys;

    public static void Record(string line) => RecordedLines.Enqueue(line);

    /// <summary>Values shorter than 8 characters are too common to search for.</summary>
    public static void Secret(string? value)
    {
        if (value is { Length: >= 8 })
        {
            KnownSecrets.TryAdd(value, 0);
        }
    }
}
