using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Tests.Dashboard;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Progress;

/// <summary>The read model's three queries (a region, a peer group, a list of councils) over the dashboard's seeded history in Azurite.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ProgressLoaderTests(DashboardFixture fixture)
{
    private DashboardSeed Seed => fixture.Seed;

    private ProgressLoader Loader => fixture.Service<ProgressLoader>();

    private ReportMonth Month => ReportMonth.Of(Seed.T);

    [Fact]
    public async Task ARegion_GivesItsCouncilsAndTheirActivity_AndNoOtherRegions()
    {
        var activity = await Loader.ForRegionAsync(Regions.FromSlug("london")!, Month, CancellationToken.None);

        Assert.Equal(new RegionScope(Regions.FromSlug("london")!), activity.Scope);
        Assert.Equal(Gss(TestRegister.Westminster, TestRegister.Camden), Codes(activity.Councils.Select(c => c.GssCode)));
        AssertActivityOf(activity, Gss(TestRegister.Westminster, TestRegister.Camden));
    }

    [Fact]
    public async Task APeerGroup_GivesEveryOneOfItsRegions()
    {
        var midlands = (await fixture.Service<PeerGroupStore>().AllAsync(CancellationToken.None)).Single(g => g.Slug == "midlands");
        var activity = await Loader.ForPeerGroupAsync(midlands, Month, CancellationToken.None);

        Assert.Equal("midlands", activity.Scope.Slug);
        Assert.Equal(Gss(TestRegister.Birmingham, TestRegister.Leicester), Codes(activity.Councils.Select(c => c.GssCode)));
        AssertActivityOf(activity, Gss(TestRegister.Birmingham, TestRegister.Leicester));
    }

    [Fact]
    public async Task ACouncilList_GivesOnlyTheListedCouncils_AcrossRegions_LeavingOutCodesTheRegisterDoesNotKnow()
    {
        // Westminster shares London's partitions with Camden, whose activity must not count; NIR-A cannot sign up.
        var list = new CouncilListGroup("summit-2026", "Summit 2026", [TestRegister.Westminster.GssCode, TestRegister.Cardiff.GssCode, "E99999999", "NIR-A"]);
        var activity = await Loader.ForCouncilListAsync(list, Month, CancellationToken.None);

        Assert.Equal(("summit-2026", "Summit 2026"), (activity.Scope.Slug, activity.Scope.Name));
        Assert.Equal(["london", "wales"], activity.Scope.Regions.Select(r => r.Slug).Order());
        var listed = Gss(TestRegister.Westminster, TestRegister.Cardiff);
        Assert.Equal(listed, Codes(activity.Councils.Select(c => c.GssCode)));
        AssertActivityOf(activity, listed);

        var counts = fixture.Service<ProgressCalculator>().Measure(activity, Month, standardId: null);
        Assert.Equal((2, 2, 2, 2), (counts.CouncilCount, counts.SignedUp, counts.WithVerifiedContact, counts.Assessed));
        Assert.Equal(Seed.Actions.Count(a => a.Gss == TestRegister.Westminster.GssCode && a.Status == "open"), counts.ActionsOpen);
    }

    private void AssertActivityOf(ProgressActivity activity, IReadOnlyList<string> councils)
    {
        Assert.Equal(Codes(Seed.Signups.Where(s => councils.Contains(s.Gss)).Select(s => s.Gss)), Codes(activity.Signups.Select(s => s.GssCode)));
        Assert.Equal(Codes(Seed.Contacts.Where(c => councils.Contains(c.Gss)).Select(c => c.Email)), Codes(activity.Contacts.Select(c => c.Email)));
        Assert.Equal(Codes(Seed.Assessments.Where(a => councils.Contains(a.Gss)).Select(a => a.Reference)), Codes(activity.Assessments.Select(a => a.Reference)));
        Assert.Equal(
            Codes(Seed.Actions.Where(a => councils.Contains(a.Gss)).Select(a => $"{a.Reference}|{a.Point}")),
            Codes(activity.Actions.Select(a => $"{a.AssessmentReference}|{a.PointNumber}")));
    }

    private static List<string> Gss(params TestCouncil[] councils) => Codes(councils.Select(c => c.GssCode));

    private static List<string> Codes(IEnumerable<string> codes) => codes.Order(StringComparer.Ordinal).ToList();
}
