using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// Rotating the signing key: links already emailed keep working while the old key is kept as the
/// previous one. And a token signed for one purpose never verifies for another.
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

    private static SignedTokens Tokens(string current, string? previous) =>
        new(Options.Create(new ServiceOptions { TokenSigningKey = current, PreviousTokenSigningKey = previous }), NullLogger<SignedTokens>.Instance);
}
