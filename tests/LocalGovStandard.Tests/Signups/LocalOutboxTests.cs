using System.Net;
using LocalGovStandard.DevOutbox;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Signups;

/// <summary>Without a SendGrid key (the local default), mail is written to the outbox folder and listed on a development page.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class LocalOutboxTests(LocalOutboxTests.Fixture fixture) : IClassFixture<LocalOutboxTests.Fixture>
{
    public sealed class Fixture : RegisteredServiceFixture
    {
        public string OutboxFolder { get; } = Directory.CreateTempSubdirectory("outbox-").FullName;

        protected override string EnvironmentName => "Development";

        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "",
            ["LocalOutbox:Path"] = OutboxFolder,
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Directory.Delete(OutboxFolder, recursive: true);
        }
    }

    [Fact]
    public async Task Signup_WritesTheVerificationEmailAsAnEmlFile_ListedOnTheOutboxPage_WithAWorkingLink()
    {
        var client = fixture.CreateClient();
        var (response, body) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Cardiff, "outbox@cardiff.gov.wales", name: "Siân Jones"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Empty(fixture.SendGrid.Requests); // also waits until the queued email has been delivered, to the outbox here
        var message = Assert.Single(OutboxReader.List(fixture.OutboxFolder), m => m.To.Contains("outbox@cardiff.gov.wales", StringComparison.Ordinal));
        Assert.Equal("Siân Jones <outbox@cardiff.gov.wales>", message.To);
        Assert.Contains("Confirm your email address", message.Subject, StringComparison.Ordinal);
        var raw = await File.ReadAllTextAsync(Path.Combine(fixture.OutboxFolder, message.FileName));
        Assert.Contains("MIME-Version: 1.0", raw, StringComparison.Ordinal);
        Assert.Contains("From: \"LocalGov Digital Service Standard\" <standard@localgov.digital>", raw, StringComparison.Ordinal);

        var page = await client.GetStringAsync(new Uri("/dev/outbox", UriKind.Relative));
        Assert.Contains(message.Subject, page, StringComparison.Ordinal);
        var link = System.Text.RegularExpressions.Regex.Match(page, "href=\"http://localhost(/signup/verify\\?token=[^\"]+)\"").Groups[1].Value;
        var verified = await EmailedLinkSteps.OpenAndPressAsync(client, new Uri(WebUtility.HtmlDecode(link), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, verified.Status);
        Assert.Equal("Email address confirmed", verified.Heading);
    }

    [Fact]
    public async Task ErasingAContact_RemovesTheirEmailsFromTheOutbox_AndLeavesOthersMail()
    {
        const string erased = "erase.me@cardiff.gov.wales", colleague = "stays@cardiff.gov.wales";
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Cardiff, erased, name: "Owain Glyndŵr"));
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Cardiff, colleague));
        // The emails go through the queue, so they reach the outbox a moment after the sign-ups answer.
        await Eventually.TrueAsync(
            () => new[] { erased, colleague }.All(address => OutboxReader.List(fixture.OutboxFolder).Any(m => m.To.Contains(address, StringComparison.Ordinal))),
            "both sign-ups' emails in the outbox");
        var theirs = OutboxReader.List(fixture.OutboxFolder).Where(m => m.To.Contains(erased, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(theirs);
        var reference = SignupSteps.ReferenceIn(theirs[0].TextBody);

        using var response = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Cardiff.GssCode}/{reference}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var left = OutboxReader.List(fixture.OutboxFolder);
        Assert.DoesNotContain(left, m => m.To.Contains(erased, StringComparison.OrdinalIgnoreCase) || m.TextBody.Contains(erased, StringComparison.OrdinalIgnoreCase));
        Assert.All(theirs, m => Assert.False(File.Exists(Path.Combine(fixture.OutboxFolder, m.FileName)), m.FileName));
        Assert.Contains(left, m => m.To.Contains(colleague, StringComparison.Ordinal));
        var page = await client.GetStringAsync(new Uri("/dev/outbox", UriKind.Relative));
        Assert.DoesNotContain(erased, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Owain", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task OutboxPage_IsNotMappedOutsideDevelopment(string environment)
    {
        var response = await new ServiceFixtureWithoutDevelopment(environment).RunAsync();

        Assert.Equal(HttpStatusCode.NotFound, response);
    }

    /// <summary>
    /// Development comes only from the environment: a launch profile that set it would win over
    /// <c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c> and map the outbox in production.
    /// </summary>
    [Fact]
    public void TheLaunchProfile_LeavesTheEnvironmentToTheCaller()
    {
        var launchSettings = Path.Combine(RepositoryPaths.Root, "functions", "LocalGovStandard.Functions", "Properties", "launchSettings.json");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(launchSettings));

        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
        {
            var variables = profile.Value.TryGetProperty("environmentVariables", out var found) ? found.EnumerateObject().Select(v => v.Name) : [];
            Assert.DoesNotContain(variables, name => name is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT");
        }
    }

    private sealed class ServiceFixtureWithoutDevelopment(string environment) : ServiceFixture
    {
        protected override string EnvironmentName => environment;

        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "" };

        public async Task<HttpStatusCode> RunAsync()
        {
            await InitializeAsync();
            try
            {
                return (await CreateClient().GetAsync(new Uri("/dev/outbox", UriKind.Relative))).StatusCode;
            }
            finally
            {
                await DisposeAsync();
            }
        }
    }
}
