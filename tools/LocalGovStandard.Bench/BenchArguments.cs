using System.Globalization;

namespace LocalGovStandard.Bench;

internal sealed class BenchArguments
{
    public string? Scenario { get; private set; }
    public int Scale { get; private set; } = 1;
    public string? Variant { get; private set; }
    public int[] Scales { get; private set; } = [1, 2, 4];

    /// <summary>Fewer repetitions everywhere, for trying the command out; the figures are noisier.</summary>
    public bool Quick { get; private set; }

    /// <summary>Only the cold starts: their section of the report is replaced, the rest kept from the last full run.</summary>
    public bool ColdStartOnly { get; private set; }

    /// <summary>Where the report goes; empty to print only.</summary>
    public string ReportPath { get; private set; } = Path.Combine(RepositoryRoot, "docs", "performance.md");

    public static string RepositoryRoot => LocalGovStandard.Tests.Infrastructure.RepositoryPaths.Root;

    public static BenchArguments Parse(string[] args)
    {
        var arguments = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--scenario": arguments.Scenario = Next(); break;
                case "--scale": arguments.Scale = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--variant": arguments.Variant = Next(); break;
                case "--scales": arguments.Scales = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--quick": arguments.Quick = true; break;
                case "--cold-start-only": arguments.ColdStartOnly = true; break;
                case "--report": arguments.ReportPath = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --scales 1,2,4  --quick  --cold-start-only  --report PATH (empty: print only)");
            }
        }

        return arguments;
    }
}
