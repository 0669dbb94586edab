using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Logs;

/// <summary>
/// xunit runs collections that disable parallelization after every parallel collection has
/// finished (and their fixtures, so their apps, have stopped). This is the only such collection,
/// so its check sees every log line written during the run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsLast
{
    public const string Name = "Suite log audit (runs last)";
}

[Collection(RunsLast.Name)]
[Trait(Needs.Trait, Needs.WholeSuite)]
public sealed class SuiteLogAudit
{
    [Fact]
    public void EveryLogLineWrittenDuringTheRun_HoldsNoEmailAddressTokenOrKey()
    {
        // Without captured lines and known secrets the scan below would pass whatever the app logged.
        Assert.True(SuiteLogs.Lines.Count > 0, "No log lines were captured: the run-wide sink is not wired to the apps' loggers (or this ran alone).");
        Assert.NotEmpty(SuiteLogs.Secrets);
        var findings = LogLeakScanner.Findings(SuiteLogs.Lines, SuiteLogs.Secrets);

        Assert.True(findings.Count == 0,
            $"{findings.Count} of {SuiteLogs.Lines.Count} log lines leak personal data or secrets:{Environment.NewLine}{string.Join(Environment.NewLine, findings.Take(20))}");
    }
}
