using System.Net;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Essentials;

/// <summary>
/// Every page route without parameters, from the app's own endpoint list, opened as a signed-in contact (or, under
/// /organiser, a signed-in organiser): each HTML answer's title is "Heading - Service name", as GOV.UK asks.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PageTitleTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    [Fact]
    public async Task EveryPageWithoutParameters_HasATitleThatNamesTheService()
    {
        const string email = "titles@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var contact = await PageSession.SignInAsync(fixture, email);
        var organiser = await ConsoleSteps.SignInAsync(fixture);

        var titled = new List<string>();
        foreach (var path in PageRoutesWithoutParameters(fixture.App.Services))
        {
            var session = path.StartsWith("/organiser", StringComparison.Ordinal) ? organiser : contact;
            var page = await OpenAsync(session, path);
            if (page.Response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var title = page.Document.Title ?? "";
            Assert.True(title.EndsWith(" - " + GovukPage.ServiceName, StringComparison.Ordinal) && title.Length > GovukPage.ServiceName.Length + 3,
                $"{path} ({(int)page.Status}) has the title '{title}'");
            titled.Add(path);
        }

        Assert.Superset(new HashSet<string> { "/", "/signup", "/accessibility", "/privacy", "/cookies", "/assessments", "/organiser", "/dashboard" }, titled.ToHashSet());
    }

    /// <summary>GET routes anyone can call (the pages check their own sessions), outside /api and the static files.</summary>
    private static IEnumerable<string> PageRoutesWithoutParameters(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpFunctionDeclaration>() is { AuthLevel: FunctionAuthLevel.Anonymous })
            .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false)
            .Select(endpoint => "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/'))
            .Where(path => !path.Contains('{', StringComparison.Ordinal) && !path.StartsWith("/api", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>Opens the page as a browser asks for it, following up to three redirects.</summary>
    private static async Task<HtmlPage> OpenAsync(PageSession session, string path)
    {
        for (var hops = 0; ; hops++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Accept.ParseAdd("text/html");
            var page = await HtmlPage.ReadAsync(await session.Client.SendAsync(request));
            if (page.Status is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || hops == 3 || page.Location is null)
            {
                return page;
            }

            path = page.Location;
        }
    }
}
