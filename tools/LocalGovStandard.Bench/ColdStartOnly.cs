namespace LocalGovStandard.Bench;

/// <summary>
/// <c>./build.sh bench --cold-start-only</c>: the cold starts alone, a few minutes rather than the whole run; their
/// section of docs/performance.md (and the summary's cold-start rows) replaced, everything else kept as the last full run wrote it.
/// </summary>
internal static class ColdStartOnly
{
    private const string SectionHeading = "## Cold start:";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var runs = arguments.Quick ? 3 : 7;
        Console.WriteLine($"==> Cold start only: the bare app, and the handler with and without ReadyToRun, {runs} starts each; load average {LoadAverage.Now()}");
        var results = await ColdStartScenario.RunAsync(runs);
        Console.WriteLine(ColdStartReport.Table(results));
        Console.WriteLine(ColdStartReport.Breakdown(ColdStartReport.Result(results, ColdStartScenario.ReadyToRun)));
        if (string.IsNullOrEmpty(arguments.ReportPath) || !File.Exists(arguments.ReportPath))
        {
            return 0;
        }

        var document = await File.ReadAllTextAsync(arguments.ReportPath);
        var start = document.IndexOf(SectionHeading, StringComparison.Ordinal);
        var end = start < 0 ? -1 : document.IndexOf("\n## ", start + SectionHeading.Length, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            throw new InvalidOperationException($"{arguments.ReportPath} has no cold-start section to replace; run the whole bench.");
        }

        document = document[..start] + ColdStartReport.Section(results, runs).TrimEnd() + "\n" + document[end..];
        document = ReplaceSummaryRows(document, results);
        await File.WriteAllTextAsync(arguments.ReportPath, document);
        Console.WriteLine($"==> Replaced the cold-start section of {Path.GetRelativePath(BenchArguments.RepositoryRoot, arguments.ReportPath)}");
        return 0;
    }

    /// <summary>The summary's "| cold start |" rows, written as a full run writes them.</summary>
    private static string ReplaceSummaryRows(string document, IReadOnlyList<ColdStartResult> results)
    {
        var rows = new MarkdownTable("scenario", "figure", ">measured", "baseline (same run)", ">baseline", ">ratio", "target");
        ColdStartReport.SummaryRows(rows, results);
        var fresh = rows.ToString().Split('\n').Where(line => line.StartsWith("| cold start", StringComparison.Ordinal)).ToList();
        var lines = document.Split('\n').ToList();
        var first = lines.FindIndex(line => line.StartsWith("| cold start", StringComparison.Ordinal));
        if (first < 0)
        {
            return document;
        }

        lines.RemoveAll(line => line.StartsWith("| cold start", StringComparison.Ordinal));
        lines.InsertRange(first, fresh);
        return string.Join('\n', lines);
    }
}
