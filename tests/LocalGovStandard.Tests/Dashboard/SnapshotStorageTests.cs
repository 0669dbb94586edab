using Azure.Data.Tables;
using LocalGovStandard.Dashboard;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>A snapshot row (in a month no view shows) stores a whole region's or peer group's council detail, even past four Table columns of 32K characters.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SnapshotStorageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task APeerGroupOfAThousandCouncils_RoundTripsThroughTableStorage()
    {
        var region = Regions.All[0];
        var rows = Enumerable.Range(0, 1000).Select(i => new CouncilRow(
            new Council($"C{i:D4}", $"E0{i:D7}", $"Council number {i} of a very large made-up region", $"Council {i}", "England", region, "Unitary authority", null, true),
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i), i % 3, i % 5, [], i % 2)).ToList();
        var counts = new MonthCounts(new ReportMonth(2000, 1), rows.Count, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], rows);
        var entity = MonthlySnapshotEntity.From(region.Slug, MonthlySnapshotEntity.AllStandards, counts, new DateTimeOffset(2000, 2, 1, 6, 0, 0, TimeSpan.Zero));
        Assert.NotNull(entity.CouncilsJson5); // the detail really is spread over more than four columns

        var table = new TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("MonthlySnapshots");
        await table.UpsertEntityAsync(entity);
        var stored = (await table.GetEntityAsync<MonthlySnapshotEntity>(entity.PartitionKey, entity.RowKey)).Value;

        Assert.Equal(rows.Select(SnapshotCouncil.From), stored.CouncilDetail);
        await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
    }
}
