using System.Text.Json;

namespace LocalGovStandard.Standards;

/// <summary>
/// Every standard and mapping shipped in Standards/Data. Adding a standard or a version is adding a
/// file: nothing in code names them. Files are checked at startup, so a broken one stops the app
/// with a message that names it rather than failing later.
/// </summary>
public sealed class StandardCatalogue
{
    public StandardCatalogue(IReadOnlyList<Standard> standards, IReadOnlyList<StandardMapping> mappings)
    {
        Standards = standards;
        Mappings = mappings;
        Validate();
    }

    public IReadOnlyList<Standard> Standards { get; }

    public IReadOnlyList<StandardMapping> Mappings { get; }

    public Standard? Find(string? id) => Standards.FirstOrDefault(s => s.Id == id);

    public static StandardCatalogue LoadFrom(string directory)
    {
        var standards = new List<Standard>();
        var mappings = new List<StandardMapping>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            try
            {
                if (document.RootElement.TryGetProperty("from", out _))
                {
                    mappings.Add(document.RootElement.Deserialize<StandardMapping>(JsonSerializerOptions.Web)!);
                }
                else
                {
                    standards.Add(document.RootElement.Deserialize<Standard>(JsonSerializerOptions.Web)!);
                }
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException($"Standard file {Path.GetFileName(path)} is not valid: {exception.Message}", exception);
            }
        }

        return new StandardCatalogue(standards, mappings);
    }

    /// <summary>The Service Standard points an older assessment's point informs, via the mapping files.</summary>
    public IReadOnlyList<(string StandardId, StandardPoint Point)> MapPoint(string fromStandard, int pointNumber) =>
        Mappings.Where(m => m.From == fromStandard)
            .SelectMany(m => (m.Points.TryGetValue(pointNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), out var targets) ? targets : [])
                .Select(n => (m.To, Find(m.To)!.Point(n)!)))
            .ToList();

    private void Validate()
    {
        var duplicate = Standards.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Standard id '{duplicate.Key}' is defined twice.");
        }

        foreach (var standard in Standards)
        {
            Require(standard.Points.Select(p => p.Number).SequenceEqual(Enumerable.Range(1, standard.Points.Count)), standard, "points must be numbered 1, 2, 3 ... in order");
            Require(standard.Points.All(p => p.Title.Length > 0 && p.Description.Length > 0), standard, "every point needs a title and a description");
            Require(standard.Scale.Ratings.Count >= 2, standard, "the scale needs at least two ratings");
            Require(standard.Scale.Ratings.Any(r => r.Passes) && standard.Scale.Ratings.Any(r => !r.Passes), standard, "the scale needs a passing and a failing rating");
            Require(standard.Scale.Overall is RatingScale.AllPointsPass or RatingScale.PanelChoiceDefaultWorst, standard, $"overall must be '{RatingScale.AllPointsPass}' or '{RatingScale.PanelChoiceDefaultWorst}'");
            Require(standard.Scale.OverallRatings.Any(r => r.Passes) && standard.Scale.OverallRatings.Any(r => !r.Passes), standard, "overallRatings need a passing and a failing rating");
            Require(standard.AssessorRoles is [{ Id: "lead-assessor" }, _, ..], standard, "assessorRoles must start with 'lead-assessor' and name at least one other role");
            Require(standard.AssessorRoles.DistinctBy(r => r.Id).Count() == standard.AssessorRoles.Count && standard.AssessorRoles.All(r => r.Id.Length > 0 && r.Label.Length > 0), standard, "assessorRoles need distinct ids and labels");
            Require(!standard.Scale.PanelChoosesOverall || standard.Scale.Ratings.All(r => standard.OverallRating(r.Value) is not null), standard, "with a panel choice, every point rating must also be an overall rating");
        }

        foreach (var mapping in Mappings)
        {
            var from = Find(mapping.From) ?? throw new InvalidOperationException($"Mapping from unknown standard '{mapping.From}'.");
            var to = Find(mapping.To) ?? throw new InvalidOperationException($"Mapping to unknown standard '{mapping.To}'.");
            foreach (var (point, targets) in mapping.Points)
            {
                if (!int.TryParse(point, out var number) || from.Point(number) is null || targets.Any(t => to.Point(t) is null))
                {
                    throw new InvalidOperationException($"Mapping {mapping.From} -> {mapping.To}: point {point} refers to a point that does not exist.");
                }
            }
        }
    }

    private static void Require(bool condition, Standard standard, string rule)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Standard '{standard.Id}' is not valid: {rule}.");
        }
    }
}
