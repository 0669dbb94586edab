using LocalGovStandard.Progress;
using LocalGovStandard.Reports;

namespace LocalGovStandard.Tests.Reports;

/// <summary>The headline lines in a lead's monthly email: a share of nothing rated is "no ratings", not 0.0%.</summary>
public sealed class ReportEmailLineTests
{
    private const string Label = "Share of points met or green";

    [Fact]
    public void AShareOfNothingRated_SaysNoRatings_WithoutAChange()
    {
        var headline = new Headline("pass-share", Label, FigureKind.Share, 0, 0.4, Absent: HeadlineCatalogue.NoRatings);

        Assert.Equal($"{Label}: no ratings", ReportEmail.Line(headline));
    }

    [Fact]
    public void AShareWhenTheMonthBeforeHadNoRatings_GivesTheShare_AndSaysSoInsteadOfAChange()
    {
        var headline = new Headline("pass-share", Label, FigureKind.Share, 0.25, 0, PreviousAbsent: HeadlineCatalogue.NoRatings);

        Assert.Equal($"{Label}: 25.0% (no ratings the month before)", ReportEmail.Line(headline));
    }

    [Fact]
    public void AShareInBothMonths_GivesTheChangeInPercentagePoints()
    {
        var headline = new Headline("pass-share", Label, FigureKind.Share, 0.5, 0.25);

        Assert.Equal($"{Label}: 50.0% (+25.0 percentage points)", ReportEmail.Line(headline));
    }
}
