using System.Globalization;
using LocalGovStandard.Assessments.Pages;

namespace LocalGovStandard.SupportNeeds;

/// <summary>The words and tints of the heat maps' cells: the text says it all, the tint (the dashboard's) only repeats it.</summary>
public static class NeedCells
{
    public static string SupportClass(string? support) => support switch
    {
        "a-lot" => "app-heat--low",
        "some" => "app-heat--mid-high",
        "none" => "app-heat--high",
        _ => "app-heat--none",
    };

    /// <summary>A group's cell: tinted by the share of its answering councils that need support with the point.</summary>
    public static string TallyClass(PointTally tally) => tally.Answered == 0
        ? "app-heat--none"
        : ((double)tally.NeedingSupport / tally.Answered) switch
        {
            >= 0.75 => "app-heat--low",
            >= 0.5 => "app-heat--mid-low",
            >= 0.25 => "app-heat--mid-high",
            _ => "app-heat--high",
        };

    public static string SupportLabel(string? support) => SupportNeedScales.FindSupport(support)?.Label ?? "Not answered";

    public static string UnderstandingLabel(string? understanding) => SupportNeedScales.FindUnderstanding(understanding)?.Label ?? "Not answered";

    /// <summary>"3 of 5": how many of the answering councils need some or a lot of support.</summary>
    public static string Tally(PointTally tally) => tally.Answered == 0
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{tally.NeedingSupport} of {tally.Answered}");

    public static string Date(DateTimeOffset at) => AssessmentText.Date(at);
}
