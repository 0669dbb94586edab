using System.Diagnostics;

namespace LocalGovStandard.Bench;

/// <summary>
/// The handler as functions/publish.sh publishes it (self-contained linux-x64, Release), into
/// artifacts/bench/, with or without ReadyToRun. Published again only when a source is newer.
/// </summary>
internal static class HandlerPublish
{
    private const string Project = "functions/LocalGovStandard.Functions";
    private static readonly string[] RootInputs = ["Directory.Build.props", "Directory.Packages.props", "global.json", "host.json"];

    public static async Task<string> EnsureAsync(bool readyToRun)
    {
        var root = BenchArguments.RepositoryRoot;
        var output = Path.Combine(root, "artifacts", "bench", readyToRun ? "handler-ready-to-run" : "handler-jit");
        var stamp = new FileInfo(Path.Combine(output, ".published"));
        if (stamp.Exists && NewestSource(root) < stamp.LastWriteTimeUtc)
        {
            Console.WriteLine($"    {Path.GetRelativePath(root, output)} is newer than its sources");
            return output;
        }

        Console.WriteLine($"    dotnet publish {Project} -r linux-x64 --self-contained -p:PublishReadyToRun={(readyToRun ? "true" : "false")} -o {Path.GetRelativePath(root, output)}");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var publish = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            ArgumentList =
            {
                "publish", Project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
                $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", output, "--nologo", "-v", "quiet",
            },
            UseShellExecute = false,
        };
        using var process = Process.Start(publish)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish (ReadyToRun={readyToRun}) failed with exit code {process.ExitCode}.");
        }

        await File.WriteAllTextAsync(stamp.FullName, DateTimeOffset.UtcNow.ToString("O"));
        return output;
    }

    /// <summary>The same inputs as ./build.sh's package freshness check.</summary>
    private static DateTime NewestSource(string root)
    {
        var project = Path.Combine(root, Project);
        var files = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(project, "bin"), StringComparison.Ordinal) && !f.StartsWith(Path.Combine(project, "obj"), StringComparison.Ordinal))
            .Concat(RootInputs.Select(f => Path.Combine(root, f)).Where(File.Exists));
        return files.Max(File.GetLastWriteTimeUtc);
    }
}
