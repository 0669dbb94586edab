using LocalGovStandard.Access;

namespace LocalGovStandard.Tests.Trust;

/// <summary>Which return addresses a contact's sign-in keeps: their own pages, and nothing that leaves the service.</summary>
public sealed class ContactReturnPathsTests
{
    [Theory]
    [InlineData("/assessments")]
    [InlineData("/assessments/assessor-profile")]
    [InlineData("/assessments/AB-123?tab=actions&published=PAR-7K2P")]
    [InlineData("/Assessments/assessor-profile")]
    [InlineData("/peer-groups/london/events/m-1")]
    public void TheirOwnPages_AreKept(string path) => Assert.Equal(path, ContactReturnPaths.Safe(path));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("assessments")]
    [InlineData("https://evil.example/assessments")]
    [InlineData("//evil.example/assessments")]
    [InlineData("/\\evil.example/assessments")]
    [InlineData("/assessments\\..\\..\\evil")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/assessments /x")]
    [InlineData("/assessmentsevil")]
    [InlineData("/assessments/start")]
    [InlineData("/assessments/start?returnUrl=/assessments")]
    [InlineData("/assessments/access?token=x")]
    [InlineData("/assessments/sign-out")]
    [InlineData("/assessments/Start")]
    [InlineData("/assessments/./start")]
    [InlineData("/assessments/%73tart")]
    [InlineData("/assessments/../organiser")]
    [InlineData("/peer-groups/%2e%2e/signup")]
    [InlineData("/assessments/é")]
    [InlineData("/assessments/x#top")]
    [InlineData("/organiser")]
    [InlineData("/signup")]
    public void AnythingElse_IsDropped(string? candidate) => Assert.Null(ContactReturnPaths.Safe(candidate));

    [Fact]
    public void AVeryLongPath_IsDropped() => Assert.Null(ContactReturnPaths.Safe("/assessments/" + new string('a', 200)));
}
