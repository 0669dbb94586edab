using System.Diagnostics;

namespace LocalGovStandard.Bench;

/// <summary>
/// The handler as functions/publish.sh publishes it (self-contained linux-x64, Release), into
/// artifacts/bench/, with or without ReadyToRun; and the bare baseline app the same way. Published again
/// only when a source is newer.
/// </summary>
internal static class HandlerPublish
{
    public const string Project = "functions/LocalGovStandard.Functions";
    public const string BareProject = "tools/LocalGovStandard.BareApp";
    private static readonly string[] RootInputs = ["Directory.Build.props", "Directory.Packages.props", "global.json", "host.json"];

    public static Task<string> EnsureAsync(bool readyToRun) =>
        EnsureAsync(Project, readyToRun ? "handler-ready-to-run" : "handler-jit", readyToRun);

    public static Task<string> EnsureBareAsync() => EnsureAsync(BareProject, "bare-ready-to-run", readyToRun: true);

    private static async Task<string> EnsureAsync(string project, string folder, bool readyToRun)
    {
        var root = BenchArguments.RepositoryRoot;
        var output = Path.Combine(root, "artifacts", "bench", folder);
        var stamp = new FileInfo(Path.Combine(output, ".published"));
        if (stamp.Exists && NewestSource(root, project) < stamp.LastWriteTimeUtc)
        {
            Console.WriteLine($"    {Path.GetRelativePath(root, output)} is newer than its sources");
            return output;
        }

        Console.WriteLine($"    dotnet publish {project} -r linux-x64 --self-contained -p:PublishReadyToRun={(readyToRun ? "true" : "false")} -o {Path.GetRelativePath(root, output)}");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var publish = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            ArgumentList =
            {
                "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
                $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", output, "--nologo", "-v", "quiet",
            },
            UseShellExecute = false,
        };
        using var process = Process.Start(publish)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} (ReadyToRun={readyToRun}) failed with exit code {process.ExitCode}.");
        }

        await File.WriteAllTextAsync(stamp.FullName, DateTimeOffset.UtcNow.ToString("O"));
        return output;
    }

    /// <summary>The same inputs as ./build.sh's package freshness check.</summary>
    private static DateTime NewestSource(string root, string projectFolder)
    {
        var project = Path.Combine(root, projectFolder);
        var files = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(project, "bin"), StringComparison.Ordinal) && !f.StartsWith(Path.Combine(project, "obj"), StringComparison.Ordinal))
            .Concat(RootInputs.Select(f => Path.Combine(root, f)).Where(File.Exists));
        return files.Max(File.GetLastWriteTimeUtc);
    }
}
