using System.Net;
using System.Text;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>Each client gets a few requests per window on the public routes, and a few wrong organiser keys; then 429 with Retry-After.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    public const int Limit = 3;

    private const string ReadKey = "test-read-key-for-throttling";

    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:RateLimits:PublicFormsPermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LocalGovStandard:RateLimits:AdminKeyFailuresPermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LocalGovStandard:ReadKey"] = ReadKey,
        };
    }

    public static TheoryData<string, string, int> PublicRoutes => new()
    {
        { "POST", "/api/signups", 11 },
        { "POST", "/signup", 12 },
        { "GET", "/signup/verify?token=abc", 13 },
        { "POST", "/assessments/start", 14 },
        { "GET", "/assessments/access?token=abc", 15 },
        { "POST", "/api/access/token", 16 },
        { "GET", "/summit/rsvp?token=abc", 17 },
        { "POST", "/summit/rsvp", 18 },
        { "POST", "/summit/unsubscribe?token=abc", 19 },
        { "POST", "/signup/verify", 20 },
        { "POST", "/assessments/access", 21 },
        { "GET", "/events/rsvp?token=abc", 22 },
        { "POST", "/events/rsvp", 23 },
        { "POST", "/events/unsubscribe?token=abc", 24 },
        { "GET", "/summit/unsubscribe?token=abc", 25 },
    };

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task PublicRoute_OverTheLimit_Is429WithRetryAfter(string method, string path, int client)
    {
        for (var i = 0; i < Limit; i++)
        {
            var allowed = await SendFromAsync(client, method, path);
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, allowed.Response.StatusCode);
        }

        var refused = await SendFromAsync(client, method, path);
        var other = await SendFromAsync(client + 100, method, path);

        Assert.Equal(StatusCodes.Status429TooManyRequests, refused.Response.StatusCode);
        Assert.True(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("too many requests", await ReadAsync(refused), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, other.Response.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongAdminKeys_AreThrottled_ButTheRightKeyFromAnotherClientStillWorks()
    {
        var answers = new List<int>();
        for (var i = 0; i < Limit + 2; i++)
        {
            answers.Add((await SendFromAsync(40, "GET", "/api/admin/summits", key: "guess-" + i)).Response.StatusCode);
        }

        var throttled = await SendFromAsync(40, "GET", "/api/admin/summits", key: "guess-last");
        var organiser = await SendFromAsync(41, "GET", "/api/admin/summits", key: ServiceFixture.AdminKey);

        Assert.Equal(Enumerable.Repeat(401, Limit).Concat([429, 429]), answers);
        Assert.False(string.IsNullOrEmpty(throttled.Response.Headers.RetryAfter.ToString()));
        Assert.Equal(StatusCodes.Status200OK, organiser.Response.StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongReadKeys_AreThrottledLikeWrongOrganiserKeys_ButTheRightKeyFromAnotherClientStillWorks()
    {
        var answers = new List<int>();
        for (var i = 0; i < Limit + 2; i++)
        {
            answers.Add((await SendFromAsync(60, "GET", "/odata?key=guess-" + i)).Response.StatusCode);
        }

        var throttled = await SendFromAsync(60, "GET", "/odata?key=guess-last");
        var analyst = await SendFromAsync(61, "GET", "/odata?key=" + ReadKey);

        Assert.Equal(Enumerable.Repeat(401, Limit).Concat([429, 429]), answers);
        Assert.Equal(StatusCodes.Status429TooManyRequests, throttled.Response.StatusCode);
        Assert.True(int.Parse(throttled.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("too many requests", await ReadAsync(throttled), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusCodes.Status200OK, analyst.Response.StatusCode);
    }

    private Task<HttpContext> SendFromAsync(int client, string method, string path, string? key = null) =>
        fixture.App.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse($"203.0.113.{client}");
            context.Request.Method = method;
            var query = path.IndexOf('?', StringComparison.Ordinal);
            context.Request.Path = query < 0 ? path : path[..query];
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
            if (key is not null)
            {
                context.Request.Headers["x-functions-key"] = key;
            }

            if (method == "POST")
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("{}"));
            }
        });

    private static async Task<string> ReadAsync(HttpContext context)
    {
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
