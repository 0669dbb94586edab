using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// A real Azurite (Blob, Queue, Table) from node_modules, in memory, on free loopback ports.
/// Each test class gets its own, so tests never see each other's data and clean-up is the process exit.
/// <see cref="OnDisk"/> keeps the data in a temporary folder instead, so an outage test can stop
/// the emulator and <see cref="RestartAsync"/> it on the same ports with what it had acknowledged.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int Attempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string Executable = Path.Combine(RepositoryPaths.NodeModules, ".bin", "azurite");
    private readonly string? _location;
    private Process? _process;

    public Azurite()
    {
    }

    private Azurite(string location) => _location = location;

    public static Azurite OnDisk() => new(Directory.CreateTempSubdirectory("lgs-azurite-").FullName);

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The emulator's CPU time so far (all its threads), for benchmarks that share a machine with it.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            var process = _process ?? throw new InvalidOperationException("Azurite has not started.");
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>
    /// Starts Azurite, choosing fresh ports and starting again when a port was taken between choosing and binding
    /// (another process can win that race) or the emulator exits early.
    /// </summary>
    public async Task StartAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {Executable}. Run 'npm ci' at the repository root.");
        }

        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            (BlobPort, QueuePort, TablePort) = FreePort.NextThree();
            var output = new StringBuilder();
            if (await LaunchAsync(output))
            {
                return;
            }

            lock (output)
            {
                failures.AppendLine(CultureInfo.InvariantCulture, $"Attempt {attempt} (ports {BlobPort}/{QueuePort}/{TablePort}): {output}");
            }
        }

        throw new InvalidOperationException($"Azurite did not start after {Attempts} attempts.{Environment.NewLine}{failures}");
    }

    /// <summary>Starts the emulator on the current ports; false (and stopped) when it exits or never listens.</summary>
    private async Task<bool> LaunchAsync(StringBuilder output)
    {
        _process?.Dispose();
        _process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, line) => Append(output, line.Data);
        _process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await WaitUntilServingAsync(_process))
        {
            return true;
        }

        await StopAsync();
        return false;
    }

    private ProcessStartInfo StartInfo() => new(Executable)
    {
        ArgumentList =
        {
            "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
            _location is null ? "--inMemoryPersistence" : "--location=" + _location,
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
        },
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };

    private async Task<bool> WaitUntilServingAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in new[] { TablePort, BlobPort, QueuePort })
        {
            if (!await FreePort.WaitUntilListeningAsync(port, deadline, () => process.HasExited))
            {
                return false;
            }
        }

        return !process.HasExited;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>
    /// Starts the stopped emulator again on the same ports (clients keep their connection strings).
    /// Only an <see cref="OnDisk"/> emulator still has its data afterwards.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var output = new StringBuilder();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await LaunchAsync(output))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"Azurite did not restart on ports {BlobPort}/{QueuePort}/{TablePort}: {output}");
    }

    /// <summary>
    /// Stops the emulator with SIGINT so an <see cref="OnDisk"/> one writes out what it acknowledged
    /// (killed, it loses its last few seconds, which real storage never does), then kills it if it lingers.
    /// </summary>
    public async Task StopGracefullyAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var signal = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                await StopAsync();
            }
        }
    }

    /// <summary>Stops the emulator (its in-memory data is lost), for outage tests.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        if (_location is not null)
        {
            Directory.Delete(_location, recursive: true);
        }
    }
}
