using System.Globalization;
using System.Text.Json;

namespace LocalGovStandard.Dashboard;

/// <summary>One local authority district's hexagon: column <see cref="Q"/> and row <see cref="R"/> (rows count up to the north).</summary>
public sealed record Hex(string Code, string Name, int Q, int R, string RegionCode = "");

/// <summary>
/// The UK's local authority districts as a hexagon cartogram: Open Innovations' (ODI Leeds) hexmaps,
/// <c>uk-local-authority-districts-2023.hexjson</c>, MIT licence (see Map/README.md), embedded in the assembly.
/// The layout is "odd-r": pointy-topped hexagons, odd rows shifted half a hexagon east.
/// County councils are not districts, so they have no hexagon.
/// </summary>
public sealed class HexMap
{
    public const string ResourceName = "LocalGovStandard.Dashboard.Map.uk-local-authority-districts-2023.hexjson";

    private static readonly Lazy<HexMap> Districts = new(() => Load(ResourceName));

    private readonly IReadOnlyDictionary<string, Hex> _hexes;

    private HexMap(IReadOnlyDictionary<string, Hex> hexes) => _hexes = hexes;

    public static HexMap LocalAuthorityDistricts => Districts.Value;

    public int Count => _hexes.Count;

    public Hex? Find(string gssCode) => _hexes.GetValueOrDefault(gssCode);

    /// <summary>Every district in these regions (by our region slugs), to draw the map's shape around the councils.</summary>
    public IReadOnlyList<Hex> InRegions(IEnumerable<string> regionSlugs)
    {
        var codes = regionSlugs.Select(slug => RegionCodes.GetValueOrDefault(slug)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return _hexes.Values.Where(h => codes.Contains(h.RegionCode)).ToList();
    }

    /// <summary>The map's region codes (ONS codes of the English regions and the three nations), by our region slugs.</summary>
    private static readonly IReadOnlyDictionary<string, string> RegionCodes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["north-east"] = "E12000001",
        ["north-west"] = "E12000002",
        ["yorkshire-and-the-humber"] = "E12000003",
        ["east-midlands"] = "E12000004",
        ["west-midlands"] = "E12000005",
        ["east-of-england"] = "E12000006",
        ["london"] = "E12000007",
        ["south-east"] = "E12000008",
        ["south-west"] = "E12000009",
        ["wales"] = "W92000004",
        ["scotland"] = "S92000003",
        ["northern-ireland"] = "N92000002",
    };

    /// <summary>A hexagon's centre in map units (a hexagon is √3 wide and 2 high), with y growing southwards as in SVG.</summary>
    public static (double X, double Y) Centre(Hex hex) => (Math.Sqrt(3) * (hex.Q + ((hex.R & 1) == 1 ? 0.5 : 0)), -1.5 * hex.R);

    /// <summary>The SVG path of a hexagon of circumradius <paramref name="radius"/> centred at (x, y).</summary>
    public static string Path(double x, double y, double radius)
    {
        var half = Math.Sqrt(3) / 2 * radius;
        static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        return $"M{N(x)} {N(y - radius)}L{N(x + half)} {N(y - radius / 2)}L{N(x + half)} {N(y + radius / 2)}L{N(x)} {N(y + radius)}L{N(x - half)} {N(y + radius / 2)}L{N(x - half)} {N(y - radius / 2)}Z";
    }

    private static HexMap Load(string resource)
    {
        using var stream = typeof(HexMap).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The hexagon map {resource} is not embedded in the assembly.");
        using var document = JsonDocument.Parse(stream);
        if (document.RootElement.GetProperty("layout").GetString() != "odd-r")
        {
            throw new InvalidOperationException($"The hexagon map {resource} must use the odd-r layout.");
        }

        var hexes = document.RootElement.GetProperty("hexes").EnumerateObject()
            .ToDictionary(
                h => h.Name,
                h => new Hex(h.Name, h.Value.GetProperty("n").GetString() ?? h.Name, h.Value.GetProperty("q").GetInt32(), h.Value.GetProperty("r").GetInt32(),
                    h.Value.TryGetProperty("region", out var region) ? region.GetString() ?? "" : ""),
                StringComparer.Ordinal);
        return new HexMap(hexes);
    }
}
