using System.Globalization;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Register;

/// <summary><c>LocalGovStandard.Functions import-register &lt;file.csv&gt;</c>: the same import as the admin route, with progress.</summary>
public static class RegisterCommand
{
    public const string Verb = "import-register";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length < 2 || !File.Exists(args[1]))
        {
            await output.WriteLineAsync($"Usage: {Verb} <path to uk_local_authorities.csv>");
            await output.WriteLineAsync("Download the register from mySociety's 'UK Local Authority Names and Codes' data set.");
            return 2;
        }

        if (!await services.GetRequiredService<StorageInitializer>().TryCreateAllAsync(CancellationToken.None))
        {
            await output.WriteLineAsync("Storage is not reachable. Check AzureWebJobsStorage (is Azurite running?).");
            return 1;
        }

        var progress = new ConsoleProgress(output);
        using var reader = new StreamReader(args[1]);
        await output.WriteLineAsync($"Importing {args[1]} ...");
        var result = await services.GetRequiredService<RegisterImporter>().ImportAsync(reader, "organiser:cli", progress, CancellationToken.None);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {result.Imported}, updated {result.Updated}, skipped {result.Skipped} unchanged, {result.Errors.Count} error(s)."));
        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  line {error.Line}: {error.Message}"));
        }

        return 0;
    }

    /// <summary>Writes progress in order, on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class ConsoleProgress(TextWriter output) : IProgress<RegisterImportProgress>
    {
        public void Report(RegisterImportProgress value) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value.Stage}: {value.Done}/{value.Total}"));
    }
}
