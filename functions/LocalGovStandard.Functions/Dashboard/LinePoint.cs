using System.Globalization;

namespace LocalGovStandard.Dashboard;

/// <summary>One point of a line chart: its tick label, its value and the text shown above it.</summary>
public sealed record LinePoint(string Label, double Value, string Text);

/// <summary>
/// Where a line chart puts things: x as a percentage of the chart's width (SVG lays out "40%" against the drawn width,
/// so the chart takes the page's width while its text stays at its font size), y in pixels from the top.
/// </summary>
public sealed record LineScale(int Count, double Max, int Top, int Bottom)
{
    private const double Left = 8, Right = 92;

    public string X(int index) => Format(Count <= 1 ? 50 : Left + (Right - Left) * index / (Count - 1)) + "%";

    public string Y(double value) => Format(Bottom - (Max <= 0 ? 0 : Math.Clamp(value / Max, 0, 1)) * (Bottom - Top));

    public bool NearTop(double value) => Max > 0 && (Bottom - Top) * (1 - Math.Clamp(value / Max, 0, 1)) < 30;

    /// <summary>Which ticks a narrow screen hides: it keeps every third, counted back from the last.</summary>
    public bool IsMinor(int index) => (Count - 1 - index) % 3 != 0;

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
