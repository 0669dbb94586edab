using System.Globalization;

namespace LocalGovStandard.Dashboard;

/// <summary>Where each council on the map is drawn: its hexagon's SVG path, and the view box that fits the councils in scope.</summary>
/// <param name="Outlines">Districts with no council in the register: outlines only.</param>
public sealed record MapDrawing(string ViewBox, int Width, int Height, IReadOnlyList<(MapCouncil Council, string Path)> Shapes, IReadOnlyList<string> Outlines)
{
    /// <summary>The widest the map is drawn, in CSS pixels; it shrinks with the page (the SVG scales to its box).</summary>
    public const int MaxWidth = 640;

    private const double Radius = 1;
    private const double Margin = 1.2;

    public static MapDrawing Of(CouncilMap map)
    {
        var placed = map.OnTheMap.Select(c => (Council: c, Centre: HexMap.Centre(c.Hex!))).ToList();
        if (placed.Count == 0)
        {
            return new MapDrawing("0 0 1 1", 1, 1, [], []);
        }

        var outlines = map.Background.Select(HexMap.Centre).ToList();
        var all = placed.Select(p => p.Centre).Concat(outlines).ToList();
        var (minX, maxX) = (all.Min(p => p.X) - Margin, all.Max(p => p.X) + Margin);
        var (minY, maxY) = (all.Min(p => p.Y) - Margin, all.Max(p => p.Y) + Margin);
        var (width, height) = (maxX - minX, maxY - minY);

        // A hexagon is drawn at most 40 px wide: a small scope (one region) is zoomed in, but not to a giant's scale.
        var scale = Math.Min(MaxWidth / width, 40 / Math.Sqrt(3));
        static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return new MapDrawing(
            $"{N(minX)} {N(minY)} {N(width)} {N(height)}",
            (int)Math.Ceiling(width * scale),
            (int)Math.Ceiling(height * scale),
            placed.Select(p => (p.Council, HexMap.Path(p.Centre.X, p.Centre.Y, Radius * 0.96))).ToList(),
            outlines.Select(c => HexMap.Path(c.X, c.Y, Radius * 0.9)).ToList());
    }
}
