namespace LocalGovStandard.Register;

public sealed record Region(string Slug, string Name);

/// <summary>The 9 English regions plus Wales, Scotland and Northern Ireland: the partitions of council facts.</summary>
public static class Regions
{
    public static readonly IReadOnlyList<Region> All =
    [
        new("north-east", "North East"),
        new("north-west", "North West"),
        new("yorkshire-and-the-humber", "Yorkshire and The Humber"),
        new("east-midlands", "East Midlands"),
        new("west-midlands", "West Midlands"),
        new("east-of-england", "East of England"),
        new("london", "London"),
        new("south-east", "South East"),
        new("south-west", "South West"),
        new("wales", "Wales"),
        new("scotland", "Scotland"),
        new("northern-ireland", "Northern Ireland"),
    ];

    /// <summary>Ended authorities the register lists with no region; they are kept, but cannot sign up.</summary>
    public static readonly Region Unassigned = new("unassigned", "No region");

    public static IEnumerable<Region> AllPartitions => All.Append(Unassigned);

    public static Region? FromName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static Region? FromSlug(string slug) =>
        AllPartitions.FirstOrDefault(r => string.Equals(r.Slug, slug, StringComparison.Ordinal));
}
