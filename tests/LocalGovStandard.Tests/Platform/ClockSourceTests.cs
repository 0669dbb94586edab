using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// "Now" has one source: the product reads it only through <see cref="TimeProvider"/>, and tests take their dates from
/// their own clock (<see cref="TestClock"/>), never from the wall clock.
/// </summary>
public sealed partial class ClockSourceTests
{
    /// <summary>Test infrastructure that waits in real time by design: starting Azurite, a port opening, and SendGrid's Retry-After against the client's real timers.</summary>
    private static readonly string[] RealTimeInfrastructure = ["Azurite.cs", "FreePort.cs", "SendGridCaptureServer.cs"];

    [Fact]
    public void TheProduct_ReadsTheTimeOnlyThroughTimeProvider() =>
        Assert.Empty(WallClockReads("functions", exempt: []));

    [Fact]
    public void Tests_TakeTheirDatesFromTheirClock_NotTheWallClock() =>
        Assert.Empty(WallClockReads("tests", exempt: RealTimeInfrastructure));

    private static List<string> WallClockReads(string folder, string[] exempt)
    {
        var root = Path.Combine(RepositoryPaths.Root, folder);
        var sources = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Where(f => !exempt.Contains(Path.GetFileName(f)) && Path.GetFileName(f) != $"{nameof(ClockSourceTests)}.cs")
            .ToList();
        Assert.NotEmpty(sources);

        return sources
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                return WallClock().Matches(text).Select(m => $"{Path.GetRelativePath(root, f)}:{text[..m.Index].Count(c => c == '\n') + 1} {m.Value}");
            })
            .ToList();
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();
}
