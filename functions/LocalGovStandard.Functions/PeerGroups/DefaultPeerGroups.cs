namespace LocalGovStandard.PeerGroups;

/// <summary>The peer groups a new installation starts with; organisers change them afterwards.</summary>
public static class DefaultPeerGroups
{
    public static readonly IReadOnlyList<PeerGroupEntity> All =
    [
        Group("london", "London", "london"),
        Group("midlands", "Midlands", "east-midlands", "west-midlands"),
        Group("south", "South", "south-east", "south-west"),
        Group("yorkshire-and-humber", "Yorkshire and Humber", "yorkshire-and-the-humber"),
        Group("north-east", "North East", "north-east"),
        Group("north-west", "North West", "north-west"),
        Group("east-of-england", "East of England", "east-of-england"),
        Group("wales", "Wales", "wales"),
        Group("scotland", "Scotland", "scotland"),
        Group("northern-ireland", "Northern Ireland", "northern-ireland"),
    ];

    private static PeerGroupEntity Group(string slug, string name, params string[] regions) =>
        new() { RowKey = slug, Name = name, Regions = string.Join(',', regions) };
}
