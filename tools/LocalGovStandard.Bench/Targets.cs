using System.Globalization;

namespace LocalGovStandard.Bench;

/// <summary>The issue's targets as ratios to a baseline from the same run, and how a figure fares against one.</summary>
internal static class Targets
{
    public static bool Met(double ratio, double limit) => ratio <= limit;

    public static string AtMost(double ratio, double limit) =>
        string.Create(CultureInfo.InvariantCulture, $"at most {limit:0.#}x: {(Met(ratio, limit) ? "met" : "**missed**")}");

    /// <summary>One console line: the figure, its baseline, the ratio and the verdict.</summary>
    public static string Line(string figure, double measured, double baseline, string unit, double limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"    target: {figure} {measured:N0} {unit} against {baseline:N0} {unit}, {measured / baseline:0.00}x, {AtMost(measured / baseline, limit).Replace("**", "", StringComparison.Ordinal)}");
}
