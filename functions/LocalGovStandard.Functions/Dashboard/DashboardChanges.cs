using System.Globalization;

namespace LocalGovStandard.Dashboard;

/// <summary>How the tables write a change since the baseline month: "+3", "−1", "0"; shares in percentage points.</summary>
public static class DashboardChanges
{
    public static string Count(int change) => change switch
    {
        > 0 => "+" + DashboardFormat.Count(change),
        < 0 => "−" + DashboardFormat.Count(-change),
        _ => "0",
    };

    public static string Points(double? now, double? before)
    {
        if (now is null || before is null)
        {
            return "–";
        }

        var points = Math.Round((now.Value - before.Value) * 100, 1);
        var text = Math.Abs(points).ToString("0.#", CultureInfo.InvariantCulture);
        return points switch
        {
            > 0 => $"+{text} pts",
            < 0 => $"−{text} pts",
            _ => "0 pts",
        };
    }
}
