using System.Diagnostics;
using System.Globalization;

namespace LocalGovStandard.DashboardBench;

/// <summary>The real handler (its Release build), run as under the Functions host: on a loopback port of its own, against one emulator.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";
    public const string ReadKey = "bench-read-key";

    private readonly Process _process;

    private AppProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }

    public static async Task<AppProcess> StartAsync(string repositoryRoot, string storage)
    {
        var bin = Path.Combine(repositoryRoot, "functions", "LocalGovStandard.Functions", "bin", "Release", "net10.0");
        var dll = Path.Combine(bin, "LocalGovStandard.Functions.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the handler first: dotnet build -c Release ({dll} is missing).");
        }

        var port = Ports.Free();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["AzureWebJobsStorage"] = storage;
        start.Environment["LocalGovStandard__TokenSigningKey"] = "dashboard-bench-signing-key-0123456789abcdef";
        start.Environment["LocalGovStandard__AdminKey"] = AdminKey;
        start.Environment["LocalGovStandard__ReadKey"] = ReadKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        // The handler's warnings and errors (with the fault behind a 500) go to this process's error output.
        process.ErrorDataReceived += (_, line) => ForwardError(line.Data);
        process.OutputDataReceived += (_, line) => ForwardError(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        await Ports.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => process.HasExited);
        return app;
    }

    private static void ForwardError(string? line)
    {
        if (line is not null && (line.Contains("fail", StringComparison.OrdinalIgnoreCase) || line.Contains("Exception", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine("handler: " + line);
        }
    }

    public HttpClient Client(string? header = null, string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        if (header is not null)
        {
            client.DefaultRequestHeaders.Add(header, key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
