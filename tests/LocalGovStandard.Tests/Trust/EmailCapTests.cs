using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>However many clients ask, one address gets a capped number of links an hour, and a repeat sign-up keeps the latest details.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailCapTests(CappedEmailFixture fixture) : IClassFixture<CappedEmailFixture>
{
    [Fact]
    public async Task SignInLinks_AreCappedPerAddressPerHour_AndEachEarlierLinkStillWorks()
    {
        const string email = "capped@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);
        StartOfAnHour();

        var links = new List<Uri>();
        for (var i = 0; i < CappedEmailFixture.Cap; i++)
        {
            links.Add(await AccessSteps.RequestLinkAsync(fixture, email));
        }

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, email));
        Assert.Equal(CappedEmailFixture.Cap, fixture.SendGrid.Accepted.Count(m => m.To == email && m.Subject.StartsWith("Sign in", StringComparison.Ordinal)));

        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.NotNull(await AccessSteps.RequestLinkAsync(fixture, email));
    }

    [Fact]
    public async Task VerificationLinks_AreCappedPerAddress_AndTheLinkConfirmsTheLatestDetails()
    {
        const string email = "repeat@leicester.gov.uk";
        var client = fixture.CreateClient();
        StartOfAnHour();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Leicester, email, name: "First Name"));
        var first = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        for (var i = 0; i < CappedEmailFixture.Cap + 1; i++)
        {
            fixture.Clock.Advance(SignupServiceResend);
            await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Leicester, email, name: $"Latest Name {i}"));
        }

        Assert.Equal(CappedEmailFixture.Cap, fixture.SendGrid.Accepted.Count(m => m.To == email && m.Subject.StartsWith("Confirm your email", StringComparison.Ordinal)));

        // The first link was not cancelled by the later ones, and it confirms what was submitted last.
        await SignupSteps.ConfirmAsync(fixture, first);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Leicester, email));
        var contact = await TrustSteps.ContactAsync(fixture, TestRegister.Leicester, email);
        Assert.Equal($"Latest Name {CappedEmailFixture.Cap}", contact!["contactName"]!.GetValue<string>());
    }

    private static readonly TimeSpan SignupServiceResend = TimeSpan.FromMinutes(2);

    /// <summary>The caps count per clock hour: start just after one begins, so a test's few minutes stay inside it.</summary>
    private void StartOfAnHour()
    {
        var now = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerHour) + TimeSpan.FromSeconds(1));
    }
}
