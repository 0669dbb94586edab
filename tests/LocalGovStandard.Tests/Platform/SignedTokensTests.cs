using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// Rotating the signing key: links already emailed keep working while the old key is kept as the
/// previous one. A token signed for one purpose never verifies for another. Without a configured key,
/// Development keeps a generated one in a file (links survive a restart) and anywhere else the service refuses to start.
/// </summary>
public sealed class SignedTokensTests
{
    private const string OldKey = "old-signing-key-0123456789abcdef0123456789";
    private const string NewKey = "new-signing-key-0123456789abcdef0123456789";
    private const string Purpose = "test-link";

    private sealed record Payload(string Reference);

    [Fact]
    public void AfterARotation_OldLinksVerifyWithThePreviousKey_NewLinksUseTheNewKey_AndWithoutItOldLinksFail()
    {
        var beforeRotation = Tokens(OldKey, previous: null);
        var duringRotation = Tokens(NewKey, previous: OldKey);
        var afterRotation = Tokens(NewKey, previous: null);

        var oldLink = beforeRotation.Sign(Purpose, new Payload("LGS-OLD1-OLD1"));
        var newLink = duringRotation.Sign(Purpose, new Payload("LGS-NEW1-NEW1"));

        Assert.Equal("LGS-OLD1-OLD1", duringRotation.Verify<Payload>(Purpose, oldLink)?.Reference);
        Assert.Equal("LGS-NEW1-NEW1", afterRotation.Verify<Payload>(Purpose, newLink)?.Reference);
        Assert.Null(beforeRotation.Verify<Payload>(Purpose, newLink));
        Assert.Null(afterRotation.Verify<Payload>(Purpose, oldLink));
        Assert.Null(duringRotation.Verify<Payload>(Purpose, oldLink[..^2] + "xx"));
    }

    [Fact]
    public void ATokenSignedForOnePurpose_DoesNotVerifyForAnother_WithEitherKey()
    {
        var beforeRotation = Tokens(OldKey, previous: null);
        var duringRotation = Tokens(NewKey, previous: OldKey);

        foreach (var token in new[] { beforeRotation.Sign(Purpose, new Payload("LGS-AAAA-AAAA")), duringRotation.Sign(Purpose, new Payload("LGS-BBBB-BBBB")) })
        {
            Assert.NotNull(duringRotation.Verify<Payload>(Purpose, token));
            Assert.Null(duringRotation.Verify<Payload>("other-link", token));
            Assert.Null(duringRotation.Verify<Payload>(Purpose + "\0", token));
        }
    }

    [Fact]
    public void InDevelopment_WithoutAKey_TheGeneratedKeyIsKept_SoLinksSurviveARestart()
    {
        var folder = Directory.CreateTempSubdirectory("lgs-signing-key-");
        try
        {
            var keyFile = Path.Combine(folder.FullName, ".data", "token-signing-key");
            var link = DevelopmentTokens(keyFile).Sign(Purpose, new Payload("LGS-KEPT-KEPT"));

            var afterRestart = DevelopmentTokens(keyFile);
            var anotherInstallation = DevelopmentTokens(Path.Combine(folder.FullName, "other-key"));

            Assert.Equal("LGS-KEPT-KEPT", afterRestart.Verify<Payload>(Purpose, link)?.Reference);
            Assert.Null(anotherInstallation.Verify<Payload>(Purpose, link));
            Assert.True(File.ReadAllText(keyFile).Length >= 32);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutAKey_TheServiceRefusesToStart_NamingTheSetting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["SendGrid:ApiKey"] = "SG.test-key",
            ["SendGrid:FromEmail"] = "standard@localgov.digital",
            ["Timers:RunInProcess"] = "false",
        };
        await using var app = new LocalGovStandardFactory(settings, new TestClock(), new LogCapture(), Environments.Production);

        var refusal = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("LocalGovStandard__TokenSigningKey is not set", refusal.ToString(), StringComparison.Ordinal);
    }

    private static SignedTokens Tokens(string current, string? previous) =>
        new(Options.Create(new ServiceOptions { TokenSigningKey = current, PreviousTokenSigningKey = previous }),
            new HostingEnvironment { EnvironmentName = Environments.Production }, NullLogger<SignedTokens>.Instance);

    private static SignedTokens DevelopmentTokens(string keyFile) =>
        new(Options.Create(new ServiceOptions { TokenSigningKeyFile = keyFile }),
            new HostingEnvironment { EnvironmentName = Environments.Development }, NullLogger<SignedTokens>.Instance);
}
