namespace LocalGovStandard.Register;

/// <summary>
/// Which of the UK regions share a border, as data: a panel proposal prefers assessors from next door when its own
/// peer group has none. Northern Ireland has no land border with another region; Scotland, across the North Channel,
/// is counted as its neighbour so it has one. The relation is symmetric (a test checks it).
/// </summary>
public static class RegionNeighbours
{
    private static readonly Dictionary<string, string[]> Borders = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["north-east"] = ["north-west", "yorkshire-and-the-humber", "scotland"],
        ["north-west"] = ["north-east", "yorkshire-and-the-humber", "east-midlands", "west-midlands", "wales", "scotland"],
        ["yorkshire-and-the-humber"] = ["north-east", "north-west", "east-midlands"],
        ["east-midlands"] = ["north-west", "yorkshire-and-the-humber", "west-midlands", "east-of-england", "south-east"],
        ["west-midlands"] = ["north-west", "east-midlands", "south-east", "south-west", "wales"],
        ["east-of-england"] = ["east-midlands", "london", "south-east"],
        ["london"] = ["east-of-england", "south-east"],
        ["south-east"] = ["east-midlands", "west-midlands", "east-of-england", "london", "south-west"],
        ["south-west"] = ["west-midlands", "south-east", "wales"],
        ["wales"] = ["north-west", "west-midlands", "south-west"],
        ["scotland"] = ["north-east", "north-west", "northern-ireland"],
        ["northern-ireland"] = ["scotland"],
    };

    public static IReadOnlyList<string> Of(string regionSlug) => Borders.TryGetValue(regionSlug, out var next) ? next : [];

    public static bool AreNeighbours(string a, string b) => Of(a).Contains(b, StringComparer.Ordinal);
}
