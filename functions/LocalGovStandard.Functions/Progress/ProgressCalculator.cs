using LocalGovStandard.Assessments;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Progress;

/// <summary>
/// Works out a month's figures from a scope's activity. Every figure is "as at" an instant
/// (the end of a month), so the previous month and the trend use the same definitions.
/// Definitions are written out for readers on the workbook's About sheet.
/// </summary>
public sealed class ProgressCalculator(StandardCatalogue catalogue)
{
    public const int TrendMonths = 12;

    public ProgressReport Calculate(ProgressActivity activity, DateTimeOffset generatedAt)
    {
        var month = activity.Month;
        var councils = activity.Councils.OrderBy(c => c.OfficialName, StringComparer.OrdinalIgnoreCase).ToList();
        var facts = FactsOf(activity, councils, standardId: null);

        var counts = Enumerable.Range(0, TrendMonths).Select(i => month.AddMonths(i - TrendMonths + 1)).Select(m => Count(facts, m)).ToList();
        var current = CurrentAssessments(facts.Assessments, month.End);

        return new ProgressReport(
            activity.Scope,
            month,
            generatedAt,
            catalogue.Standards,
            HeadlineCatalogue.Measure(HeadlineCatalogue.Workbook, counts[^1].Totals, counts[^2].Totals),
            PointRates(current),
            CouncilRows(councils, facts, month.End),
            AssessmentRows(facts.Assessments, current, month),
            PointColumns(),
            PointResultRows(councils, current),
            ActionRows(councils, facts, month.End),
            counts.Select(TrendRowOf).ToList());
    }

    /// <summary>
    /// The counts behind one month's figures, optionally for one standard's assessments and actions
    /// only: what the dashboard's monthly snapshots store.
    /// </summary>
    public MonthCounts Measure(ProgressActivity activity, ReportMonth month, string? standardId)
    {
        var councils = activity.Councils.OrderBy(c => c.OfficialName, StringComparer.OrdinalIgnoreCase).ToList();
        var facts = FactsOf(activity, councils, standardId);
        var current = CurrentAssessments(facts.Assessments, month.End);
        return Count(facts, month) with
        {
            PointRates = PointRates(current).Where(r => standardId is null || r.Standard.Id == standardId).ToList(),
            Councils = CouncilRows(councils, facts, month.End),
            CouncilProgress = CouncilProgressOf(facts, current, month.End),
        };
    }

    /// <summary>Each council's current point ratings (passing or not) and open actions, for the councils with either.</summary>
    private List<CouncilProgress> CouncilProgressOf(Facts facts, IReadOnlyList<SubmittedAssessmentFact> current, DateTimeOffset end)
    {
        var ratings = current.SelectMany(a => catalogue.Find(a.StandardId) is { } standard
                ? a.PointRatings.Select(r => (a.GssCode, Standard: standard.Id, Point: r.Key, Rating: standard.Rating(r.Value)))
                : [])
            .Where(r => r.Rating is not null)
            .ToLookup(r => r.GssCode, StringComparer.Ordinal);
        var open = facts.Actions.Where(a => a.IsOpenAt(end, facts.SubmittedAtByReference)).ToLookup(a => a.GssCode, StringComparer.Ordinal);
        return ratings.Select(g => g.Key).Union(open.Select(g => g.Key), StringComparer.Ordinal).Select(gss =>
        {
            var points = ratings[gss].Select(r => (r.Standard, r.Point)).Union(open[gss].Select(a => (Standard: a.StandardId, Point: a.PointNumber)))
                .OrderBy(p => p.Standard, StringComparer.Ordinal).ThenBy(p => p.Point)
                .Select(p =>
                {
                    var rated = ratings[gss].Where(r => r.Standard == p.Standard && r.Point == p.Point).ToList();
                    var actions = open[gss].Where(a => a.StandardId == p.Standard && a.PointNumber == p.Point).ToList();
                    return new CouncilPointProgress(p.Standard, p.Point, rated.Count(r => r.Rating!.Passes), rated.Count(r => !r.Rating!.Passes),
                        actions.Count, actions.Count(a => a.DueAt < end));
                })
                .ToList();
            return new CouncilProgress(gss, open[gss].Count(), open[gss].Count(a => a.DueAt < end), points);
        }).ToList();
    }

