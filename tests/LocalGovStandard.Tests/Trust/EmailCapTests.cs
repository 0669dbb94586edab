using LocalGovStandard.Platform.Email;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Trust;

/// <summary>However many clients ask, one address gets a capped number of links an hour, and a repeat sign-up keeps the latest details.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailCapTests(CappedEmailFixture fixture) : IClassFixture<CappedEmailFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task SignInLinks_AreCappedPerAddressPerHour_AndEachEarlierLinkStillWorks()
    {
        const string email = "capped@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);

        var links = new List<Uri>();
        for (var i = 0; i < CappedEmailFixture.Cap; i++)
        {
            links.Add(await AccessSteps.RequestLinkAsync(fixture, email));
        }

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, email));
        Assert.Equal(CappedEmailFixture.Cap, fixture.SendGrid.Accepted.Count(m => m.To == email && m.Subject.StartsWith("Sign in", StringComparison.Ordinal)));

        _clock.Advance(TimeSpan.FromMinutes(61));
        Assert.NotNull(await AccessSteps.RequestLinkAsync(fixture, email));
    }

    [Fact]
    public async Task VerificationLinks_AreCappedPerAddress_AndTheLinkConfirmsTheLatestDetails()
    {
        const string email = "repeat@leicester.gov.uk";
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Leicester, email, name: "First Name"));
        var first = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        for (var i = 0; i < CappedEmailFixture.Cap + 1; i++)
        {
            _clock.Advance(SignupServiceResend);
            await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Leicester, email, name: $"Latest Name {i}"));
        }

        Assert.Equal(CappedEmailFixture.Cap, fixture.SendGrid.Accepted.Count(m => m.To == email && m.Subject.StartsWith("Confirm your email", StringComparison.Ordinal)));

        // The first link was not cancelled by the later ones, and it confirms what was submitted last.
        await SignupSteps.ConfirmAsync(fixture, first);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Leicester, email));
        var contact = await TrustSteps.ContactAsync(fixture, TestRegister.Leicester, email);
        Assert.Equal($"Latest Name {CappedEmailFixture.Cap}", contact!["contactName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThePurge_KeepsThisHoursCount_AndDeletesItOnceTheHourIsADayOld()
    {
        const string email = "purged-count@camden.gov.uk";
        var quota = fixture.Service<AddressQuota>();
        await quota.PurgeAsync(CancellationToken.None); // earlier tests' counts: this test's clock starts months after them
        for (var i = 0; i < CappedEmailFixture.Cap; i++)
        {
            Assert.True(await quota.TryTakeAsync(QuotaKinds.SignIn, email, CancellationToken.None));
        }

        Assert.Equal(0, await quota.PurgeAsync(CancellationToken.None));
        Assert.False(await quota.TryTakeAsync(QuotaKinds.SignIn, email, CancellationToken.None));

        _clock.Advance(TimeSpan.FromHours(26));
        Assert.Equal(1, await quota.PurgeAsync(CancellationToken.None));
        Assert.Equal(0, await quota.PurgeAsync(CancellationToken.None));
    }

    private static readonly TimeSpan SignupServiceResend = TimeSpan.FromMinutes(2);
}
