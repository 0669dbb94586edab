using System.Diagnostics;
using System.Globalization;

namespace LocalGovStandard.Bench;

internal sealed record BenchResults(
    IReadOnlyList<IntakeResult> Intake,
    IReadOnlyList<WorkbookPhase> MonthlyRun,
    IReadOnlyList<InvitationsResult> Invitations,
    IReadOnlyList<ColdStartResult> ColdStart,
    IReadOnlyList<OtherBenchOutput> Others,
    string MonthlyRunCommand,
    int ColdStartRuns,
    string LoadAverageAtStart,
    TimeSpan Elapsed);

/// <summary>Runs every scenario, one after another (the machine has few cores), prints the tables and writes the report.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        if (arguments.ColdStartOnly)
        {
            return await ColdStartOnly.RunAsync(arguments);
        }

        var started = Stopwatch.GetTimestamp();
        var loadAtStart = LoadAverage.Now();
        var machine = MachineDescription.Current();
        Console.WriteLine($"==> Benchmarks on {machine}");
        Console.WriteLine($"    Register: {BenchRegister.Description}");

        var intake = new List<IntakeResult>();
        foreach (var scale in arguments.Scales)
        {
            Console.WriteLine($"==> Intake at {scale}x: sign-ups over HTTP against bare inserts, {ConcurrentLoad.Clients} clients");
            intake.Add(await ChildProcesses.RunScenarioAsync<IntakeResult>("--scenario", IntakeScenario.Name, "--scale", scale.ToString(CultureInfo.InvariantCulture)));
            Console.WriteLine(PerformanceReport.IntakeLine(intake[^1]));
        }

        var iterations = arguments.Quick ? 1 : 3;
        Console.WriteLine($"==> Monthly run: {MonthlyRunScenario.Command(arguments.Scales, iterations)}");
        var monthly = await MonthlyRunScenario.RunAsync(arguments.Scales, iterations);
        Console.WriteLine(MonthlyRunReport.TargetLines(monthly));

        var invitations = new List<InvitationsResult>();
        foreach (var variant in new[] { InvitationsScenario.SdkBatches, InvitationsScenario.Product, InvitationsScenario.SdkSingle })
        {
            Console.WriteLine($"==> Invitations: {InvitationsScenario.Invitees:N0} through the loopback SendGrid server ({variant})");
            invitations.Add(await ChildProcesses.RunScenarioAsync<InvitationsResult>("--scenario", InvitationsScenario.Name, "--variant", variant));
            Console.WriteLine(PerformanceReport.InvitationsLine(invitations[^1]));
        }

        Console.WriteLine(InvitationsReport.TargetLines(invitations));

        var runs = arguments.Quick ? 3 : 7;
        Console.WriteLine($"==> Cold start: the bare app, and the handler with and without ReadyToRun, {runs} starts each");
        var coldStart = await ColdStartScenario.RunAsync(runs);

        var others = new List<OtherBenchOutput>();
        foreach (var project in OtherBenches.Find())
        {
            Console.WriteLine($"==> {project}");
            others.Add(await OtherBenches.RunAsync(project));
        }

        var results = new BenchResults(intake, monthly, invitations, coldStart, others,
            MonthlyRunScenario.Command(arguments.Scales, iterations), runs, loadAtStart, Stopwatch.GetElapsedTime(started));
        var report = PerformanceReport.Write(results, machine, arguments);
        Console.WriteLine();
        Console.WriteLine(report.Tables);
        if (!string.IsNullOrEmpty(arguments.ReportPath))
        {
            await File.WriteAllTextAsync(arguments.ReportPath, report.Document);
            Console.WriteLine($"==> Wrote {Path.GetRelativePath(BenchArguments.RepositoryRoot, arguments.ReportPath)} ({results.Elapsed.TotalMinutes:0.0} min)");
        }

        return 0;
    }
}
