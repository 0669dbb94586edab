namespace LocalGovStandard.Standards;

/// <summary>
/// A versioned standard: its points, the scale they are rated on, and the assessor roles a peer-assessment panel for
/// it needs (the first is the lead). Loaded from Standards/Data/*.json.
/// </summary>
public sealed record Standard(string Id, string Name, string Version, string Summary, RatingScale Scale, IReadOnlyList<StandardPoint> Points, IReadOnlyList<AssessorRole> AssessorRoles)
{
    public AssessorRole LeadRole => AssessorRoles[0];

    public AssessorRole? AssessorRole(string? id) => AssessorRoles.FirstOrDefault(r => r.Id == id);

    public StandardPoint? Point(int number) => Points.FirstOrDefault(p => p.Number == number);

    public Rating? Rating(string? value) => Scale.Ratings.FirstOrDefault(r => r.Value == value);

    public Rating? OverallRating(string? value) => Scale.OverallRatings.FirstOrDefault(r => r.Value == value);

    /// <summary>
    /// The overall result from the point ratings. "all-points-pass": the best overall rating only when
    /// every point passes, else the first failing one. "panel-choice-default-worst": the panel's
    /// choice, or the worst point rating when the panel made none.
    /// </summary>
    public Rating OverallResult(IEnumerable<string> pointRatings, string? panelChoice)
    {
        var ratings = pointRatings.Select(value => Rating(value) ?? throw new ArgumentException($"'{value}' is not on the {Id} scale.")).ToList();
        return Scale.Overall switch
        {
            RatingScale.AllPointsPass => ratings.All(r => r.Passes)
                ? Scale.OverallRatings.First(r => r.Passes)
                : Scale.OverallRatings.First(r => !r.Passes),
            RatingScale.PanelChoiceDefaultWorst => OverallRating(panelChoice)
                ?? OverallRating(ratings.OrderBy(r => Scale.Ratings.IndexOf(r)).Last().Value)!,
            _ => throw new InvalidOperationException($"Unknown overall rule '{Scale.Overall}'."),
        };
    }
}

public sealed record StandardPoint(int Number, string Title, string Description);

/// <summary>A role on a peer-assessment panel ("lead-assessor", "user-research" ...), named by the standard that needs it.</summary>
public sealed record AssessorRole(string Id, string Label);

/// <param name="Ratings">Best first, worst last.</param>
public sealed record RatingScale(IReadOnlyList<Rating> Ratings, string Overall, IReadOnlyList<Rating> OverallRatings)
{
    public const string AllPointsPass = "all-points-pass";
    public const string PanelChoiceDefaultWorst = "panel-choice-default-worst";

    public bool PanelChoosesOverall => Overall == PanelChoiceDefaultWorst;
}

/// <param name="Passes">False for ratings that raise an action (not met, amber, red).</param>
public sealed record Rating(string Value, string Label, bool Passes);

/// <summary>What each point of one standard means against another's points.</summary>
public sealed record StandardMapping(string From, string To, string Note, IReadOnlyDictionary<string, int[]> Points);

file static class ListExtensions
{
    public static int IndexOf<T>(this IReadOnlyList<T> list, T item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (Equals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}
