using System.Diagnostics;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Bench;

/// <summary>
/// CPU time per operation of a timed phase, in milliseconds: Azurite's (a Node.js process of its own) and the benchmark
/// process's (the app and its HTTP clients, or the bare SDK loop). On a machine whose cores they share, these show what an
/// operation costs each side, which wall time alone cannot.
/// </summary>
internal sealed record PhaseCpu(double AzuriteMsPerOperation, double ProcessMsPerOperation)
{
    /// <summary>Operations a second that Azurite could serve if it had one core to itself and did nothing else.</summary>
    public double AzuriteCeilingPerSecond => 1000 / AzuriteMsPerOperation;
}

/// <summary>
/// CPU milliseconds spent over the operations that succeeded, so failures do not make an operation look cheaper; two
/// phases of the same operation add up.
/// </summary>
internal sealed record CpuSpent(double AzuriteMs, double ProcessMs, int Operations)
{
    public static async Task<(LoadResult Load, CpuSpent Cpu)> MeasureAsync(Azurite azurite, Func<Task<LoadResult>> phase)
    {
        var azuriteBefore = azurite.ProcessorTime;
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var load = await phase();
        return (load, new CpuSpent(
            (azurite.ProcessorTime - azuriteBefore).TotalMilliseconds,
            (Process.GetCurrentProcess().TotalProcessorTime - processBefore).TotalMilliseconds,
            load.Operations - load.Failures));
    }

    public CpuSpent Plus(CpuSpent other) => new(AzuriteMs + other.AzuriteMs, ProcessMs + other.ProcessMs, Operations + other.Operations);

    /// <summary>Not a number when nothing succeeded: there is then no operation to cost.</summary>
    public PhaseCpu PerOperation() => Operations == 0 ? new(double.NaN, double.NaN) : new(AzuriteMs / Operations, ProcessMs / Operations);
}
