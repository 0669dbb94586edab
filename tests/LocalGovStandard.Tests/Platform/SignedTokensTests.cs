using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Tests.Platform;

/// <summary>Rotating the signing key: links already emailed keep working while the old key is kept as the previous one.</summary>
public sealed class SignedTokensTests
{
    private const string OldKey = "old-signing-key-0123456789abcdef0123456789";
    private const string NewKey = "new-signing-key-0123456789abcdef0123456789";

    private sealed record Payload(string Reference);

    [Fact]
    public void AfterARotation_OldLinksVerifyWithThePreviousKey_NewLinksUseTheNewKey_AndWithoutItOldLinksFail()
    {
        var beforeRotation = Tokens(OldKey, previous: null);
        var duringRotation = Tokens(NewKey, previous: OldKey);
        var afterRotation = Tokens(NewKey, previous: null);
        var oldLink = beforeRotation.Sign(new Payload("LGS-OLD1-OLD1"));
        var newLink = duringRotation.Sign(new Payload("LGS-NEW1-NEW1"));

        Assert.Equal("LGS-OLD1-OLD1", duringRotation.Verify<Payload>(oldLink)?.Reference);
        Assert.Equal("LGS-NEW1-NEW1", afterRotation.Verify<Payload>(newLink)?.Reference);
        Assert.Null(beforeRotation.Verify<Payload>(newLink));
        Assert.Null(afterRotation.Verify<Payload>(oldLink));
        Assert.Null(duringRotation.Verify<Payload>(oldLink[..^2] + "xx"));
    }

    private static SignedTokens Tokens(string current, string? previous) =>
        new(Options.Create(new ServiceOptions { TokenSigningKey = current, PreviousTokenSigningKey = previous }), NullLogger<SignedTokens>.Instance);
}
