using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Tests.Platform;

/// <summary>UK clock time as councils read and type it: GMT in winter, BST in summer, the two changes each year.</summary>
public sealed class UkTimeTests
{
    [Fact]
    public void EveryHalfHour_From2000To2050_MatchesTheHostsEuropeLondonZone()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var mismatches = new List<string>();
        for (var instant = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); instant.Year < 2050; instant = instant.AddMinutes(30))
        {
            var ours = UkTime.ToUk(instant);
            var theirs = TimeZoneInfo.ConvertTime(instant, london);
            if (ours.Offset != theirs.Offset || ours.DateTime != theirs.DateTime)
            {
                mismatches.Add($"{instant:O}: {ours:O} against {theirs:O}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(10)));
    }

    [Theory]
    [InlineData("2027-03-28T00:59:00Z", "2027-03-28T00:59:00+00:00")] // GMT until 1am on the last Sunday of March
    [InlineData("2027-03-28T01:00:00Z", "2027-03-28T02:00:00+01:00")]
    [InlineData("2027-10-31T00:59:00Z", "2027-10-31T01:59:00+01:00")] // BST until 1am UTC on the last Sunday of October
    [InlineData("2027-10-31T01:00:00Z", "2027-10-31T01:00:00+00:00")]
    public void ToUk_ChangesAtOneInTheMorningUtc(string instant, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), UkTime.ToUk(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void FromUkClock_ReadsWinterAndSummerTimes_RefusesTheSkippedHour_AndTakesBstInTheRepeatedOne()
    {
        Assert.Equal(new DateTimeOffset(2027, 1, 12, 9, 30, 0, TimeSpan.Zero), UkTime.FromUkClock(new DateTime(2027, 1, 12, 9, 30, 0)));
        Assert.Equal(new DateTimeOffset(2027, 6, 10, 8, 30, 0, TimeSpan.Zero), UkTime.FromUkClock(new DateTime(2027, 6, 10, 9, 30, 0))!.Value.ToUniversalTime());
        Assert.Null(UkTime.FromUkClock(new DateTime(2027, 3, 28, 1, 30, 0)));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), UkTime.FromUkClock(new DateTime(2027, 10, 31, 1, 30, 0))!.Value.ToUniversalTime());
    }

    [Theory]
    [InlineData("2027-01-12T09:30:00Z", "9:30am UK time on 12 January 2027")]
    [InlineData("2027-06-10T08:30:00Z", "9:30am UK time on 10 June 2027")]
    [InlineData("2027-06-10T23:15:00Z", "12:15am UK time on 11 June 2027")]
    [InlineData("2027-11-02T17:05:00+00:00", "5:05pm UK time on 2 November 2027")]
    public void EmailDates_ShowUkTimeInGovukStyle(string instant, string expected) =>
        Assert.Equal(expected, EmailDates.Format(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2027-03-04T09:30:00Z", "2027-03-04T16:30:00Z", "9:30am to 4:30pm UK time on 4 March 2027")]
    [InlineData("2027-06-10T08:30:00Z", "2027-06-10T15:30:00Z", "9:30am to 4:30pm UK time on 10 June 2027")]
    [InlineData("2027-06-10T17:00:00Z", "2027-06-11T08:00:00Z", "6:00pm UK time on 10 June 2027 to 9:00am UK time on 11 June 2027")]
    public void EmailDates_GiveAnEventsDayOnce_UnlessItRunsIntoAnother(string start, string end, string expected) =>
        Assert.Equal(expected, EmailDates.Span(
            DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
}
