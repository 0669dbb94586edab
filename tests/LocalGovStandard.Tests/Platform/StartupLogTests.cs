using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// Starting against storage that already has every table and container answers 409 ("already exists"), and reading a
/// key blob that is not there yet 404: expected outcomes, which must not reach the logs as warnings or errors.
/// Nor must Data Protection's warning that its key ring is not encrypted with a key-encryption key: the ring is a
/// private blob by decision (ADR 0005), so the warning would only teach people to ignore warnings.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StartupLogTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task CreatingWhatAlreadyExists_LogsNoAzureSdkWarningOrError()
    {
        var initializer = fixture.App.Services.GetRequiredService<StorageInitializer>();

        Assert.True(await initializer.TryCreateAllAsync(CancellationToken.None));

        Assert.DoesNotContain(fixture.Logs.Lines, line =>
            (line.StartsWith("Warning Azure.", StringComparison.Ordinal) || line.StartsWith("Error Azure.", StringComparison.Ordinal))
            && (line.Contains("409", StringComparison.Ordinal) || line.Contains("404", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheKeyRingInAPrivateBlob_LogsNoDataProtectionWarning()
    {
        // Protecting a form makes Data Protection create and store its first key, which is when it warns.
        using var response = await fixture.CreateClient().GetAsync(new Uri("/signup", UriKind.Relative));
        response.EnsureSuccessStatusCode();

        Assert.DoesNotContain(fixture.Logs.Lines, line =>
            line.StartsWith("Warning Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal));
    }
}
