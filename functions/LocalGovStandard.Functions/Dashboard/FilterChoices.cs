using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Dashboard;

/// <summary>The options of the dashboard's filter form.</summary>
public sealed record FilterChoices(IReadOnlyList<Choice> PeerGroups, IReadOnlyList<Choice> Regions, IReadOnlyList<Choice> Standards, IReadOnlyList<Choice> Months)
{
    public static FilterChoices From(IReadOnlyList<PeerGroup> groups, StandardCatalogue catalogue, DateTimeOffset now) => new(
        groups.Select(g => new Choice(g.Slug, g.Name)).ToList(),
        Register.Regions.All.Select(r => new Choice(r.Slug, r.Name)).ToList(),
        catalogue.Standards.Select(s => new Choice(s.Id, $"{s.Name} ({s.Version})")).ToList(),
        SnapshotRefresher.Window(now).Select(m => new Choice(m.ToString(), m.DisplayName)).Reverse().ToList());
}
