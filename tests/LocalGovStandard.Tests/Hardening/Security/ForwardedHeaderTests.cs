using System.Globalization;
using System.Net;
using System.Text;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>Low limits on Kestrel, so the peer address is real: a client that names a new X-Forwarded-For each time is still one client.</summary>
public abstract class ForwardedHeaderFixture : RegisteredServiceFixture
{
    public const int Limit = 3;

    protected override bool OnLoopback => true;

    protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
    {
        ["LocalGovStandard:RateLimits:PublicFormsPermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
        ["LocalGovStandard:RateLimits:AdminKeyFailuresPermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
        ["LocalGovStandard:Console:SignInFailureLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? forwardedFor, string? key = null, string? forwardedProto = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await CreateClient().SendAsync(request);
    }

    /// <summary>The statuses of <see cref="Limit"/> + 1 requests, the i-th sent by <paramref name="send"/>(i).</summary>
    public static async Task<List<HttpStatusCode>> OneMoreThanTheLimitAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++)
        {
            using var response = await send(i);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    /// <summary>The antiforgery cookie is Secure exactly when the request counts as HTTPS.</summary>
    public static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-antiforgery=", StringComparison.Ordinal));
}

/// <summary>Standalone (no Functions host in front): no forwarded header is believed, from anyone.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StandaloneForwardedHeaderTests(StandaloneForwardedHeaderTests.Fixture fixture) : IClassFixture<StandaloneForwardedHeaderTests.Fixture>
{
    public sealed class Fixture : ForwardedHeaderFixture;

    [Fact]
    public async Task WrongAdminKeys_FromOnePeer_AreThrottled_WhateverXForwardedForSays()
    {
        var answers = await ForwardedHeaderFixture.OneMoreThanTheLimitAsync(i => fixture.SendAsync(HttpMethod.Get, "/api/admin/summits", $"198.51.100.{i + 1}", key: "guess-" + i));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, ForwardedHeaderFixture.Limit).Append(HttpStatusCode.TooManyRequests), answers);
    }

    [Fact]
    public async Task PublicForms_FromOnePeer_AreLimited_WhateverXForwardedForSays()
    {
        var answers = await ForwardedHeaderFixture.OneMoreThanTheLimitAsync(i => fixture.SendAsync(HttpMethod.Post, "/api/signups", $"198.51.100.{i + 20}"));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, ForwardedHeaderFixture.Limit).Append(HttpStatusCode.TooManyRequests), answers);
    }

    [Fact]
    public async Task ConsoleSignIn_FromOnePeer_IsThrottled_WhateverXForwardedForSays()
    {
        var client = fixture.CreateClient();
        var session = new PageSession(client);
        var form = await session.GetAsync("/organiser/sign-in");

        for (var attempt = 1; attempt <= ForwardedHeaderFixture.Limit; attempt++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{attempt + 40}");
            var wrong = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = $"guess-{attempt}" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        }

        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.49");
        var throttled = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
    }

    [Fact]
    public async Task XForwardedProto_IsNotBelieved_SoCookiesOverPlainHttpAreNotMarkedSecure()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "/signup", forwardedFor: null, forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("secure", ForwardedHeaderFixture.AntiforgeryCookie(response), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Under the Functions host: the one hop the host adds (from loopback) names the client; what the client sent before it does not.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class HostedForwardedHeaderTests(HostedForwardedHeaderTests.Fixture fixture) : IClassFixture<HostedForwardedHeaderTests.Fixture>
{
    public sealed class Fixture : ForwardedHeaderFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides =>
            new Dictionary<string, string?>(base.SettingOverrides) { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture) };
    }

    [Fact]
    public async Task TheHostsHop_NamesTheClient_SoEachClientHasItsOwnLimit()
    {
        var clients = await ForwardedHeaderFixture.OneMoreThanTheLimitAsync(i => fixture.SendAsync(HttpMethod.Post, "/api/signups", $"203.0.113.{i + 1}"));

        var one = await ForwardedHeaderFixture.OneMoreThanTheLimitAsync(i => fixture.SendAsync(HttpMethod.Post, "/api/signups", "203.0.113.10"));

        Assert.All(clients, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, ForwardedHeaderFixture.Limit).Append(HttpStatusCode.TooManyRequests), one);
    }

    [Fact]
    public async Task AddressesTheClientPutBeforeTheHostsHop_AreIgnored()
    {
        var answers = await ForwardedHeaderFixture.OneMoreThanTheLimitAsync(i => fixture.SendAsync(HttpMethod.Get, "/api/admin/summits", $"198.51.100.{i + 1}, 203.0.113.20", key: "guess-" + i));

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, ForwardedHeaderFixture.Limit).Append(HttpStatusCode.TooManyRequests), answers);
    }

    [Fact]
    public async Task TheHostsXForwardedProto_IsBelieved_SoCookiesAreMarkedSecure()
    {
        using var response = await fixture.SendAsync(HttpMethod.Get, "/signup", forwardedFor: "203.0.113.30", forwardedProto: "https");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("; secure", ForwardedHeaderFixture.AntiforgeryCookie(response), StringComparison.OrdinalIgnoreCase);
    }
}
