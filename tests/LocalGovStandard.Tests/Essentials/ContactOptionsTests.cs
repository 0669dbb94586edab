using System.ComponentModel.DataAnnotations;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.Tests.Essentials;

public sealed class ContactOptionsTests
{
    [Fact]
    public void FeedbackLink_WhenUnset_IsAnEmailToTheContactAddress()
    {
        var options = new ServiceContactOptions { Email = "team@example.gov.uk" };

        Assert.StartsWith("mailto:team@example.gov.uk?subject=", options.FeedbackLink, StringComparison.Ordinal);
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/feedback")]
    [InlineData("not a url")]
    public void FeedbackUrl_ThatIsNotAnHttpsOrMailtoAddress_IsRefused(string url)
    {
        var problems = Problems(new ServiceContactOptions { FeedbackUrl = url });

        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(ServiceContactOptions.FeedbackUrl)));
    }

    [Fact]
    public void ContactEmail_ThatIsNotAnAddress_IsRefused() =>
        Assert.Contains(Problems(new ServiceContactOptions { Email = "nobody" }), p => p.MemberNames.Contains(nameof(ServiceContactOptions.Email)));

    private static List<ValidationResult> Problems(ServiceContactOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
