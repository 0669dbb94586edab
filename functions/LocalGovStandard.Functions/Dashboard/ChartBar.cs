namespace LocalGovStandard.Dashboard;

/// <summary>One bar of a server-rendered chart: its label, its length against the chart's maximum, and the text shown beside it.</summary>
public sealed record ChartBar(string Label, double Value, string Text)
{
    public static string Shorten(string label, int length) => label.Length <= length ? label : label[..(length - 1)] + "…";
}
