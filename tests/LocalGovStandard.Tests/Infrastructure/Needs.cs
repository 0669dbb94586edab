namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// What a test class needs beyond the test process, as an xUnit trait: <c>[Trait(Needs.Trait, Needs.Azurite)]</c>.
/// <c>./build.sh test --fast</c> leaves out every class that needs any of them; <see cref="NeedsTraitTests"/>
/// fails when a class's fixture starts one that the class does not declare.
/// </summary>
public static class Needs
{
    public const string Trait = "Needs";

    /// <summary>The storage emulator: every <see cref="ServiceFixture"/>.</summary>
    public const string Azurite = "Azurite";

    /// <summary>Headless Chromium: every <see cref="Browser.BrowserFixture"/>.</summary>
    public const string Chromium = "Chromium";

    /// <summary>The published function app (artifacts/functionapp.zip), run as a process.</summary>
    public const string Package = "Package";

    /// <summary>The Bicep CLI, restored from NuGet and run.</summary>
    public const string Bicep = "Bicep";

    /// <summary>The whole run before it: the audit of every log line the suite wrote.</summary>
    public const string WholeSuite = "WholeSuite";

    /// <summary>The filter for <c>dotnet test</c> that keeps only the classes needing none of them.</summary>
    public const string FastFilter = "Needs!=Azurite&Needs!=Chromium&Needs!=Package&Needs!=Bicep&Needs!=WholeSuite";
}
