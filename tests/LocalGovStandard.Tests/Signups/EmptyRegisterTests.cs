using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Signups;

/// <summary>A new installation, before an organiser imports the council register: the sign-up page says why nobody can sign up yet.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmptyRegisterTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task SignupPage_WithNoRegister_ExplainsWhy_AndPointsToTheImport_InsteadOfAnEmptyForm()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/signup");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("the list of councils has not been set up", page.Element("#register-empty")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/organiser/register", page.Element("#register-empty a")!.GetAttribute("href"));
        Assert.Null(page.Element("form[action='/signup']"));
    }
}
