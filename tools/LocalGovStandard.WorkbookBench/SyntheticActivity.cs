using LocalGovStandard.Assessments;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.WorkbookBench;

/// <summary>
/// National-scale activity made up in memory, the same every run (fixed seed): every council signed
/// up with two consenting contacts, N assessments each over the two years to the report month (every
/// third one a reassessment of the one before), and an action for every failing point, half of them done.
/// </summary>
public static class SyntheticActivity
{
    /// <summary>Doubling copies every council (same region, new codes), so each group's data doubles.</summary>
    public static List<Council> Scale(IReadOnlyList<Council> councils, int scale) =>
        Enumerable.Range(0, scale).SelectMany(copy => councils.Select(c => copy == 0 ? c : c with
        {
            LocalAuthorityCode = $"{c.LocalAuthorityCode}{copy}",
            GssCode = $"{c.GssCode}-{copy}",
            OfficialName = $"{c.OfficialName} ({copy + 1})",
        })).ToList();

    public static IReadOnlyList<ProgressActivity> For(
        IReadOnlyList<Council> councils, IReadOnlyList<PeerGroup> groups, StandardCatalogue catalogue, ReportMonth month, int assessmentsPerCouncil)
    {
        var random = new Random(20261101);
        var signups = new List<CouncilSignupFact>();
        var contacts = new List<ContactFact>();
        var assessments = new List<SubmittedAssessmentFact>();
        var actions = new List<ActionFact>();
        var window = (month.End - month.Start.AddMonths(-24)).TotalMinutes;

        foreach (var council in councils)
        {
            var signedUp = month.Start.AddMonths(-24).AddMinutes(random.NextDouble() * window);
            signups.Add(new CouncilSignupFact(council.GssCode, signedUp));
            contacts.Add(new ContactFact(council.GssCode, $"Lead of {council.NiceName}", $"lead@{council.LocalAuthorityCode.ToLowerInvariant()}.gov.uk", true, true, signedUp));
            contacts.Add(new ContactFact(council.GssCode, $"Deputy of {council.NiceName}", $"deputy@{council.LocalAuthorityCode.ToLowerInvariant()}.gov.uk", random.Next(2) == 0, true, signedUp.AddDays(3)));

            var times = Enumerable.Range(0, assessmentsPerCouncil)
                .Select(_ => month.Start.AddMonths(-24).AddMinutes(random.NextDouble() * window))
                .Order()
                .ToList();
            SubmittedAssessmentFact? previous = null;
            for (var i = 0; i < times.Count; i++)
            {
                var reassessment = previous is not null && i % 3 == 2;
                var standard = reassessment ? catalogue.Find(previous!.StandardId)! : catalogue.Standards[random.Next(catalogue.Standards.Count)];
                var ratings = standard.Points.ToDictionary(
                    p => p.Number,
                    p => random.NextDouble() < 0.7 ? standard.Scale.Ratings.First(r => r.Passes).Value : standard.Scale.Ratings[^1].Value);
                var reference = $"ASM-{council.LocalAuthorityCode}-{i:D3}";
                var overall = standard.OverallResult(ratings.Values, null);
                var assessment = new SubmittedAssessmentFact(council.GssCode, reference, council.OfficialName, $"Service {i} of {council.NiceName}",
                    "live", i % 2 == 0 ? "self" : "peer", standard.Id, overall.Value, overall.Passes, ratings, times[i], reassessment ? previous!.Reference : null);
                assessments.Add(assessment);
                foreach (var point in standard.Points.Where(p => standard.Rating(ratings[p.Number])?.Passes == false))
                {
                    var done = random.Next(2) == 0;
                    actions.Add(new ActionFact(council.GssCode, reference, assessment.ServiceName, standard.Id, point.Number, point.Title, ratings[point.Number],
                        done ? ActionEntity.Done : ActionEntity.Open, times[i], times[i].AddMonths(3), done ? times[i].AddDays(30) : null, null, null, null, null));
                }

                previous = assessment;
            }
        }

        return groups.Select(group =>
        {
            var regions = group.Regions.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
            var own = councils.Where(c => regions.Contains(c.Region.Slug)).ToList();
            var codes = own.Select(c => c.GssCode).ToHashSet(StringComparer.Ordinal);
            return new ProgressActivity(new PeerGroupScope(group), month, own,
                signups.Where(s => codes.Contains(s.GssCode)).ToList(),
                contacts.Where(c => codes.Contains(c.GssCode)).ToList(),
                assessments.Where(a => codes.Contains(a.GssCode)).ToList(),
                actions.Where(a => codes.Contains(a.GssCode)).ToList());
        }).ToList();
    }
}
