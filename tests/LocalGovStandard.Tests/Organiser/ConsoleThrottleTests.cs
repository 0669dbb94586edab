using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Organiser;

/// <summary>Guessing the organiser key: after a few wrong keys, even the right one is refused for a while. Its own service, so no other test is throttled.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ConsoleThrottleTests(ConsoleThrottleTests.Fixture fixture) : IClassFixture<ConsoleThrottleTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:Console:SignInFailureLimit"] = "3",
        };
    }

    [Fact]
    public async Task SignIn_AfterRepeatedWrongKeys_IsRefusedWith429_EvenWithTheRightKey()
    {
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/organiser/sign-in");
        var right = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });
        Assert.Equal(HttpStatusCode.Redirect, right.Status);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var wrong = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = $"guess-{attempt}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        }

        var throttled = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("Too many attempts", throttled.Heading);
        Assert.NotNull(throttled.Response.Headers.RetryAfter);
        Assert.False(throttled.Response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("lgs-organiser=", StringComparison.Ordinal)));
    }
}
