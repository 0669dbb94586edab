using System.Reflection;
using LocalGovStandard.Tests.Browser;
using LocalGovStandard.Tests.Deployment;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Keeps <c>./build.sh test --fast</c> honest: no class that starts Azurite, Chromium, the package or Bicep is left in it.</summary>
public sealed class NeedsTraitTests
{
    [Fact]
    public void EveryTestClass_DeclaresWhatItsFixturesStart()
    {
        var wrong = new List<string>();
        foreach (var type in typeof(NeedsTraitTests).Assembly.GetTypes().Where(IsTestClass))
        {
            var needed = Fixtures(type).SelectMany(NeedsOf).ToHashSet();
            var declared = Declared(type).Where(n => n != Needs.WholeSuite).ToHashSet();
            if (!needed.SetEquals(declared))
            {
                wrong.Add($"{type.FullName}: needs [{string.Join(", ", needed.Order())}], declares [{string.Join(", ", declared.Order())}]");
            }
        }

        Assert.True(wrong.Count == 0, "Declare with [Trait(Needs.Trait, Needs.X)]:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void TheFastSubset_HoldsTestsThatNeedNothing()
    {
        var fast = typeof(NeedsTraitTests).Assembly.GetTypes().Where(IsTestClass).Where(t => !Declared(t).Any()).ToList();

        Assert.Contains(typeof(NeedsTraitTests), fast);
        Assert.DoesNotContain(typeof(PackageTests), fast);
        Assert.DoesNotContain(typeof(Hardening.Logs.SuiteLogAudit), fast);
        Assert.All(fast, type => Assert.Empty(Fixtures(type)));
    }

    private static bool IsTestClass(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>().Any());

    private static IEnumerable<string> Declared(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == Needs.Trait)
            .Select(a => (string)a.ConstructorArguments[1].Value!);

    /// <summary>Class fixtures, and the fixtures of the collection the class is in.</summary>
    private static IEnumerable<Type> Fixtures(Type type)
    {
        var collection = type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(CollectionAttribute))
            .Select(a => (string?)a.ConstructorArguments[0].Value).FirstOrDefault();
        var definition = collection is null ? null : type.Assembly.GetTypes().FirstOrDefault(t =>
            t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(CollectionDefinitionAttribute) && (string?)a.ConstructorArguments.FirstOrDefault().Value == collection));
        return new[] { type, definition }.OfType<Type>().SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IClassFixture<>) || i.GetGenericTypeDefinition() == typeof(ICollectionFixture<>)))
            .Select(i => i.GetGenericArguments()[0]);
    }

    private static IEnumerable<string> NeedsOf(Type fixture)
    {
        if (fixture.IsAssignableTo(typeof(ServiceFixture)))
        {
            yield return Needs.Azurite;
        }

        if (fixture.IsAssignableTo(typeof(BrowserFixture)))
        {
            yield return Needs.Chromium;
        }

        if (fixture == typeof(PackageTests.Package))
        {
            yield return Needs.Package;
        }

        if (fixture == typeof(BicepTemplateTests.CompiledTemplate))
        {
            yield return Needs.Bicep;
        }
    }
}
