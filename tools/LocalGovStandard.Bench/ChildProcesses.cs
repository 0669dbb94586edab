using System.Diagnostics;
using System.Text.Json;

namespace LocalGovStandard.Bench;

internal static class ChildProcesses
{
    /// <summary>Runs one scenario in a child process of this benchmark, so its memory and JIT state are its own.</summary>
    public static async Task<T> RunScenarioAsync<T>(params string[] arguments)
    {
        var output = await RunAsync(Environment.ProcessPath!, arguments, echo: false);
        return JsonSerializer.Deserialize<T>(output.Trim().Split('\n')[^1])
            ?? throw new InvalidOperationException($"The scenario {string.Join(' ', arguments)} printed no result.");
    }

    /// <summary>Runs a command from the repository root; its errors go to this console, its output is returned (and echoed).</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, bool echo)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = BenchArguments.RepositoryRoot, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = new System.Text.StringBuilder();
        string? line;
        while ((line = await child.StandardOutput.ReadLineAsync()) is not null)
        {
            output.AppendLine(line);
            if (echo)
            {
                Console.WriteLine("    " + line);
            }
        }

        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', start.ArgumentList)} exited with {child.ExitCode}:\n{output}");
        }

        return output.ToString();
    }
}