    private static Facts FactsOf(ProgressActivity activity, List<Council> councils, string? standardId)
    {
        var inGroup = councils.Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
        return new Facts(
            councils.Count,
            activity.Signups.Where(s => inGroup.Contains(s.GssCode)).ToList(),
            activity.Contacts.Where(c => inGroup.Contains(c.GssCode)).ToList(),
            activity.Assessments.Where(a => inGroup.Contains(a.GssCode) && a.SubmittedAt < activity.Month.End && (standardId is null || a.StandardId == standardId))
                .OrderBy(a => a.SubmittedAt).ToList(),
            activity.Actions.Where(a => inGroup.Contains(a.GssCode) && (standardId is null || a.StandardId == standardId)).ToList());
    }

    private static TrendRow TrendRowOf(MonthCounts counts) =>
        new(
            counts.Month,
            counts.SignedUp,
            counts.WithVerifiedContact,
            HeadlineCatalogue.AssessedShare.ValueOf(counts.Totals) ?? 0,
            counts.SubmittedInMonth,
            counts.SubmittedToDate,
            HeadlineCatalogue.PointsPassing.ValueOf(counts.Totals),
            counts.ActionsOpen,
            counts.ActionsOverdue);

    private MonthCounts Count(Facts facts, ReportMonth month)
    {
        var end = month.End;
        var submitted = facts.Assessments.Where(a => a.SubmittedAt < end).ToList();
        var assessedCouncils = submitted.Select(a => a.GssCode).Distinct(StringComparer.Ordinal).Count();
        var (ratings, passing) = (0, 0);
        foreach (var assessment in CurrentAssessments(submitted, end))
        {
            var (rated, passed) = Count(assessment);
            ratings += rated;
            passing += passed;
        }

        var open = facts.Actions.Where(a => a.IsOpenAt(end, facts.SubmittedAtByReference)).ToList();
        return new MonthCounts(
            month,
            facts.CouncilCount,
            facts.Signups.Count(s => s.SignedUpAt < end),
            facts.Contacts.Where(c => c.VerifiedBefore(end)).Select(c => c.GssCode).Distinct(StringComparer.Ordinal).Count(),
            assessedCouncils,
            submitted.Count(a => month.Contains(a.SubmittedAt)),
            submitted.Count,
            ratings,
            passing,
            open.Count,
            open.Count(a => a.DueAt < end),
            [],
            []);
    }

    /// <summary>The assessments submitted before <paramref name="instant"/> that no reassessment submitted before it replaced.</summary>
    private static List<SubmittedAssessmentFact> CurrentAssessments(IEnumerable<SubmittedAssessmentFact> assessments, DateTimeOffset instant)
    {
        var submitted = assessments.Where(a => a.SubmittedAt < instant).ToList();
        var replaced = submitted.Where(a => a.PredecessorReference is not null)
            .Select(a => (a.GssCode, a.PredecessorReference!))
            .ToHashSet();
        return submitted.Where(a => !replaced.Contains((a.GssCode, a.Reference))).ToList();
    }

    private (int Rated, int Passing) Count(SubmittedAssessmentFact assessment)
    {
        var standard = catalogue.Find(assessment.StandardId);
        if (standard is null)
        {
            return (0, 0);
        }

        var rated = 0;
        var passing = 0;
        foreach (var (_, value) in assessment.PointRatings)
        {
            if (standard.Rating(value) is { } rating)
            {
                rated++;
                passing += rating.Passes ? 1 : 0;
            }
        }

        return (rated, passing);
    }

    private List<PointRate> PointRates(IReadOnlyList<SubmittedAssessmentFact> current) =>
        catalogue.Standards.SelectMany(standard => standard.Points.Select(point =>
        {
            var ratings = current.Where(a => a.StandardId == standard.Id)
                .Select(a => standard.Rating(a.PointRatings.GetValueOrDefault(point.Number)))
                .OfType<Rating>()
                .ToList();
            return new PointRate(standard, point, ratings.Count, ratings.Count(r => r.Passes));
        })).ToList();

