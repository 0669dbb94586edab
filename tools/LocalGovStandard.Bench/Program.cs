using System.Text.Json;
using LocalGovStandard.Bench;
using LocalGovStandard.WorkbookBench;

// ./build.sh bench: every scenario against its baseline, in child processes of this one, then
// docs/performance.md. A child runs one scenario (--scenario) and prints its result as JSON.
Machine.EnsureTheHandlersGarbageCollector();
var arguments = BenchArguments.Parse(args);
if (arguments.Scenario is { } scenario)
{
    object result = scenario switch
    {
        IntakeScenario.Name => await IntakeScenario.RunAsync(arguments.Scale),
        InvitationsScenario.Name => await InvitationsScenario.RunAsync(arguments.Variant ?? InvitationsScenario.Product),
        _ => throw new ArgumentException($"Unknown scenario {scenario}."),
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}

return await BenchRunner.RunAsync(arguments);
