using System.Diagnostics;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Deployment;

/// <summary>
/// The post-deploy smoke check (infra/scripts/smoke-check.sh) against the app on a real loopback port, as azd runs it
/// after a deployment: it passes with the organiser key, fails the deployment with a wrong one, and azure.yaml runs it.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SmokeCheckTests(SmokeCheckTests.Fixture fixture) : IClassFixture<SmokeCheckTests.Fixture>
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "infra", "scripts", "smoke-check.sh");

    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;
    }

    [Fact]
    public async Task WithTheOrganiserKey_EveryCheckPasses()
    {
        var (exit, output) = await RunAsync(ServiceFixture.AdminKey);

        Assert.True(exit == 0, output);
        Assert.Contains("ok  GET /api/health 200", output, StringComparison.Ordinal);
        Assert.Contains("ok  GET /signup 200 with the form", output, StringComparison.Ordinal);
        Assert.Contains("ok  GET /api/admin/signups 200 with the organiser key", output, StringComparison.Ordinal);
        Assert.Contains("smoke check passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAKeyTheAppDoesNotHold_ItFails_SayingWhichCallAndWhy()
    {
        var (exit, output) = await RunAsync("not-the-organiser-key");

        Assert.Equal(1, exit);
        Assert.Contains("smoke check FAILED: GET /api/admin/signups with the organiser key answered 401", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_RunsItAfterDeploying()
    {
        var azureYaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

        Assert.Matches(@"\n\s+postdeploy:\s*\n\s+posix:\s*\n\s+shell: sh\s*\n\s+run: sh infra/scripts/smoke-check\.sh\s*\n", azureYaml);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string key)
    {
        var start = new ProcessStartInfo("sh", [Script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SERVICE_API_URI"] = fixture.LoopbackUrl!.ToString();
        start.Environment["LGS_ADMIN_KEY"] = key;
        start.Environment["SMOKE_WAIT_SECONDS"] = "10";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
