using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Reporting;

/// <summary>
/// A scope's peer-assessment figures at one instant: requests made, held and outstanding, the outcomes, the median
/// days from request to assessment, and each council's load (assessments its assessors gave against those it received).
/// </summary>
/// <param name="Rows">The scope's councils' requests made by then, oldest first.</param>
public sealed record PeerAssessmentFigures(
    DateTimeOffset AsOf,
    int Requested,
    int Held,
    int Outstanding,
    IReadOnlyList<OutcomeCount> Outcomes,
    double? MedianDaysToAssessment,
    IReadOnlyList<CouncilLoad> Load,
    IReadOnlyList<PeerAssessmentFact> Rows)
{
    /// <summary>Councils whose assessors sat on at least one panel whose report was published.</summary>
    public int CouncilsGivingBack => Load.Count(l => l.GivesBack);

    /// <summary>
    /// The figures for the councils <paramref name="inScope"/> picks (by GSS code and region). A seat counts for its
    /// assessor's council wherever the assessed council is, once the panel's report is published and only if the member
    /// accepted; a request counts for the council that made it.
    /// </summary>
    public static PeerAssessmentFigures Of(IReadOnlyList<PeerAssessmentFact> all, Func<string, string, bool> inScope, DateTimeOffset asOf)
    {
        var rows = all.Where(f => f.RequestedAt < asOf && inScope(f.GssCode, f.Region))
            .OrderBy(f => f.RequestedAt).ThenBy(f => f.Reference, StringComparer.Ordinal).ToList();
        var held = rows.Where(f => f.HeldBy(asOf)).ToList();
        var outcomes = rows.Where(f => f.PublishedBy(asOf) && f.Outcome is not null)
            .GroupBy(f => (f.StandardId, f.Outcome))
            .Select(g => new OutcomeCount(g.Key.StandardId, g.First().Standard, g.Key.Outcome!, g.First().OutcomeLabel ?? g.Key.Outcome!, g.Count()))
            .OrderBy(o => o.StandardId, StringComparer.Ordinal).ThenBy(o => o.OutcomeOrder).ThenBy(o => o.Outcome, StringComparer.Ordinal)
            .ToList();
        return new PeerAssessmentFigures(asOf, rows.Count, held.Count, rows.Count - held.Count, outcomes,
            Median(held.Select(f => f.DaysToAssessment).OfType<int>().ToList()), LoadOf(all, held, inScope, asOf), rows);
    }

    private static List<CouncilLoad> LoadOf(IReadOnlyList<PeerAssessmentFact> all, List<PeerAssessmentFact> heldInScope, Func<string, string, bool> inScope, DateTimeOffset asOf)
    {
        var given = all.Where(f => f.PublishedBy(asOf)).SelectMany(f => f.Seats).Where(s => inScope(s.CouncilCode, s.Region)).ToList();
        var councils = given.Select(s => (Code: s.CouncilCode, Name: s.CouncilName, s.Region))
            .Concat(heldInScope.Select(f => (Code: f.GssCode, Name: f.CouncilName, f.Region)))
            .DistinctBy(c => c.Code, StringComparer.Ordinal);
        return councils.Select(c => new CouncilLoad(c.Code, c.Name, c.Region,
                given.Count(s => s.CouncilCode == c.Code),
                heldInScope.Count(f => f.GssCode == c.Code)))
            .OrderBy(l => l.CouncilName, StringComparer.Ordinal).ThenBy(l => l.CouncilCode, StringComparer.Ordinal)
            .ToList();
    }

    private static double? Median(List<int> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
    }
}

/// <summary>How many published reports of one standard had one outcome.</summary>
public sealed record OutcomeCount(string StandardId, Standard? Standard, string Outcome, string OutcomeLabel, int Count)
{
    /// <summary>The outcome's place in the standard's <c>overallRatings</c> (passing first, as the standard lists them).</summary>
    public int OutcomeOrder => Standard?.Scale.OverallRatings.ToList().FindIndex(r => r.Value == Outcome) is { } index and >= 0 ? index : int.MaxValue;
}

/// <summary>
/// One council's part in peer assessment: <paramref name="Given"/> seats its assessors accepted on panels whose report was published,
/// <paramref name="Received"/> assessments of its own services held.
/// </summary>
public sealed record CouncilLoad(string CouncilCode, string CouncilName, string Region, int Given, int Received)
{
    /// <summary>Its assessors sat on at least one panel whose report was published.</summary>
    public bool GivesBack => Given > 0;
}
