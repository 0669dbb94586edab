using LocalGovStandard.Register;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// A council's status on the map. The public view cannot tell "not signed up" from "signed up but not listed"
/// (<see cref="NotListed"/>): telling them apart would name the councils that did not agree to be listed.
/// </summary>
public enum CouncilStatus
{
    NotSignedUp,
    NotListed,
    SignedUp,
    Assessed,
    ActionsOverdue,
}

public static class CouncilStatuses
{
    public static string Label(CouncilStatus status) => status switch
    {
        CouncilStatus.NotSignedUp => "Not signed up",
        CouncilStatus.NotListed => "Not signed up, or not listed",
        CouncilStatus.SignedUp => "Signed up, no assessment yet",
        CouncilStatus.Assessed => "Assessed",
        CouncilStatus.ActionsOverdue => "Assessed, with actions overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The key's words for the status, beside its swatch.</summary>
    public static string Description(CouncilStatus status) => status switch
    {
        CouncilStatus.NotSignedUp => "plain grey",
        CouncilStatus.NotListed => "plain grey: not signed up, or signed up without agreeing to be named",
        CouncilStatus.SignedUp => "blue stripes",
        CouncilStatus.Assessed => "solid green",
        CouncilStatus.ActionsOverdue => "red with white cross-hatching",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>The SVG fill: a pattern for each status, so the map does not rely on colour alone.</summary>
    public static string Fill(CouncilStatus status) => status switch
    {
        CouncilStatus.NotSignedUp or CouncilStatus.NotListed => "#b1b4b6",
        CouncilStatus.SignedUp => "url(#app-map-signed-up)",
        CouncilStatus.Assessed => "#00703c",
        CouncilStatus.ActionsOverdue => "url(#app-map-overdue)",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static CouncilStatus Of(SnapshotCouncil council) =>
        council.SignedUpAt is null ? CouncilStatus.NotSignedUp
        : council.ActionsOverdue > 0 ? CouncilStatus.ActionsOverdue
        : council.AssessmentsSubmitted > 0 ? CouncilStatus.Assessed
        : CouncilStatus.SignedUp;
}

/// <summary>One council on the map and in its table. <see cref="Name"/> and <see cref="Code"/> are null when the view may not name it.</summary>
/// <param name="Published">It has a public council page (its contacts agreed to it being listed).</param>
public sealed record MapCouncil(string? Code, string? Name, Region Region, CouncilStatus Status, bool Published, Hex? Hex)
{
    public bool Named => Name is not null;
}

/// <summary>The councils in a view's scope, with their status, for the map and the table beside it.</summary>
/// <param name="Background">The other districts of the regions in scope, with no council in the register: drawn as outlines, so the map has its shape.</param>
public sealed record CouncilMap(IReadOnlyList<MapCouncil> Councils, bool Organiser, IReadOnlyList<Hex> Background)
{
    public static readonly CouncilMap Empty = new([], false, []);

    public IReadOnlyList<CouncilStatus> Statuses => Organiser
        ? [CouncilStatus.NotSignedUp, CouncilStatus.SignedUp, CouncilStatus.Assessed, CouncilStatus.ActionsOverdue]
        : [CouncilStatus.NotListed, CouncilStatus.SignedUp, CouncilStatus.Assessed, CouncilStatus.ActionsOverdue];

    public IReadOnlyList<MapCouncil> Named => Councils.Where(c => c.Named).ToList();

    public int Unnamed => Councils.Count(c => !c.Named);

    public IReadOnlyList<MapCouncil> OnTheMap => Councils.Where(c => c.Hex is not null).ToList();

    public IReadOnlyList<MapCouncil> NamedOffTheMap => Councils.Where(c => c.Hex is null && c.Named).ToList();

    public int UnnamedOffTheMap => Councils.Count(c => c.Hex is null && !c.Named);

    public int CountOf(CouncilStatus status) => Councils.Count(c => c.Status == status);

    /// <summary>
    /// The councils of the snapshot rows in scope. The public view names, and gives a true status to, only
    /// listed councils; every other council is there unnamed, as "not signed up, or not listed".
    /// </summary>
    /// <param name="regionOf">The region of each council of a council-list group's rows, whose key is not a region.</param>
    public static CouncilMap Of(IEnumerable<MonthlySnapshotEntity> regionRows, bool organiser, HexMap hexes, IReadOnlyDictionary<string, Region>? regionOf = null)
    {
        var rows = regionRows.ToList();
        var councils = rows
            .SelectMany(row => row.CouncilDetail.Select(council =>
                (Region: Regions.FromSlug(row.Region) ?? regionOf?.GetValueOrDefault(council.GssCode) ?? Regions.Unassigned, Council: council)))
            .Select(x => organiser || x.Council.Listed
                ? new MapCouncil(x.Council.GssCode, x.Council.Name, x.Region, CouncilStatuses.Of(x.Council), x.Council.Listed, hexes.Find(x.Council.GssCode))
                : new MapCouncil(null, null, x.Region, CouncilStatus.NotListed, false, hexes.Find(x.Council.GssCode) is { } hex ? hex with { Code = "", Name = "" } : null))
            .OrderBy(c => c.Name is null)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var drawn = rows.SelectMany(r => r.CouncilDetail).Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
        var background = hexes.InRegions(councils.Select(c => c.Region.Slug).Concat(rows.Select(r => r.Region)).Distinct())
            .Where(h => !drawn.Contains(h.Code))
            .Select(h => h with { Code = "", Name = "" })
            .ToList();
        return new CouncilMap(councils, organiser, background);
    }
}
