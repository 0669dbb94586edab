using System.Reflection;
using System.Text.RegularExpressions;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Privacy;

/// <summary>Export and erasure reach personal data only through registered holders: no table, container or queue may be left out.</summary>
public sealed class PersonalDataCoverageTests
{
    private static readonly List<Type> Holders = typeof(IPersonalDataHolder).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPersonalDataHolder).IsAssignableFrom(t))
        .ToList();

    [Fact]
    public void EveryTableBlobContainerAndQueue_IsHeldByAHolder_OrDeclaredFreeOfPersonalData_AndNotBoth()
    {
        var held = Holders.SelectMany(t => t.GetCustomAttribute<HoldsPersonalDataAttribute>()!.Stores).ToList();
        var free = StoresWithoutPersonalData.Reasons.Keys.ToList();
        string[] stores = [.. TableNames.All, .. BlobContainerNames.All, EmailQueueOptions.QueueName, EmailQueueOptions.PoisonQueueName];

        Assert.Empty(stores.Except(held).Except(free));
        Assert.Empty(held.Intersect(free));
        Assert.Empty(held.Concat(free).Except(stores));
        Assert.Equal(held.Count, held.Distinct().Count());
        Assert.All(StoresWithoutPersonalData.Reasons.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    [Fact]
    public void EveryHolder_SaysWhatItHolds_AndIsRegistered()
    {
        Assert.True(Holders.Count >= 8, $"Only {Holders.Count} holders found: {string.Join(", ", Holders.Select(h => h.Name))}");
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "functions", "LocalGovStandard.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        var registered = sources.SelectMany(s => Regex.Matches(s, @"AddPersonalDataHolder<(\w+)>\(\)").Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        Assert.All(Holders, holder =>
        {
            Assert.NotNull(holder.GetCustomAttribute<HoldsPersonalDataAttribute>());
            Assert.Contains(holder.Name, registered);
        });
    }
}
