using LocalGovStandard.Platform;

namespace LocalGovStandard.Tests.Platform;

/// <summary>Pages and emails state the configured lifetimes in words, so changing a setting changes the text.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData("3.00:00:00", "72 hours")]
    [InlineData("30.00:00:00", "30 days")]
    [InlineData("01:00:00", "1 hour")]
    [InlineData("00:30:00", "30 minutes")]
    [InlineData("01:30:00", "90 minutes")]
    [InlineData("00:01:00", "1 minute")]
    public void Describe_UsesTheLargestWholeUnit(string span, string expected) =>
        Assert.Equal(expected, Durations.Describe(TimeSpan.Parse(span, System.Globalization.CultureInfo.InvariantCulture)));
}
