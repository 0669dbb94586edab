using System.Net.Http.Json;
using LocalGovStandard.Progress;
using LocalGovStandard.Reports;
using LocalGovStandard.Events;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>
/// Every kind of signed link taken to every other kind's route: each answers 4xx (a page or
/// ProblemDetails), never a 500, and does nothing. The tokens are made the way the app makes them.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TokenPurposeTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private const string Email = "token.purpose@camden.gov.uk";

    public static TheoryData<string, string> CrossUses()
    {
        var kinds = new[] { "access", "rsvp", "unsubscribe", "download" };
        var data = new TheoryData<string, string>();
        foreach (var kind in kinds)
        {
            foreach (var route in Routes.Keys.Where(route => !route.StartsWith(kind, StringComparison.Ordinal)))
            {
                data.Add(kind, route);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<HttpClient, string, Task<HttpResponseMessage>>> Routes = new()
    {
        ["access page"] = (client, token) => client.GetAsync(new Uri("/assessments/access?token=" + Uri.EscapeDataString(token), UriKind.Relative)),
        ["access api"] = (client, token) => client.PostAsJsonAsync(new Uri("/api/access/token", UriKind.Relative), new { token }),
        ["rsvp"] = (client, token) => client.GetAsync(new Uri("/events/rsvp?token=" + Uri.EscapeDataString(token), UriKind.Relative)),
        ["unsubscribe page"] = (client, token) => client.GetAsync(new Uri("/events/unsubscribe?token=" + Uri.EscapeDataString(token), UriKind.Relative)),
        ["unsubscribe one-click"] = (client, token) => client.PostAsync(
            new Uri("/events/unsubscribe?token=" + Uri.EscapeDataString(token), UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })),
        ["download"] = (client, token) => client.GetAsync(new Uri("/reports/download?token=" + Uri.EscapeDataString(token), UriKind.Relative)),
    };

    [Theory]
    [MemberData(nameof(CrossUses))]
    public async Task ATokenOfAnotherKind_IsRefusedWith4xx_AndChangesNothing(string kind, string route)
    {
        var token = await TokenAsync(kind);
        var suppressed = await fixture.Service<SuppressionList>().AllAsync(CancellationToken.None);

        using var response = await Routes[route](fixture.CreateClient(), token);

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{kind} token at {route}: {status} {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Content.Headers.ContentType?.MediaType is "text/html" or "application/problem+json", $"{kind} token at {route}: {response.Content.Headers.ContentType}");
        Assert.Equal(suppressed, await fixture.Service<SuppressionList>().AllAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("access", "access page")]
    [InlineData("unsubscribe", "unsubscribe page")]
    [InlineData("download", "download")]
    public async Task ATokenOfItsOwnKind_IsNotRefusedAsInvalid(string kind, string route)
    {
        // The summit and the month behind these tokens do not exist, so past the token check they may still be 4xx; never "not valid".
        using var response = await Routes[route](fixture.CreateClient(), await TokenAsync(kind));

        Assert.DoesNotContain("not valid", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnRsvpToken_ReadsAsAnRsvp()
    {
        // Its summit does not exist, so its page says the link is not valid; the token itself is sound.
        Assert.Equal("purpose-invitation", fixture.Service<EventLinks>().ReadRsvp(await TokenAsync("rsvp"))?.InvitationId);
    }

    private async Task<string> TokenAsync(string kind)
    {
        var summit = new EventEntity { SummitId = "purpose-summit", EndsAt = fixture.Clock.GetUtcNow().AddDays(30) };
        var invitation = new InvitationEntity { InvitationId = "purpose-invitation", ContactKey = "purpose-contact" };
        var link = kind switch
        {
            "access" => await AccessLinkAsync(),
            "rsvp" => fixture.Service<EventLinks>().Rsvp(summit, invitation),
            "unsubscribe" => fixture.Service<EventLinks>().Unsubscribe(summit, invitation),
            _ => fixture.Service<ReportDownloadLinks>().Create(ReportMonth.Of(fixture.Clock.GetUtcNow()), "london").Link,
        };
        return Uri.UnescapeDataString(AccessSteps.TokenOf(link));
    }

    private async Task<Uri> AccessLinkAsync()
    {
        if (!fixture.SendGrid.Accepted.Any(m => m.To == Email))
        {
            await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, Email);
        }

        return await AccessSteps.RequestLinkAsync(fixture, Email);
    }
}
