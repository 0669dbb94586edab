using System.Diagnostics;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

/// <summary>The same rule as <c>tools/feature-dependencies.py --check</c>: each table opened only by its owner, no feature using another's endpoints, and the table in docs/architecture.md current.</summary>
public sealed class FeatureDependencyTests
{
    [Fact]
    public async Task EveryTable_IsOpenedOnlyByItsOwner_NoFeatureUsesAnothersEndpoints_AndTheDocIsCurrent()
    {
        var start = new ProcessStartInfo("python3", ["tools/feature-dependencies.py", "--check"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"tools/feature-dependencies.py --check failed:\n{await errors}{output}");
    }
}
