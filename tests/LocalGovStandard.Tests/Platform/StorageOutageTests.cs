using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class HealthTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Health_WhileStorageAnswers_Is200()
    {
        var response = await fixture.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body!["status"]!.GetValue<string>());
    }
}

/// <summary>Storage goes away: the service says so clearly (503, Retry-After, a reference) and never leaks internals.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StorageOutageTests(StorageOutageTests.Fixture fixture) : IClassFixture<StorageOutageTests.Fixture>
{
    public sealed class Fixture : RegisteredServiceFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var warmUp = await CreateClient().GetAsync(new Uri("/signup", UriKind.Relative));
            await Storage.StopAsync();
        }
    }

    [Fact]
    public async Task Health_WhileStorageIsDown_Is503ProblemWithRetryAfter()
    {
        var response = await fixture.CreateClient().GetAsync(new Uri("/api/health", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(503, problem!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Signup_WhileStorageIsDown_Is503WithReferenceAndRetryAfter_AndNoInternals()
    {
        var response = await fixture.CreateClient().PostAsJsonAsync("/api/signups", SignupSteps.Body(TestRegister.Westminster, "outage@westminster.gov.uk"));
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.StartsWith("ERR-", problem["reference"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Try again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPage_WhileStorageIsDown_IsAGovukErrorPageWithAReference()
    {
        var token = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            System.Text.Encoding.UTF8.GetBytes($"london\nE09000033|0123456789abcdef\n{new string('s', 43)}"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/signup/verify?token=" + token);
        request.Headers.Accept.ParseAdd("text/html");
        var response = await fixture.CreateClient().SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("govuk-heading-l", page, StringComparison.Ordinal);
        Assert.Contains("Reference: <strong>ERR-", page, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", page, StringComparison.Ordinal);
    }
}
