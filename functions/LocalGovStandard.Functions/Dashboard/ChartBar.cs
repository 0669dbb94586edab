namespace LocalGovStandard.Dashboard;

/// <summary>One bar of a server-rendered chart: its label, its length against the chart's maximum, and the text shown beside it.</summary>
/// <param name="Href">The link the bar is: the same view filtered to what the bar stands for ("?peerGroup=london...").</param>
/// <param name="LinkPurpose">Said to screen readers after the label: what following the link does.</param>
/// <param name="Before">The value at the comparison month, drawn as a marker; null for none.</param>
public sealed record ChartBar(string Label, double Value, string Text, string? Href = null, string? LinkPurpose = null, double? Before = null)
{
    /// <summary>The bar's length as a percentage of the track (SVG takes "37.5%"; the CSP forbids inline styles).</summary>
    public string Length(double max) => Percent(Value, max);

    /// <summary>Where the comparison marker goes; none for a value that was nothing (a mark at zero reads as a bar).</summary>
    public string? BeforeAt(double max) => Before is > 0 and var before ? Percent(before, max) : null;

    private static string Percent(double value, double max) =>
        (max <= 0 ? 0 : Math.Clamp(value / max, 0, 1) * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
