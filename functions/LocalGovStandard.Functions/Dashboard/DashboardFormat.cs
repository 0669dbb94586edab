using System.Globalization;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>How the dashboard writes figures: the page, the CSV and the tests read the same text.</summary>
public static class DashboardFormat
{
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? share) => share is { } value ? (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "No ratings";

    public static string Value(Headline headline) => headline.Kind == FigureKind.Share ? Percent(headline.Value) : Count(headline.Value);

    public static string Change(Headline headline, ReportMonth previous)
    {
        var since = $"since the end of {previous.DisplayName}";
        if (headline.Kind == FigureKind.Share)
        {
            var points = Math.Round(headline.Change * 100, 1);
            return points == 0 ? $"No change {since}" : $"{(points > 0 ? "Up" : "Down")} {Math.Abs(points).ToString("0.#", CultureInfo.InvariantCulture)} percentage points {since}";
        }

        return headline.Change == 0 ? $"No change {since}" : $"{(headline.Change > 0 ? "Up" : "Down")} {Count(Math.Abs(headline.Change))} {since}";
    }

    public static string HeatClass(double? rate) => rate switch
    {
        null => "app-heat--none",
        < 0.25 => "app-heat--low",
        < 0.5 => "app-heat--mid-low",
        < 0.75 => "app-heat--mid-high",
        _ => "app-heat--high",
    };
}