    private static List<CouncilRow> CouncilRows(IReadOnlyList<Council> councils, Facts facts, DateTimeOffset end)
    {
        var signedUp = facts.Signups.Where(s => s.SignedUpAt < end).ToDictionary(s => s.GssCode, s => s.SignedUpAt, StringComparer.Ordinal);
        var contacts = facts.Contacts.Where(c => c.VerifiedBefore(end)).ToLookup(c => c.GssCode, StringComparer.Ordinal);
        var assessments = facts.Assessments.Where(a => a.SubmittedAt < end).CountBy(a => a.GssCode).ToDictionary(StringComparer.Ordinal);
        return councils.Select(council => new CouncilRow(
            council,
            signedUp.TryGetValue(council.GssCode, out var at) ? at : null,
            contacts[council.GssCode].Count(),
            assessments.GetValueOrDefault(council.GssCode),
            contacts[council.GssCode].Where(c => c.ConsentToContact).OrderBy(c => c.VerifiedAt).ToList(),
            contacts[council.GssCode].Count(c => c.ConsentToPublish))).ToList();
    }

    private List<AssessmentRow> AssessmentRows(IReadOnlyList<SubmittedAssessmentFact> assessments, IReadOnlyList<SubmittedAssessmentFact> current, ReportMonth month)
    {
        var isCurrent = current.Select(a => (a.GssCode, a.Reference)).ToHashSet();
        return assessments.Select(a =>
        {
            var (rated, passing) = Count(a);
            return new AssessmentRow(a, catalogue.Find(a.StandardId), passing, rated, month.Contains(a.SubmittedAt), isCurrent.Contains((a.GssCode, a.Reference)));
        }).ToList();
    }

    private List<PointColumn> PointColumns() =>
        catalogue.Standards.SelectMany(s => s.Points.Select(p => new PointColumn(s, p))).ToList();

    private List<PointResultRow> PointResultRows(IReadOnlyList<Council> councils, IReadOnlyList<SubmittedAssessmentFact> current)
    {
        var byCouncil = current.ToLookup(a => a.GssCode, StringComparer.Ordinal);
        return councils.Select(council =>
        {
            var own = byCouncil[council.GssCode].ToList();
            var counts = catalogue.Standards.Select(s => own.Count(a => a.StandardId == s.Id)).ToList();
            var rates = catalogue.Standards.SelectMany(standard => standard.Points.Select(point =>
            {
                var ratings = own.Where(a => a.StandardId == standard.Id)
                    .Select(a => standard.Rating(a.PointRatings.GetValueOrDefault(point.Number)))
                    .OfType<Rating>()
                    .ToList();
                return ratings.Count == 0 ? (double?)null : (double)ratings.Count(r => r.Passes) / ratings.Count;
            })).ToList();
            return new PointResultRow(council, counts, rates);
        }).ToList();
    }

    private List<ActionRow> ActionRows(IReadOnlyList<Council> councils, Facts facts, DateTimeOffset end)
    {
        var names = councils.ToDictionary(c => c.GssCode, c => c.OfficialName, StringComparer.Ordinal);
        return facts.Actions
            .Where(a => a.IsOpenAt(end, facts.SubmittedAtByReference))
            .OrderBy(a => a.DueAt).ThenBy(a => names[a.GssCode], StringComparer.OrdinalIgnoreCase).ThenBy(a => a.PointNumber)
            .Select(a => new ActionRow(a, names[a.GssCode], catalogue.Find(a.StandardId), a.DueAt < end,
                a.DueAt < end ? (int)Math.Floor((end - a.DueAt).TotalDays) : 0))
            .ToList();
    }

    private sealed class Facts(
        int councilCount,
        List<CouncilSignupFact> signups,
        List<ContactFact> contacts,
        List<SubmittedAssessmentFact> assessments,
        List<ActionFact> actions)
    {
        public int CouncilCount { get; } = councilCount;
        public List<CouncilSignupFact> Signups { get; } = signups;
        public List<ContactFact> Contacts { get; } = contacts;
        public List<SubmittedAssessmentFact> Assessments { get; } = assessments;
        public List<ActionFact> Actions { get; } = actions;

        public IReadOnlyDictionary<string, DateTimeOffset> SubmittedAtByReference { get; } =
            assessments.GroupBy(a => a.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(a => a.SubmittedAt), StringComparer.Ordinal);
    }
}
